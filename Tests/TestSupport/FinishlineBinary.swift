public import Foundation

/// Runs the built `finishline` executable the way a timer or an operator would.
public struct FinishlineBinary: Sendable {
  /// The output of one invocation.
  public struct Result: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
  }

  public let path: String

  /// The binary next to the test bundle (both live in the build products directory).
  public static func built() throws -> FinishlineBinary {
    if let override = ProcessInfo.processInfo.environment["FINISHLINE_BINARY"] {
      return FinishlineBinary(path: override)
    }
    var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<3 {
      let candidate = directory.appendingPathComponent("finishline").path
      if FileManager.default.isExecutableFile(atPath: candidate) { return FinishlineBinary(path: candidate) }
      directory = directory.deletingLastPathComponent()
    }
    let fallback = RepositoryPaths.root.appendingPathComponent(".build/debug/finishline").path
    guard FileManager.default.isExecutableFile(atPath: fallback) else {
      throw SupportError("the finishline binary was not built; run `swift build` first")
    }
    return FinishlineBinary(path: fallback)
  }

  /// Starts the binary without waiting, for tests that run many at once.
  public func start(_ arguments: [String], environment: [String: String] = [:]) throws -> RunningBinary {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    var merged = ProcessInfo.processInfo.environment
    merged.removeValue(forKey: "JOURNAL_STREAM")
    merged.merge(environment) { _, new in new }
    process.environment = merged
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    return RunningBinary(process: process, out: out, err: err)
  }

  public func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
    try start(arguments, environment: environment).wait()
  }
}

/// A started invocation; `wait()` drains its output and returns the result.
public final class RunningBinary: @unchecked Sendable {
  public let process: Process
  let out: Pipe
  let err: Pipe

  init(process: Process, out: Pipe, err: Pipe) {
    self.process = process
    self.out = out
    self.err = err
  }

  public func wait() -> FinishlineBinary.Result {
    // Read both pipes before waiting so a chatty child cannot block on a full pipe.
    let group = DispatchGroup()
    nonisolated(unsafe) var stdout = Data()
    nonisolated(unsafe) var stderr = Data()
    group.enter()
    DispatchQueue.global().async {
      stdout = self.out.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    stderr = err.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return FinishlineBinary.Result(
      status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
      stderr: String(decoding: stderr, as: UTF8.self))
  }
}

public struct SupportError: Error, CustomStringConvertible {
  public var description: String
  public init(_ description: String) { self.description = description }
}

/// Paths inside the repository, found from this source file.
public enum RepositoryPaths {
  public static var root: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
  }

  public static var examples: URL { root.appendingPathComponent("examples") }
}
