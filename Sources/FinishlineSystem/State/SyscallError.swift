import Glibc

/// A failed system call, kept with what was attempted and where so an operator can act on it:
/// "fsync of /var/lib/finishline/B-42.json failed: No space left on device".
public struct SyscallError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What was attempted, as a short verb phrase ("open", "fsync", "replace").
  public var operation: String
  /// The path involved, when there is one.
  public var path: String?
  public var errno: Int32

  public init(operation: String, path: String?, errno: Int32) {
    self.operation = operation
    self.path = path
    self.errno = errno
  }

  /// The C library's text for `errno`, such as "Permission denied".
  public var reason: String { Self.describe(errno) }

  /// The C library's words for `code`, e.g. "No such file or directory".
  static func describe(_ code: Int32) -> String { String(cString: strerror(code)) }

  public var description: String {
    guard let path else { return "\(operation) failed: \(reason)" }
    return "\(operation) of \(path) failed: \(reason)"
  }
}
