import Foundation

/// A real process whose command line looks like a test runner, for `runner_match`.
public final class FakeRunner: @unchecked Sendable {
  let process: Process
  public var pid: Int32 { process.processIdentifier }

  /// Sleeps (bounded: it exits by itself after ten minutes) with `commandLine` in its argv.
  public static func start(commandLine: [String]) throws -> FakeRunner {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
    process.arguments = ["-c", "import time; time.sleep(600)"] + commandLine
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    return FakeRunner(process: process)
  }

  init(process: Process) {
    self.process = process
  }

  /// Kills it with SIGKILL and reaps it.
  public func stop() {
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
  }
}

/// Holds a run's lock from another process, as a concurrent invocation would.
public enum LockHolder {
  /// `flock(1)` holding `path` while it sleeps (bounded: ten minutes).
  public static func hold(_ path: String) throws -> FakeRunner {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
    process.arguments = [path, "sleep", "600"]
    try process.run()
    // flock(1) takes the lock before exec'ing sleep; wait (bounded) until it is held.
    for _ in 0..<400 {
      let probe = Process()
      probe.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
      probe.arguments = ["--nonblock", path, "true"]
      try probe.run()
      probe.waitUntilExit()
      if probe.terminationStatus != 0 { break }
      usleep(10_000)
    }
    return FakeRunner(process: process)
  }
}
