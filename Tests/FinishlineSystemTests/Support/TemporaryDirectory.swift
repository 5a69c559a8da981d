import Foundation

/// A fresh directory under the system temporary directory, removed when the test is done, so
/// tests touch the real file system without leaving anything behind or seeing each other.
struct TemporaryDirectory {
  let path: String

  /// Runs `body` with a new empty directory and removes it afterwards, even if `body` throws.
  static func with<Result>(_ body: (TemporaryDirectory) throws -> Result) throws -> Result {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("finishline-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try body(TemporaryDirectory(path: url.path))
  }

  /// The absolute path of `relativePath` inside the directory.
  func file(_ relativePath: String) -> String { path + "/" + relativePath }

  /// The names directly inside `relativePath` (the directory itself by default), sorted.
  func names(in relativePath: String = "") throws -> [String] {
    let directory = relativePath.isEmpty ? path : file(relativePath)
    return try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
  }

  /// Creates a file (and its parent directories) holding `contents`.
  @discardableResult
  func write(_ contents: String, to relativePath: String) throws -> String {
    let target = file(relativePath)
    try FileManager.default.createDirectory(
      atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try Data(contents.utf8).write(to: URL(fileURLWithPath: target))
    return target
  }

  func makeDirectory(_ relativePath: String, mode: Int = 0o755) throws {
    try FileManager.default.createDirectory(
      atPath: file(relativePath), withIntermediateDirectories: true,
      attributes: [.posixPermissions: mode])
  }

  func symlink(_ relativePath: String, to destination: String) throws {
    try FileManager.default.createSymbolicLink(
      atPath: file(relativePath), withDestinationPath: destination)
  }

  /// The permission bits of the file or directory itself (not a link's target).
  func permissions(of relativePath: String) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: file(relativePath))
    return (attributes[.posixPermissions] as? Int) ?? -1
  }

  /// Sets a file's modification time, so tests can order artifacts without waiting.
  func setModified(_ relativePath: String, to date: Date) throws {
    try FileManager.default.setAttributes(
      [.modificationDate: date], ofItemAtPath: file(relativePath))
  }

  func contents(of relativePath: String) throws -> String {
    try String(contentsOfFile: file(relativePath), encoding: .utf8)
  }
}
