import Foundation
import TestSupport
import Testing

/// The code stays readable at a glance (ARCHITECTURE: functions short enough to read at once).
@Suite("source shape")
struct SourceShapeTests {
  static let limit = 60
  static let modifiers: Set<String> = [
    "public", "private", "fileprivate", "internal", "static", "mutating", "override", "nonisolated", "final",
  ]

  /// Each `func` and `init` in Sources whose body, from its declaration to its closing brace,
  /// runs longer than the limit. Braces are counted outside string literals.
  static func longFunctions() throws -> [String] {
    let sources = RepositoryPaths.root.appendingPathComponent("Sources")
    guard let walker = FileManager.default.enumerator(atPath: sources.path) else {
      throw SupportError("\(sources.path) is missing: there is nothing to measure")
    }
    let files = walker.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
    guard files.count > 100 else { throw SupportError("only \(files.count) Swift files under \(sources.path)") }
    var long: [String] = []
    for file in files {
      let lines = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
        .components(separatedBy: "\n")
      for index in lines.indices where declaresFunction(lines[index]) {
        guard let length = bodyLength(lines, from: index), length > limit else { continue }
        long.append("\(file):\(index + 1) (\(length) lines)")
      }
    }
    return long.sorted()
  }

  static func declaresFunction(_ line: String) -> Bool {
    let words = line.split(separator: " ").drop { modifiers.contains(String($0)) || $0.hasPrefix("@") }
    guard let first = words.first else { return false }
    return first == "func" || first.hasPrefix("init(") || first.hasPrefix("init<") || first.hasPrefix("init?(")
  }

  /// Lines from `start` to the brace that closes the body; `nil` for a requirement without one.
  static func bodyLength(_ lines: [String], from start: Int) -> Int? {
    var depth = 0
    var opened = false
    for index in start..<lines.count {
      var inString = false
      var previous: Character = " "
      for character in lines[index] {
        if character == "\"", previous != "\\" { inString.toggle() }
        if !inString, character == "{" {
          depth += 1
          opened = true
        }
        if !inString, character == "}" { depth -= 1 }
        previous = character
      }
      if opened, depth <= 0 { return index - start + 1 }
      // A declaration that reaches another member or the type's end has no body.
      if !opened, index > start,
        declaresFunction(lines[index]) || lines[index].trimmingCharacters(in: .whitespaces) == "}"
      {
        return nil
      }
    }
    return nil
  }

  @Test func `no function in Sources runs past sixty lines`() throws {
    let long = try Self.longFunctions()
    #expect(long.isEmpty, "\(long)")
  }
}

/// One test-naming style: the behaviour a test pins, in words, as its function's raw
/// identifier (`@Test func \`a dry run writes nothing at all\`()`), never a display-name
/// string beside a camelCase name.
@Suite("test names")
struct TestNamingTests {
  @Test func `every test is named by the behaviour it pins, in one style`() throws {
    let tests = RepositoryPaths.root.appendingPathComponent("Tests")
    guard let walker = FileManager.default.enumerator(atPath: tests.path) else {
      throw SupportError("\(tests.path) is missing")
    }
    var tested = 0
    var offenders: [String] = []
    for case let file as String in walker where file.hasSuffix(".swift") {
      let text = try String(contentsOf: tests.appendingPathComponent(file), encoding: .utf8)
      let lines = text.components(separatedBy: "\n")
      for (index, line) in lines.enumerated() where line.trimmingCharacters(in: .whitespaces).hasPrefix("@Test") {
        tested += 1
        if line.contains("@Test(\"") { offenders.append("\(file):\(index + 1) has a display-name string") }
        let declaration = lines[index...].first { $0.contains("func ") } ?? ""
        if !declaration.contains("func `") { offenders.append("\(file):\(index + 1) is not named in words") }
      }
    }
    #expect(tested > 300, "only \(tested) tests found")
    #expect(offenders.isEmpty, "\(offenders)")
  }
}
