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
  /// Arguments before the subcommand's, for a binary started through a wrapper (`faketime`).
  public let leadingArguments: [String]
  /// Variables every start of this binary gets (a wrapper's settings).
  public let fixedEnvironment: [String: String]

  public init(path: String, leadingArguments: [String] = [], fixedEnvironment: [String: String] = [:]) {
    self.path = path
    self.leadingArguments = leadingArguments
    self.fixedEnvironment = fixedEnvironment
  }

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
    // The developer's own FINISHLINE_* settings must not leak into what a test checks.
    var merged = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("FINISHLINE_") }
    merged.removeValue(forKey: "JOURNAL_STREAM")
    merged.merge(fixedEnvironment) { _, new in new }
    merged.merge(environment) { _, new in new }
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("finishline-out-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let stdout = directory.appendingPathComponent("stdout").path
    let stderr = directory.appendingPathComponent("stderr").path
    let child = try ChildProcess.spawn(
      path, leadingArguments + arguments, environment: merged, stdoutPath: stdout, stderrPath: stderr)
    return RunningBinary(child: child, directory: directory)
  }

  public func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
    try start(arguments, environment: environment).wait()
  }
}

/// A started invocation; `wait()` reaps it and returns what it printed.
public final class RunningBinary: @unchecked Sendable {
  public let child: ChildProcess
  let directory: URL

  init(child: ChildProcess, directory: URL) {
    self.child = child
    self.directory = directory
  }

  public func wait() -> FinishlineBinary.Result {
    let status = child.wait()
    defer { try? FileManager.default.removeItem(at: directory) }
    func read(_ name: String) -> String {
      (try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)) ?? ""
    }
    return FinishlineBinary.Result(status: status, stdout: read("stdout"), stderr: read("stderr"))
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

  /// Report files written the way their reporters write them, shared by unit and end-to-end tests.
  public static var reportFixtures: URL { root.appendingPathComponent("Tests/FinishlineCoreTests/Fixtures/reports") }
}
