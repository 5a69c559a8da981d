import Testing

@testable import FinishlineCore

@Suite("Naming a build's series")
struct SeriesNamingTests {
  @Test(arguments: [
    ("nightly-412", "nightly"), ("e2e_7", "e2e"), ("release#12", "release"), ("v2.1", "v2"),
    ("BUILD-43", "BUILD"), ("smoke", "smoke"), ("412", "412"), ("-7", "-"), ("nightly-412-retry", "nightly-412-retry"),
    ("build12", "build"),
  ])
  func `by default a series is the build name without its trailing number`(build: String, series: String) throws {
    #expect(try SeriesNaming().series(of: build) == series)
  }

  @Test func `a template fills in the captures of series_match, and a build it does not match is a series of its own`()
    throws
  {
    let naming = try SeriesNaming(template: "{branch}/{job}", match: #"^(?<job>[a-z]+)-(?<branch>[a-z]+)-\d+$"#)
    #expect(naming.series(of: "nightly-main-412") == "main/nightly")
    #expect(naming.series(of: "adhoc") == "adhoc")
  }

  @Test func `a categorized sub-run's series is its parent's series and its group`() throws {
    #expect(try SeriesNaming().series(of: "nightly-412", group: "smoke") == "nightly/smoke")
  }

  @Test func `a template naming a capture series_match lacks, or a broken regex, is refused with the reason`() {
    #expect(throws: SeriesNaming.Problem.self) { try SeriesNaming(template: "{branch}") }
    #expect(throws: SeriesNaming.Problem.self) { try SeriesNaming(template: "{job}", match: "(") }
  }

  @Test func `the default series_match, which a load never compiles, compiles and captures job`() throws {
    let regex = try Regex(SeriesNaming.defaultMatch)
    #expect(regex.contains(captureNamed: "job"))
    let templated = try SeriesNaming(template: "{job}")
    #expect(templated.series(of: "nightly-412") == "nightly")
  }
}
