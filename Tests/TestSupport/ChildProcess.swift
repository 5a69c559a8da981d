import Foundation
public import Glibc

/// A child process started with `posix_spawn` and reaped with `waitpid`.
///
/// Foundation's `Process` on Linux can miss the exit of a child killed from the test (its
/// `waitUntilExit()` then never returns) and passes the spawning thread's blocked signals to
/// the child; tests must never hang, so they start processes through this instead.
public final class ChildProcess: @unchecked Sendable {
  public let pid: pid_t
  private var exitStatus: Int32?

  private init(pid: pid_t) {
    self.pid = pid
  }

  /// Starts `path` with `arguments`; output goes to the given files (or /dev/null).
  public static func spawn(
    _ path: String, _ arguments: [String], environment: [String: String]? = nil,
    stdoutPath: String? = nil, stderrPath: String? = nil
  ) throws -> ChildProcess {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, stdoutPath ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, stderrPath ?? "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)

    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var noSignals = sigset_t()
    sigemptyset(&noSignals)
    var defaults = sigset_t()
    sigfillset(&defaults)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

    let argv = ([path] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var env = (environment ?? ProcessInfo.processInfo.environment).map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { env.forEach { free($0) } }

    var pid: pid_t = 0
    let result = posix_spawn(&pid, path, &actions, &attributes, argv, &env)
    guard result == 0 else {
      throw SupportError("posix_spawn \(path) failed: \(String(cString: strerror(result)))")
    }
    return ChildProcess(pid: pid)
  }

  /// Waits for the child to exit; returns its exit status (128 + signal when killed).
  @discardableResult
  /// Reaps the child, waiting at most `limit` seconds: a child still running then is killed
  /// (SIGKILL), so a hung binary fails its test instead of hanging the suite.
  public func wait(limit: Double = 120) -> Int32 {
    if let exitStatus { return exitStatus }
    let clock = ContinuousClock()
    let deadline = clock.now.advanced(by: .milliseconds(Int64(limit * 1000)))
    while isRunning {
      guard clock.now < deadline else {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        exitStatus = Self.decode(status)
        return exitStatus ?? -1
      }
      usleep(5_000)
    }
    return exitStatus ?? -1
  }

  /// True until the child has exited (reaping it if it just did).
  public var isRunning: Bool {
    if exitStatus != nil { return false }
    var status: Int32 = 0
    let result = waitpid(pid, &status, WNOHANG)
    guard result == pid else { return result == 0 }
    exitStatus = Self.decode(status)
    return false
  }

  public func signal(_ number: Int32) {
    if isRunning { _ = Glibc.kill(pid, number) }
  }

  /// SIGKILL, then reap.
  public func stop() {
    signal(SIGKILL)
    wait()
  }

  private static func decode(_ status: Int32) -> Int32 {
    let signal = status & 0x7f
    return signal == 0 ? (status >> 8) & 0xff : 128 + signal
  }
}
