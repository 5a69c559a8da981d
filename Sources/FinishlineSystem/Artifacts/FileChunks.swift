internal import FinishlineCore
import Glibc

/// A report file read a chunk at a time for a streaming reader, never past the read limit.
///
/// The file is opened at the first read, so a reader that does not stream costs no `open`.
struct FileChunks: ByteSource {
  /// The file is missing, no regular file, or grew past the read limit while it was read; the
  /// whole-file read (`BoundedFileReader`) says which.
  struct Refused: Error {}

  private let path: String
  private var file: FileDescriptor?
  private var budget: Int

  init(path: String, limit: Int) {
    self.path = path
    budget = limit
  }

  mutating func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws -> Int {
    let file = try file ?? open()
    let count = try Syscall.read(file.rawValue, into: UnsafeMutableRawBufferPointer(buffer), path: file.path)
    budget -= count
    guard budget >= 0 else { throw Refused() }
    return count
  }

  private mutating func open() throws -> FileDescriptor {
    guard let opened = try? FileDescriptor(openingIfPresent: path, flags: O_RDONLY | O_NONBLOCK),
      let status = try? opened.status(), status.isRegularFile, Int(status.st_size) <= budget
    else { throw Refused() }
    file = opened
    return opened
  }
}
