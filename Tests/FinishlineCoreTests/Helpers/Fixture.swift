import Foundation

@testable import FinishlineCore

/// Loads the files under `Fixtures/`, which stand in for what reporters write on disk.
enum Fixture {
  struct Problem: Error, CustomStringConvertible {
    var description: String
  }

  /// The bytes of `Fixtures/<folder>/<name>`.
  static func data(_ name: String, in folder: String = "reports") throws -> Data {
    guard
      let url = Bundle.module.url(
        forResource: name, withExtension: nil, subdirectory: "Fixtures/\(folder)")
    else { throw Problem(description: "no fixture named \(folder)/\(name)") }
    return try Data(contentsOf: url)
  }

  static func text(_ name: String, in folder: String) throws -> String {
    String(decoding: try data(name, in: folder), as: UTF8.self)
  }

  /// The fixture parsed by the parser its extension names; fails the test if it is unreadable.
  static func report(_ name: String) throws -> ParsedReport {
    let result = parse(name, try data(name))
    guard case .parsed(let report) = result else {
      throw Problem(description: "\(name) did not parse: \(result)")
    }
    return report
  }

  /// Runs the reader the content names over `data`, as `run.reports` does; a file no reader
  /// recognizes goes to the one its extension suggests, to say why it is no report.
  static func parse(_ name: String, _ data: Data) -> ReportParseResult {
    let fallback: ReportFormat = name.hasSuffix(".json") ? .mochawesome : .junit
    let format = ReportFormat.recognizing(ReportShape.of(BytesSource([UInt8](data)))) ?? fallback
    return format.reader.parse(data, path: name, retries: .auto)
  }
}
