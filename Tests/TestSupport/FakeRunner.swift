import Foundation

/// A real process whose command line looks like a test runner, for `runner_match`.
public enum FakeRunner {
  /// Sleeps (bounded: it exits by itself after ten minutes) with `commandLine` in its argv.
  public static func start(commandLine: [String]) throws -> ChildProcess {
    try ChildProcess.spawn("/usr/bin/python3", ["-c", "import time; time.sleep(600)"] + commandLine)
  }
}

/// Holds a run's lock from another process, as a concurrent invocation would.
public enum LockHolder {
  /// `flock(1)` holding `path` while it sleeps (bounded: ten minutes). `--no-fork` makes
  /// flock itself the sleeper, so killing it releases the lock.
  public static func hold(_ path: String) throws -> ChildProcess {
    let holder = try ChildProcess.spawn("/usr/bin/flock", ["--no-fork", path, "sleep", "600"])
    // Bounded wait until the lock is really held, so the test does not race its start.
    for _ in 0..<400 {
      let probe = try ChildProcess.spawn("/usr/bin/flock", ["--nonblock", path, "true"])
      if probe.wait() != 0 { break }
      usleep(10_000)
    }
    return holder
  }
}
