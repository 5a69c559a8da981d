/// Joining and splitting path strings, in one place so that every file building paths treats
/// the root directory and trailing slashes the same way.
enum PathText {
  /// `directory/name`, without doubling a slash the directory already ends with.
  static func join(_ directory: String, _ name: String) -> String {
    directory.hasSuffix("/") ? directory + name : directory + "/" + name
  }

  /// The directory (`.` for a bare name, `/` at the root) and the last component of `path`.
  static func split(_ path: String) -> (directory: String, name: String) {
    guard let slash = path.lastIndex(of: "/") else { return (".", path) }
    let directory = path[..<slash]
    return (directory.isEmpty ? "/" : String(directory), String(path[path.index(after: slash)...]))
  }
}
