public import FoundationEssentials
import Glibc

/// Reads artifacts and markers with a size cap, so that one runaway report cannot exhaust
/// memory or hold up an invocation that has a deadline.
///
/// Unlike `AtomicFile.read`, this follows symbolic links: artifacts belong to the test run,
/// which may well link them in from elsewhere.
public struct BoundedFileReader: Sendable {
  /// What reading a file came to.
  public enum Outcome: Sendable, Equatable {
    case contents(Data)
    /// The file holds more than the limit; it was not read. `size` is what `fstat` reported.
    case tooLarge(size: Int)
    /// The file is not there (any more): artifacts come and go while a run writes them.
    case missing
  }

  /// 256 MiB: far above any real report, far below what would endanger the host.
  public static let defaultLimit = 256 << 20

  /// The most bytes a file may hold to be read.
  public var limit: Int

  public init(limit: Int = BoundedFileReader.defaultLimit) {
    self.limit = limit
  }

  /// Reads the whole file at `path`, unless it is over the limit.
  /// - Throws: `FileRefusal.notARegularFile` for a FIFO, device or directory (opened without
  ///   blocking, so a FIFO cannot stall the read); `SyscallError` for other failures.
  public func read(_ path: String) throws -> Outcome {
    guard let file = try FileDescriptor(openingIfPresent: path, flags: O_RDONLY | O_NONBLOCK)
    else { return .missing }
    let status = try file.status()
    guard status.isRegularFile else { throw FileRefusal.notARegularFile(path: path) }
    let size = Int(status.st_size)
    guard size <= limit else { return .tooLarge(size: size) }
    guard let data = try file.readToEnd(limit: limit, sizeHint: size) else {
      // The file grew past the limit while it was being read.
      return .tooLarge(size: Int(try file.status().st_size))
    }
    return .contents(data)
  }
}
