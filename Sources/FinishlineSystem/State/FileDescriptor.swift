import FoundationEssentials
import Glibc

/// An open file descriptor that closes itself when dropped, so that no early return or thrown
/// error can leak one; `close()` is there for writers that must hear about a failed close.
final class FileDescriptor {
  /// The path it was opened with, for error messages.
  let path: String
  private(set) var rawValue: Int32

  init(opening path: String, flags: Int32, mode: mode_t = 0) throws(SyscallError) {
    self.path = path
    rawValue = try Syscall.open(path, flags: flags | O_CLOEXEC, mode: mode)
  }

  /// Opens `path`, or returns `nil` when it (or a directory on the way) does not exist.
  convenience init?(openingIfPresent path: String, flags: Int32) throws(SyscallError) {
    do throws(SyscallError) {
      try self.init(opening: path, flags: flags)
    } catch let error where error.errno == ENOENT || error.errno == ENOTDIR {
      return nil
    }
  }

  /// Takes ownership of a descriptor opened some other way (such as by `mkstemp`).
  init(adopting rawValue: Int32, path: String) {
    self.path = path
    self.rawValue = rawValue
  }

  deinit {
    if rawValue >= 0 { try? Syscall.close(rawValue, path: path) }
  }

  func status() throws(SyscallError) -> stat {
    try Syscall.fileStatus(of: rawValue, path: path)
  }

  /// Reads to the end of the file, or returns `nil` as soon as it holds more than `limit`
  /// bytes, so a file that grows while being read cannot exhaust memory.
  /// - Parameter sizeHint: the expected size (from `fstat`), to avoid regrowing the buffer.
  func readToEnd(limit: Int, sizeHint: Int = 0) throws(SyscallError) -> Data? {
    try readBytesToEnd(limit: limit, sizeHint: sizeHint).map { Data($0) }
  }

  /// `readToEnd` into an array, for readers that work on bytes (no copy out of `Data`).
  func readBytesToEnd(limit: Int, sizeHint: Int = 0) throws(SyscallError) -> [UInt8]? {
    var bytes = [UInt8](repeating: 0, count: min(max(sizeHint, 4096), limit) + 1)
    var filled = 0
    while true {
      guard filled <= limit else { return nil }
      if filled == bytes.count { bytes += [UInt8](repeating: 0, count: min(bytes.count * 2, limit + 1) - bytes.count) }
      let start = filled
      let outcome = bytes.withUnsafeMutableBytes { raw in
        Result { () throws(SyscallError) in
          try Syscall.read(rawValue, into: UnsafeMutableRawBufferPointer(rebasing: raw[start...]), path: path)
        }
      }
      let count = try outcome.get()
      guard count > 0 else { break }
      filled += count
    }
    bytes.removeSubrange(filled...)
    return bytes
  }

  /// Writes every byte, continuing after short writes.
  func writeAll(_ bytes: some ContiguousBytes) throws(SyscallError) {
    let outcome = bytes.withUnsafeBytes { raw in
      Result { () throws(SyscallError) in try Syscall.writeAll(rawValue, raw, path: path) }
    }
    try outcome.get()
  }

  func sync() throws(SyscallError) {
    try Syscall.fsync(rawValue, path: path)
  }

  func changeMode(to mode: mode_t) throws(SyscallError) {
    try Syscall.fchmod(rawValue, mode: mode, path: path)
  }

  /// Closes now and reports a failure, which for a file just written can mean lost data.
  func close() throws(SyscallError) {
    let fd = rawValue
    rawValue = -1
    try Syscall.close(fd, path: path)
  }
}
