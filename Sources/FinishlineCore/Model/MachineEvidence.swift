/// Everything the snapshot knows about one target machine.
public import FoundationEssentials

public struct MachineEvidence: Sendable, Equatable {
  public var name: String
  /// The last status line for the machine, if the status logs mention it.
  public var status: StatusLine?
  /// Result files that parsed, relative to the run root.
  public var resultFiles: [String]
  /// Result files that did not parse (being written, or broken), with the reason.
  public var unreadableFiles: [UnreadableFile]
  /// Totals after merging mochawesome and JUnit (a test in both counts once).
  public var counts: TestCounts
  public var failures: [TestFailure]
  public var durationMs: Double?
  /// Hooks that failed: not tests, but the machine failed.
  public var failedHooks: [HookFailure]
  /// Tests that passed on a later attempt.
  public var flakyTests: [String]
  /// Spec file names the machine's reports account for.
  public var specNames: Set<String>
  /// Specs reported without a name.
  public var emptySpecs = 0
  /// The earliest start and latest end the machine's reports state.
  public var startedAt: Date?
  public var endedAt: Date?

  public init(
    name: String, status: StatusLine? = nil, resultFiles: [String] = [],
    unreadableFiles: [UnreadableFile] = [], counts: TestCounts = TestCounts(),
    failures: [TestFailure] = [], durationMs: Double? = nil
  ) {
    self.name = name
    self.status = status
    self.resultFiles = resultFiles
    self.unreadableFiles = unreadableFiles
    self.counts = counts
    self.failures = failures
    self.durationMs = durationMs
    failedHooks = []
    flakyTests = []
    specNames = []
  }

  /// A machine with merged results.
  public init(
    name: String, status: StatusLine?, resultFiles: [String], unreadableFiles: [UnreadableFile],
    results: MachineResults
  ) {
    self.init(
      name: name, status: status, resultFiles: resultFiles, unreadableFiles: unreadableFiles, counts: results.counts,
      failures: results.failures, durationMs: results.durationMs)
    failedHooks = results.failedHooks
    flakyTests = results.flakyTests
    specNames = results.specNames
    emptySpecs = results.emptySpecs
    startedAt = results.startedAt
    endedAt = results.endedAt
  }

  /// The machine has result artifacts that all parse: its results are final.
  public var hasFinalResults: Bool { !resultFiles.isEmpty && unreadableFiles.isEmpty }

  /// The machine failed, by its status line, a failed test or a failed hook.
  public var failed: Bool { status?.status == .failed || counts.failed > 0 || !failedHooks.isEmpty }
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
