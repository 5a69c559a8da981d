public import FoundationEssentials
public import Glibc

/// Whole-file reads and replacements for finishline's own files (state, metrics), written with
/// Glibc because `Data.write(options: .atomic)` never fsyncs the directory, resets the mode to
/// 0644 and writes through a symbolic link.
public enum AtomicFile {
  /// Replaces the file at `path` so that a crash at any instant leaves either the old or the
  /// new contents, never a torn file.
  ///
  /// Writes a temporary file in the same directory (so the rename cannot cross file systems),
  /// sets its mode, fsyncs it, renames it over the target and fsyncs the directory so the
  /// rename itself survives a power cut. The temporary file is removed if any step fails.
  /// - Parameter mode: the file's mode; by default 0600, or 0660 in a group-shared state
  ///   directory (`StateDirectory`).
  /// - Throws: `FileRefusal.symbolicLink` when `path` is a symbolic link, or `SyscallError`.
  public static func write(_ data: Data, to path: String, mode: mode_t? = nil) throws {
    try write(to: path, mode: mode) { file in try file.writeAll(data) }
  }

  /// `write`, with the contents written to the file a piece at a time by `produce`, so a large
  /// file (the parse cache) is never also whole in memory; nothing replaces the target when
  /// `produce` throws.
  static func write(to path: String, mode: mode_t? = nil, produce: (FileDescriptor) throws -> Void) throws {
    if let status = try Syscall.linkStatus(atPath: path), status.isSymbolicLink {
      throw FileRefusal.symbolicLink(path: path)
    }
    let (directory, name) = PathText.split(path)
    let mode = mode ?? StateDirectory.fileMode(in: directory)
    let temporary = try Syscall.makeTemporaryFile(PathText.join(directory, ".\(name).tmp-XXXXXX"))
    let file = FileDescriptor(adopting: temporary.fd, path: temporary.path)
    do {
      try produce(file)
      try file.changeMode(to: mode)
      try file.sync()
      try file.close()
      try Syscall.rename(temporary.path, over: path)
    } catch {
      // Best effort: the error worth reporting is the one that made the write fail.
      try? Syscall.unlink(temporary.path)
      throw error
    }
    let directoryHandle = try FileDescriptor(opening: directory, flags: O_RDONLY | O_DIRECTORY)
    try directoryHandle.sync()
  }

  /// Reads a whole file, or returns `nil` when there is none.
  ///
  /// - Parameter limit: the most bytes to accept; a state file is small, so anything larger is
  ///   a mistake rather than something to load into memory.
  /// - Throws: `FileRefusal` for a symbolic link, a non-regular file or a file over `limit`;
  ///   `SyscallError` otherwise.
  public static func read(_ path: String, limit: Int) throws -> Data? {
    try readBytes(path, limit: limit).map { Data($0) }
  }

  /// `read` into an array, for readers that work on bytes (the series' history).
  static func readBytes(_ path: String, limit: Int) throws -> [UInt8]? {
    guard let (file, size) = try openRegular(path, limit: limit) else { return nil }
    guard let bytes = try file.readBytesToEnd(limit: limit, sizeHint: size) else {
      throw FileRefusal.tooLarge(path: path, size: limit + 1, limit: limit)
    }
    return bytes
  }

  /// `read` as a read-only mapping, for a large file of which a reader needs a few pages
  /// (the parse cache); refused as `read` refuses.
  static func map(_ path: String, limit: Int) throws -> MappedBytes? {
    guard let (file, size) = try openRegular(path, limit: limit) else { return nil }
    return try MappedBytes(mapping: file, count: size)
  }

  /// The regular file at `path` opened for reading, and its size; `nil` when there is none.
  private static func openRegular(_ path: String, limit: Int) throws -> (FileDescriptor, Int)? {
    let file: FileDescriptor
    do throws(SyscallError) {
      // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
      file = try FileDescriptor(opening: path, flags: O_RDONLY | O_NOFOLLOW | O_NONBLOCK)
    } catch let error where error.errno == ENOENT {
      return nil
    } catch let error where error.errno == ELOOP {
      throw FileRefusal.symbolicLink(path: path)
    }
    let status = try file.status()
    guard status.isRegularFile else { throw FileRefusal.notARegularFile(path: path) }
    let size = Int(status.st_size)
    guard size <= limit else { throw FileRefusal.tooLarge(path: path, size: size, limit: limit) }
    return (file, size)
  }
}
