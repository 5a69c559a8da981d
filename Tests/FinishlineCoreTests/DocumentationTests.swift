import Foundation
import Testing

@testable import FinishlineCore

/// The README's decision table is written from `Classifier.rules`; this keeps them in step.
@Suite("documentation")
struct DocumentationTests {
  static func readme() throws -> String {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
    return try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
  }

  @Test func everyRuleIsARowOfTheREADMEDecisionTableInOrder() throws {
    let readme = try Self.readme()
    var position = readme.startIndex
    for (index, rule) in Classifier.rules.enumerated() {
      let row = "| \(index + 1) | `\(rule.id.rawValue)` |"
      let found = try #require(readme.range(of: row, range: position..<readme.endIndex), "README lacks row \(row)")
      position = found.upperBound
    }
  }

  @Test func everyExitCodeIsDocumented() throws {
    let readme = try Self.readme()
    for status in ExitStatus.allCases {
      #expect(readme.contains("| \(status.rawValue) |"), "exit \(status.rawValue) is not in the README")
    }
  }
}
