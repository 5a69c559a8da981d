import Testing

@testable import FinishlineCore

@Suite("Status logs")
struct StatusLogParserTests {
  private func statuses(
    _ files: [String], pattern: StatusLinePattern? = nil
  ) throws -> [String: StatusLine] {
    let pattern = try pattern ?? StatusLinePattern(StatusLinePattern.defaultSource)
    var result: [String: StatusLine] = [:]
    for file in files {
      StatusLogParser.lastStatuses(
        in: try Fixture.text(file, in: "status"), source: file, pattern: pattern, into: &result)
    }
    return result
  }

  @Test func `the spec's default pattern is valid`() throws {
    #expect(try StatusLinePattern(StatusLinePattern.defaultSource).source == StatusLinePattern.defaultSource)
  }

  @Test func `the last matching line per machine wins; chatter and unknown words are ignored`() throws {
    let result = try statuses(["BUILD-42.log"])

    #expect(
      result == [
        "vm-03": StatusLine(
          machine: "vm-03", status: .passed, timestamp: "2024-05-02 10:21:09",
          source: "BUILD-42.log:9"),
        "vm-04": StatusLine(
          machine: "vm-04", status: .failed, timestamp: "2024-05-02 10:24:51",
          source: "BUILD-42.log:10"),
        "vm-05": StatusLine(
          machine: "vm-05", status: .running, timestamp: "2024-05-02 10:00:17",
          source: "BUILD-42.log:7"),
      ])
  }

  @Test func `a later file overrides an earlier one for the machines it mentions`() throws {
    let result = try statuses(["BUILD-42.log", "BUILD-42-retry.log"])

    #expect(result["vm-04"]?.status == .passed)
    #expect(result["vm-04"]?.source == "BUILD-42-retry.log:3")
    #expect(result["vm-03"]?.status == .passed)
    #expect(result.count == 3)
  }

  @Test func `CRLF line ends do not leak into captures`() throws {
    let result = try statuses(["BUILD-43-crlf.log"])

    #expect(result["vm-07"]?.status == .running)
    #expect(result["vm-07"]?.source == "BUILD-43-crlf.log:2")
    #expect(result["vm-08"]?.timestamp == "2024-05-02 10:19:44")
  }

  @Test func `a custom pattern may omit the timestamp and spell statuses its own way`() throws {
    let pattern = try StatusLinePattern(#"^\[(?<machine>[\w-]+)\] state=(?<status>[a-z_]+)"#)
    var result: [String: StatusLine] = [:]
    let log = """
      [vm-01] state=not_started
      [vm-02] state=running
      [vm-01] state=running
      [vm-02] state=done
      [vm-01] state=cancelled (operator)
      """

    StatusLogParser.lastStatuses(in: log, source: "custom.log", pattern: pattern, into: &result)

    #expect(result["vm-01"]?.status == .cancelled)
    #expect(result["vm-01"]?.timestamp == nil)
    #expect(result["vm-02"]?.status == .running)
    #expect(result["vm-02"]?.source == "custom.log:2")
  }

  @Test(
    arguments: [
      (#"(?<machine>\S+) (?<status>\S+"#, "does not compile"),
      (#"(?<host>\S+) (?<status>\S+)"#, "has no named group `(?<machine>…)`"),
      (#"(?<ts>\S+) (?<machine>\S+)"#, "has no named group `(?<status>…)`"),
    ])
  func `a pattern that cannot be used is refused with the reason`(pattern: String, problem: String) {
    #expect {
      try StatusLinePattern(pattern)
    } throws: { error in
      guard let error = error as? StatusLinePatternError else { return false }
      return String(describing: error).contains(problem)
        && String(describing: error).contains(pattern)
    }
  }

  @Test func `a pattern that does not compile says so with the compiler's reason`() {
    #expect(throws: StatusLinePatternError.doesNotCompile(pattern: "(a", reason: "expected ')'")) {
      try StatusLinePattern("(a")
    }
  }

  @Test func `the default status_line, which a load never compiles, compiles with its required captures`() throws {
    try StatusLinePattern.validate(StatusLinePattern.defaultSource)
    #expect(throws: StatusLinePatternError.self) { try StatusLinePattern.validate("^(?<machine>\\S+)$") }
  }
}
