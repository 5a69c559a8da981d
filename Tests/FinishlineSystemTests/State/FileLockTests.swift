import FinishlineSystem
import Foundation
import Glibc
import TestSupport
import Testing

@Suite("Run locks", .timeLimit(.minutes(3)))
struct FileLockTests {
  @Test func `a held lock makes a second opener busy until it is unlocked`() throws {
    try TemporaryDirectory.with { directory in
      let path = directory.file("B-42.lock")
      // Each acquire opens its own file description, and flock locks belong to those, so a
      // second lock in the same process contends exactly like another invocation would.
      let first = try #require(try acquired(FileLock.acquire(path: path, maximumWait: .zero)))
      let whileHeld = try FileLock.acquire(path: path, maximumWait: .milliseconds(50))
      #expect(acquired(whileHeld) == nil)

      first.unlock()
      let afterUnlock = try FileLock.acquire(path: path, maximumWait: .zero)
      #expect(acquired(afterUnlock) != nil)
    }
  }

  @Test func `dropping a lock releases it`() throws {
    try TemporaryDirectory.with { directory in
      let path = directory.file("B-42.lock")
      do {
        let held = try FileLock.acquire(path: path, maximumWait: .zero)
        #expect(acquired(held) != nil)
      }
      #expect(acquired(try FileLock.acquire(path: path, maximumWait: .zero)) != nil)
    }
  }

  @Test func `the lock file is created with mode 0600`() throws {
    try TemporaryDirectory.with { directory in
      let outcome = try FileLock.acquire(path: directory.file("B-42.lock"), maximumWait: .zero)
      #expect(acquired(outcome) != nil)
      #expect(try directory.permissions(of: "B-42.lock") == 0o600)
    }
  }

  @Test func `a symbolic link in place of the lock file is refused`() throws {
    try TemporaryDirectory.with { directory in
      let target = try directory.write("", to: "elsewhere")
      try directory.symlink("B-42.lock", to: target)
      let error = try #require(throws: SyscallError.self) {
        try FileLock.acquire(path: directory.file("B-42.lock"), maximumWait: .zero)
      }
      #expect(error.errno == ELOOP)
      #expect(error.path == directory.file("B-42.lock"))
    }
  }

  @Test func `a lock held by another process is busy until that process dies`() throws {
    try TemporaryDirectory.with { directory in
      let path = directory.file("B-42.lock")
      let holder = try LockHoldingProcess(path: path)
      defer { holder.kill() }

      #expect(acquired(try FileLock.acquire(path: path, maximumWait: .milliseconds(50))) == nil)

      holder.kill()
      // The kernel drops a dead process's flock locks before it can be reaped.
      #expect(acquired(try FileLock.acquire(path: path, maximumWait: .zero)) != nil)
    }
  }

  private func acquired(_ outcome: FileLock.Outcome) -> FileLock? {
    guard case .acquired(let lock) = outcome else { return nil }
    return lock
  }
}

/// `flock(1)` holding a lock file (`--no-fork`, so flock itself holds it until killed).
private final class LockHoldingProcess {
  private let process: ChildProcess

  init(path: String) throws {
    process = try LockHolder.hold(path)
  }

  /// Kills the holder with SIGKILL (no chance to clean up) and reaps it.
  func kill() {
    process.stop()
  }
}
