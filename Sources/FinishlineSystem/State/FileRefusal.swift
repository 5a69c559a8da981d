/// A file finishline will not use even though the system would let it, because the spec says so
/// (symbolic links in place of state files) or because using it could hang or exhaust memory.
public enum FileRefusal: Error, Sendable, Equatable, CustomStringConvertible {
  /// A symbolic link where finishline keeps its own files; following it could write elsewhere.
  case symbolicLink(path: String)
  /// Something other than a directory where a directory is needed.
  case notADirectory(path: String)
  /// A FIFO, device or directory where a regular file is needed; reading one could block.
  case notARegularFile(path: String)
  /// A file larger than the configured read limit.
  case tooLarge(path: String, size: Int, limit: Int)

  public var description: String {
    switch self {
    case .symbolicLink(let path):
      "refusing to use \(path): it is a symbolic link; replace it with the real file or directory"
    case .notADirectory(let path):
      "refusing to use \(path): it exists but is not a directory"
    case .notARegularFile(let path):
      "refusing to read \(path): it is not a regular file"
    case .tooLarge(let path, let size, let limit):
      "refusing to read \(path): it is \(size) bytes, over the limit of \(limit) bytes"
    }
  }
}
