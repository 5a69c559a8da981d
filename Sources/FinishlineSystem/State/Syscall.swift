import Glibc

/// The system calls finishline makes, in one place, so that every caller retries `EINTR` the
/// same way and every failure says what was attempted, on which path, and why it failed.
enum Syscall {
  /// Sleeps the calling thread for `seconds`, resuming after signals; invocations are
  /// synchronous, so a plain pause is what every caller wants.
  static func sleep(seconds: Double) {
    guard seconds > 0 else { return }
    var request = timespec(tv_sec: Int(seconds), tv_nsec: Int((seconds - seconds.rounded(.down)) * 1e9))
    var remaining = timespec()
    while nanosleep(&request, &remaining) == -1 && errno == EINTR { request = remaining }
  }

  static func open(_ path: String, flags: Int32, mode: mode_t = 0) throws(SyscallError) -> Int32 {
    try retrying("open", path: path) { Glibc.open(path, flags, mode) }
  }

  /// Closes without retrying: on Linux the descriptor is gone even when `close` reports
  /// `EINTR`, and retrying could close a descriptor another thread has just been given.
  static func close(_ fd: Int32, path: String?) throws(SyscallError) {
    guard Glibc.close(fd) == -1 else { return }
    let code = errno
    guard code != EINTR else { return }
    throw SyscallError(operation: "close", path: path, errno: code)
  }

  static func read(
    _ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, path: String?
  ) throws(SyscallError) -> Int {
    try retrying("read", path: path) { Glibc.read(fd, buffer.baseAddress, buffer.count) }
  }

  static func write(
    _ fd: Int32, from buffer: UnsafeRawBufferPointer, path: String?
  ) throws(SyscallError) -> Int {
    try retrying("write", path: path) { Glibc.write(fd, buffer.baseAddress, buffer.count) }
  }

  /// Writes every byte, continuing after short writes (and `EINTR`).
  static func writeAll(_ fd: Int32, _ buffer: UnsafeRawBufferPointer, path: String?) throws(SyscallError) {
    var written = 0
    while written < buffer.count {
      let count = try write(fd, from: UnsafeRawBufferPointer(rebasing: buffer[written...]), path: path)
      // No progress at all would loop forever; it means the device cannot take more.
      guard count > 0 else { throw SyscallError(operation: "write", path: path, errno: EIO) }
      written += count
    }
  }

  static func fileStatus(of fd: Int32, path: String?) throws(SyscallError) -> Glibc.stat {
    var status = Glibc.stat()
    _ = try retrying("fstat", path: path) { fstat(fd, &status) }
    return status
  }

  /// `stat` (following symbolic links), or `nil` when nothing is there.
  static func fileStatus(atPath path: String) throws(SyscallError) -> Glibc.stat? {
    try statusIfPresent("stat", path: path) { stat(path, $0) }
  }

  /// `lstat` (describing a symbolic link itself), or `nil` when nothing is there.
  static func linkStatus(atPath path: String) throws(SyscallError) -> Glibc.stat? {
    try statusIfPresent("lstat", path: path) { lstat(path, $0) }
  }

  static func fsync(_ fd: Int32, path: String?) throws(SyscallError) {
    _ = try retrying("fsync", path: path) { Glibc.fsync(fd) }
  }

  static func fchmod(_ fd: Int32, mode: mode_t, path: String?) throws(SyscallError) {
    _ = try retrying("chmod", path: path) { Glibc.fchmod(fd, mode) }
  }

  /// Renames `source` over `target`; a failure names the target, the file the operator knows,
  /// as "replace of /var/lib/finishline/B-42.json failed: …".
  static func rename(_ source: String, over target: String) throws(SyscallError) {
    _ = try retrying("replace", path: target) { Glibc.rename(source, target) }
  }

  static func unlink(_ path: String) throws(SyscallError) {
    _ = try retrying("unlink", path: path) { Glibc.unlink(path) }
  }

