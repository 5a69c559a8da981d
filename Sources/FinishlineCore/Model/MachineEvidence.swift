/// Everything the snapshot knows about one target machine.
///
/// Its merged results (`MachineResults`: counts, failures, hooks, flaky tests, specs, times)
/// are read through as if they were its own members: `machine.counts`, `machine.failedHooks`.
@dynamicMemberLookup
public struct MachineEvidence: Sendable, Equatable {
  public var name: String
  /// The last status line for the machine, if the status logs mention it.
  public var status: StatusLine?
  /// Result files that parsed, relative to the run root.
  public var resultFiles: [String]
  /// Result files that did not parse (being written, or broken), with the reason.
  public var unreadableFiles: [UnreadableFile]
  /// Its result files merged: every test once, however many formats or files reported it.
  public var results: MachineResults

  public init(
    name: String, status: StatusLine? = nil, resultFiles: [String] = [],
    unreadableFiles: [UnreadableFile] = [], counts: TestCounts = TestCounts(),
    failures: [TestFailure] = [], durationMs: Double? = nil
  ) {
    self.init(
      name: name, status: status, resultFiles: resultFiles, unreadableFiles: unreadableFiles,
      results: MachineResults(counts: counts, failures: failures, durationMs: durationMs))
  }

  public init(
    name: String, status: StatusLine?, resultFiles: [String], unreadableFiles: [UnreadableFile],
    results: MachineResults
  ) {
    self.name = name
    self.status = status
    self.resultFiles = resultFiles
    self.unreadableFiles = unreadableFiles
    self.results = results
  }

  public subscript<Value>(dynamicMember keyPath: WritableKeyPath<MachineResults, Value>) -> Value {
    get { results[keyPath: keyPath] }
    set { results[keyPath: keyPath] = newValue }
  }

  /// The machine has result artifacts that all parse: its results are final.
  public var hasFinalResults: Bool { !resultFiles.isEmpty && unreadableFiles.isEmpty }

  /// The machine failed, by its status line, a failed test or a failed hook.
  public var failed: Bool { status?.status == .failed || results.counts.failed > 0 || !results.failedHooks.isEmpty }
}

/// A result file that could not be read as a report.
public struct UnreadableFile: Sendable, Equatable, CustomStringConvertible {
  public var path: String
  public var reason: String

  public init(path: String, reason: String) {
    self.path = path
    self.reason = reason
  }

  /// "path: reason", without repeating the path when the parser's reason already names it.
  public var description: String { reason.hasPrefix(path) ? reason : "\(path): \(reason)" }
}
