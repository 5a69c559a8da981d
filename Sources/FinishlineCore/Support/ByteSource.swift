/// Where a streaming reader gets its bytes, a chunk at a time, so memory does not grow with
/// the size of what is read: a file read in pieces, or bytes already in memory.
public protocol ByteSource {
  /// Fills the start of `buffer` and returns how many bytes it wrote; 0 at the end.
  mutating func read(into buffer: UnsafeMutableBufferPointer<UInt8>) throws -> Int
}

/// Bytes in memory handed out at most `chunk` at a time: for tests that cut a document at
/// every place a read may end, and for the fuzzer.
public struct BytesSource: ByteSource {
  private let bytes: [UInt8]
  private let chunk: Int
  private var offset = 0

  public init(_ bytes: [UInt8], chunk: Int = .max) {
    self.bytes = bytes
    self.chunk = max(chunk, 1)
  }

  public mutating func read(into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
    let count = min(chunk, buffer.count, bytes.count - offset)
    guard count > 0 else { return 0 }
    _ = buffer.update(fromContentsOf: bytes[offset..<offset + count])
    offset += count
    return count
  }
}
