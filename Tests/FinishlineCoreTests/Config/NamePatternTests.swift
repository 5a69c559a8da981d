import Glibc
import Testing

@testable import FinishlineCore

@Suite("Name patterns")
struct NamePatternTests {
  /// The last segment of `pattern`, compiled as configuration patterns are.
  private func compiled(_ pattern: String) throws -> NamePattern {
    let segments = try PathPattern(pattern, run: "B-1", stateDir: "/s").segments
    guard case .wildcard(let name)? = segments.last else {
      return NamePattern(elements: pattern.map { .literal($0) })
    }
    return name
  }

  @Test(arguments: ["*.json", "results-*.xml", "*", "a*", "*b", ".*", "*.tar.gz", "exact.json", "[ab]*.json", "?.json"])
  func `a name pattern matches as the shell's fnmatch does`(pattern: String) throws {
    let names = [
      "a.json", ".json", "x.json.bak", "results-.xml", "results-vm1.xml", "exact.json", "exact.jso", "b", "ab",
      ".hidden", "a.tar.gz", "tar.gz", ".tar.gz", "b.json", "c.json", "résumé.json", "a\r\n.json",
    ]
    let name = try compiled(pattern)
    for candidate in names {
      let shell = fnmatch(pattern, candidate, FNM_PERIOD) == 0
      #expect((name.match(candidate) != nil) == shell, "\(pattern) against \(candidate)")
    }
  }
}
