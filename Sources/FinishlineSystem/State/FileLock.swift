import Glibc

/// An exclusive `flock(2)` on a sidecar lock file, held for a whole invocation so that two
/// invocations for one run can never both decide and post.
///
/// The lock belongs to the open file description: it is released by `unlock()`, by `deinit`,
/// or by the kernel when the process dies, so there is never a stale lock to recover. Lock a
/// sidecar (`B-42.lock`), never a file that is atomically replaced: a rename swaps the inode out
/// from under the lock.
public final class FileLock {
  /// What came of trying to take the lock.
  public enum Outcome {
    case acquired(FileLock)
    /// Another open file description held the lock for the whole wait.
    case busy
  }

  /// The lock file's path.
  public let path: String
  private var descriptor: FileDescriptor?

  private init(path: String, descriptor: FileDescriptor) {
    self.path = path
    self.descriptor = descriptor
  }

  /// Opens (creating, mode 0600) the lock file at `path` and takes an exclusive lock, waiting
  /// at most `maximumWait`.
  ///
  /// Polls a non-blocking attempt with short sleeps instead of blocking, because a blocking
  /// `flock` cannot be given a deadline without signals.
  /// - Parameter maximumWait: how long another holder may keep us waiting; zero tries once.
  /// - Throws: `SyscallError` when the lock file cannot be opened (a symbolic link in its place
  ///   fails with "Too many levels of symbolic links") or `flock` fails for another reason.
  public static func acquire(
    path: String, maximumWait: Duration
  ) throws(SyscallError) -> Outcome {
    let mode = StateDirectory.fileMode(in: PathText.split(path).0)
    let descriptor = try FileDescriptor(opening: path, flags: O_RDWR | O_CREAT | O_NOFOLLOW, mode: mode)
    // The umask may have taken the group's bits; a lock file another member created stays theirs.
    if mode != 0o600 { try? descriptor.changeMode(to: mode) }
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: maximumWait)
    var pause = Duration.milliseconds(5)
    while true {
      let operation = LOCK_EX | LOCK_NB
      if try Syscall.lock(descriptor.rawValue, operation: operation, path: path) {
        return .acquired(FileLock(path: path, descriptor: descriptor))
      }
      let remaining = clock.now.duration(to: deadline)
      guard remaining > .zero else { return .busy }
      sleep(for: min(pause, remaining))
      pause = min(pause * 2, .milliseconds(100))
    }
  }

  /// Releases the lock now; later calls do nothing.
  public func unlock() {
    descriptor = nil
  }

  private static func sleep(for duration: Duration) {
    let (seconds, attoseconds) = duration.components
    Syscall.sleep(seconds: Double(seconds) + Double(attoseconds) / 1e18)
  }
}
