internal import Glibc

/// A file's bytes mapped read-only, or bytes held in memory, behind one view: a large run's
/// parse cache is over 50 MB, of which an unchanged re-check reads a few pages, and reading it
/// whole zeroed and copied every one of them.
///
/// A mapping stays valid when the file is replaced by a rename, finishline's only way of
/// writing its files; it would fault if the file were truncated in place while mapped, which
/// nothing holding the run's lock does. Immutable once made, so it is shared freely.
final class MappedBytes: @unchecked Sendable {
  let buffer: UnsafeRawBufferPointer
  private let mapped: Bool

  /// A copy of `bytes` in memory (tests and the fuzzer decode arrays).
  init(copying bytes: [UInt8]) {
    let memory = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 8)
    memory.copyBytes(from: bytes)
    buffer = UnsafeRawBufferPointer(memory)
    mapped = false
  }

  /// The first `count` bytes of the open file, mapped privately and read-only.
  init(mapping file: FileDescriptor, count: Int) throws(SyscallError) {
    guard count > 0 else {
      self.buffer = UnsafeRawBufferPointer(start: nil, count: 0)
      mapped = false
      return
    }
    let address = mmap(nil, count, PROT_READ, MAP_PRIVATE, file.rawValue, 0)
    guard let address, address != MAP_FAILED else {
      throw SyscallError(operation: "mmap", path: file.path, errno: errno)
    }
    buffer = UnsafeRawBufferPointer(start: address, count: count)
    mapped = true
  }

  deinit {
    if mapped {
      munmap(UnsafeMutableRawPointer(mutating: buffer.baseAddress), buffer.count)
    } else {
      buffer.deallocate()
    }
  }

  /// The bytes of `range`, valid only inside `body`.
  func withBytes<Result, Failure: Error>(
    _ range: Range<Int>, _ body: (UnsafeRawBufferPointer) throws(Failure) -> Result
  ) throws(Failure) -> Result {
    defer { withExtendedLifetime(self) {} }
    return try body(UnsafeRawBufferPointer(rebasing: buffer[range]))
  }
}
