import Foundation
import Testing

/// Compares rendered text byte for byte with a file under `Fixtures/snapshots/`.
///
/// `FINISHLINE_UPDATE_SNAPSHOTS=1` rewrites the files instead (in the source tree, not the
/// built bundle), so a deliberate change in a message is one command and a reviewed diff.
enum Snapshot {
  static let directory = Repository.path("Tests/FinishlineCoreTests/Fixtures/snapshots")

  static var updating: Bool { ProcessInfo.processInfo.environment["FINISHLINE_UPDATE_SNAPSHOTS"] == "1" }

  static func expect(_ actual: String, matches name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let file = directory.appendingPathComponent(name)
    if updating {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      try Data(actual.utf8).write(to: file)
      return
    }
    guard let expected = try? Data(contentsOf: file) else {
      Issue.record(
        "no snapshot \(name); run with FINISHLINE_UPDATE_SNAPSHOTS=1 to record it", sourceLocation: sourceLocation)
      return
    }
    guard expected != Data(actual.utf8) else { return }
    let expectedText = String(decoding: expected, as: UTF8.self)
    let common = zip(expectedText, actual).prefix { $0 == $1 }.count
    Issue.record(
      """
      \(name) differs from the rendered text at character \(common) \
      (FINISHLINE_UPDATE_SNAPSHOTS=1 rewrites it):
      expected …\(expectedText.dropFirst(common).prefix(120))
      rendered …\(actual.dropFirst(common).prefix(120))
      """, sourceLocation: sourceLocation)
  }
}
