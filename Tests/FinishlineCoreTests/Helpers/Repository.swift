import Foundation

/// Paths inside the repository, found from this file's place in it, for tests that read the
/// examples, the docs or the snapshot fixtures as files.
enum Repository {
  /// `Tests/FinishlineCoreTests/Helpers/Repository.swift` is four levels below the root.
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  static func path(_ relative: String) -> URL { root.appendingPathComponent(relative) }

  /// The files under `relative` (recursively) whose name passes `keep`; a missing or empty
  /// folder is an error, so a test over a corpus can never pass by reading nothing.
  static func files(under relative: String, keep: (URL) -> Bool = { _ in true }) throws -> [URL] {
    let directory = path(relative)
    guard let walker = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else {
      throw Fixture.Problem(description: "\(relative) is missing")
    }
    let files = walker.compactMap { $0 as? URL }.filter(keep).sorted { $0.path < $1.path }
    guard !files.isEmpty else { throw Fixture.Problem(description: "\(relative) holds no file the test reads") }
    return files
  }
}