  /// Creates a directory; returns `false` when something already exists at the path.
  static func mkdir(_ path: String, mode: mode_t) throws(SyscallError) -> Bool {
    do throws(SyscallError) {
      _ = try retrying("mkdir", path: path) { Glibc.mkdir(path, mode) }
      return true
    } catch let error where error.errno == EEXIST {
      return false
    }
  }

  /// Creates a unique file from `template` (ending in `XXXXXX`, mode 0600, close-on-exec) and
  /// returns its descriptor and actual path.
  static func makeTemporaryFile(
    _ template: String
  ) throws(SyscallError) -> (fd: Int32, path: String) {
    var bytes = Array(template.utf8CString)
    let fd = try retrying("create temporary file", path: template) {
      bytes.withUnsafeMutableBufferPointer { buffer -> Int32 in
        guard let base = buffer.baseAddress else {
          errno = EINVAL
          return -1
        }
        return mkstemp(base)
      }
    }
    // Glibc hides mkostemp; nothing is exec'd between these two calls.
    _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
    let path = bytes.withUnsafeBufferPointer { buffer in
      String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
    return (fd, path)
  }

  /// Takes or tries a `flock(2)` lock; returns `false` only when a non-blocking attempt finds
  /// the lock held elsewhere.
  static func lock(_ fd: Int32, operation: Int32, path: String?) throws(SyscallError) -> Bool {
    do throws(SyscallError) {
      _ = try retrying("flock", path: path) { flock(fd, operation) }
      return true
    } catch let error where error.errno == EWOULDBLOCK {
      return false
    }
  }

  /// The working directory, absolute.
  static func currentDirectory() throws(SyscallError) -> String {
    guard let directory = getcwd(nil, 0) else {
      throw SyscallError(operation: "find the current directory", path: nil, errno: errno)
    }
    defer { free(directory) }
    return String(cString: directory)
  }

  /// This process's id (it never fails).
  static var processID: pid_t { getpid() }

  /// The real user id (it never fails).
  static var userID: uid_t { getuid() }

  /// The names in a directory (without `.` and `..`), or `nil` when it does not exist.
  ///
  /// Names that are not valid UTF-8 are left out: a `String` could not name them again.
  static func directoryEntries(_ path: String) throws(SyscallError) -> [String]? {
    var handle: OpaquePointer?
    repeat {
      handle = opendir(path)
    } while handle == nil && errno == EINTR
    guard let handle else {
      let code = errno
      guard code == ENOENT || code == ENOTDIR else {
        throw SyscallError(operation: "open directory", path: path, errno: code)
      }
      return nil
    }
    defer { closedir(handle) }
    var names: [String] = []
    while true {
      errno = 0
      guard let entry = readdir(handle) else {
        let code = errno
        guard code == 0 else {
          throw SyscallError(operation: "read directory", path: path, errno: code)
        }
        return names
      }
      let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
        String(validating: bytes.prefix { $0 != 0 }, as: UTF8.self)
      }
      if let name, name != ".", name != ".." { names.append(name) }
    }
  }

  /// Reads a `stat` structure, mapping "no such file" (and a missing parent directory) to nil.
  private static func statusIfPresent(
    _ operation: String, path: String, _ body: (UnsafeMutablePointer<Glibc.stat>) -> Int32
  ) throws(SyscallError) -> Glibc.stat? {
    var status = Glibc.stat()
    do throws(SyscallError) {
      _ = try retrying(operation, path: path) { body(&status) }
      return status
    } catch let error where error.errno == ENOENT || error.errno == ENOTDIR {
      return nil
    }
  }

  /// Runs `body` until it returns something other than -1 with `EINTR`.
  private static func retrying<Result: FixedWidthInteger>(
    _ operation: String, path: String?, _ body: () -> Result
  ) throws(SyscallError) -> Result {
    while true {
      let result = body()
      guard result == -1 else { return result }
      let code = errno
      guard code == EINTR else {
        throw SyscallError(operation: operation, path: path, errno: code)
      }
    }
  }
}
