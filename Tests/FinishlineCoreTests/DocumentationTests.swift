import Foundation
import Testing

@testable import FinishlineCore

/// The README's decision table is written from `Classifier.rules`; this keeps them in step.
@Suite("documentation")
struct DocumentationTests {
  static func readme() throws -> String {
    try String(contentsOf: Repository.path("README.md"), encoding: .utf8)
  }

  @Test func `every rule is a row of the README decision table in order`() throws {
    let readme = try Self.readme()
    var position = readme.startIndex
    for (index, rule) in Classifier.rules.enumerated() {
      let row = "| \(index + 1) | `\(rule.id.rawValue)` |"
      let found = try #require(readme.range(of: row, range: position..<readme.endIndex), "README lacks row \(row)")
      position = found.upperBound
    }
  }

  @Test func `every exit code is documented`() throws {
    let readme = try Self.readme()
    for status in ExitStatus.allCases {
      #expect(readme.contains("| \(status.rawValue) |"), "exit \(status.rawValue) is not in the README")
    }
  }
}

/// docs/ARCHITECTURE.md's recipes name the files a new format or channel touches; each named
/// file must exist, so the recipe cannot drift from the code unnoticed.
@Suite("architecture recipes")
struct ArchitectureRecipeTests {
  static let root = Repository.root

  /// The text of the section of docs/ARCHITECTURE.md headed `title`.
  static func section(_ title: String) throws -> String {
    let text = try String(contentsOf: root.appendingPathComponent("docs/ARCHITECTURE.md"), encoding: .utf8)
    let start = try #require(text.range(of: "## \(title)\n"), "docs/ARCHITECTURE.md has no section \(title)")
    let rest = text[start.upperBound...]
    return String(rest[..<(rest.range(of: "\n## ")?.lowerBound ?? rest.endIndex)])
  }

  /// Backticked repository paths in `text`, with the recipe's placeholder filled in.
  static func paths(in text: String, placeholder: String, example: String) -> [String] {
    text.split(separator: "`", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 1 }
      .map { String($0.element).replacingOccurrences(of: placeholder, with: example) }
      .filter { $0.hasPrefix("Sources/") || $0.hasPrefix("Tests/") || $0.hasPrefix("docs/") }
  }

  @Test(arguments: [("Adding a report format", "<Format>", "CTRF"), ("Adding a channel", "<Channel>", "Mattermost")])
  func `every file a recipe names exists`(title: String, placeholder: String, example: String) throws {
    let paths = Self.paths(in: try Self.section(title), placeholder: placeholder, example: example)
    #expect(paths.count >= 3, "the recipe names too few files: \(paths)")
    for path in paths {
      #expect(FileManager.default.fileExists(atPath: Self.root.appendingPathComponent(path).path), "\(path)")
    }
  }
}
