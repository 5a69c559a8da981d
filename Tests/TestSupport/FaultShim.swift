internal import Foundation
internal import Glibc

/// `scripts/fault-shim.c` built once per test process: an LD_PRELOAD library that stops or
/// fails one chosen `rename(2)` of the binary under test, so a test can kill it inside its
/// state write, or fail that write after a post went out, without a debugger.
public enum FaultShim {
  public enum Action: String, Sendable {
    case stopBefore = "stop-before"
    case stopAfter = "stop-after"
    case fail
  }

  /// The environment that makes the `rename`-th rename of the binary do `action`, counting
  /// renames to files whose name ends in `suffix` (state files by default).
  public static func environment(rename: Int, _ action: Action, suffix: String = ".json") throws -> [String: String] {
    [
      "LD_PRELOAD": try library(), "FINISHLINE_FAULT_RENAME": String(rename),
      "FINISHLINE_FAULT_ACTION": action.rawValue, "FINISHLINE_FAULT_SUFFIX": suffix,
    ]
  }

  /// Builds the shim with the toolchain's `clang` (or `cc`) into a per-process directory.
  static func library() throws -> String {
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("fault-shim-\(getpid()).so").path
    if FileManager.default.fileExists(atPath: output) { return output }
    let source = RepositoryPaths.root.appendingPathComponent("scripts/fault-shim.c").path
    // Tests run in parallel: each build writes its own file, and the first to land is kept.
    let temporary = output + ".\(UUID().uuidString)"
    let build = try ChildProcess.spawn(
      "/usr/bin/env", ["clang", "-shared", "-fPIC", "-O2", "-o", temporary, source, "-ldl"])
    guard build.wait(limit: 60) == 0 else { throw SupportError("cannot build \(source) with clang") }
    guard rename(temporary, output) == 0 || FileManager.default.fileExists(atPath: output) else {
      throw SupportError("cannot place \(output)")
    }
    return output
  }

  /// Waits (bounded: 10 s) until `pid` is stopped by the shim's SIGSTOP; `false` if it never
  /// stopped (it exited first, having fewer renames than asked for).
  public static func waitUntilStopped(_ child: ChildProcess) -> Bool {
    for _ in 0..<1_000 {
      guard let stat = try? String(contentsOfFile: "/proc/\(child.pid)/stat", encoding: .utf8) else { return false }
      // The state is the field after the parenthesised command name.
      if let close = stat.lastIndex(of: ")"), stat[stat.index(close, offsetBy: 2)] == "T" { return true }
      if !child.isRunning { return false }
      usleep(10_000)
    }
    return false
  }
}
