internal import FinishlineCore
import Glibc

/// A report file read a chunk at a time for a streaming reader, never past the read limit.
struct FileChunks: ByteSource {
  /// The file grew past the read limit while it was being read.
  struct OverLimit: Error {}

  private let file: FileDescriptor
  private var budget: Int

  /// Opens `path`; `nil` when it is missing, no regular file or over `limit`, for the
  /// whole-file read (`BoundedFileReader`) to say which.
  init?(path: String, limit: Int) {
    guard let file = try? FileDescriptor(openingIfPresent: path, flags: O_RDONLY | O_NONBLOCK),
      let status = try? file.status(), status.isRegularFile, Int(status.st_size) <= limit
    else { return nil }
    self.file = file
    budget = limit
  }

  mutating func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws -> Int {
    let count = try Syscall.read(file.rawValue, into: UnsafeMutableRawBufferPointer(buffer), path: file.path)
    budget -= count
    guard budget >= 0 else { throw OverLimit() }
    return count
  }
}
