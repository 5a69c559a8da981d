public import FoundationEssentials

/// One immutable look at a scope's evidence; classification sees nothing else of the world.
public struct RunSnapshot: Sendable, Equatable {
  /// The build name this snapshot is about (the run, or one sub-run).
  public var scope: String
  public var takenAt: Date
  /// Machines in name order: every expected machine, plus any the artifacts mention.
  public var machines: [MachineEvidence]
  /// Where the expected machine list came from, for reasons and `explain`.
  public var expectedMachinesSource: ExpectedMachinesSource
  /// Live processes matching `runner_match`; `nil` when no `runner_match` is configured.
  public var runners: [RunnerProcess]?
  public var endMarker: Marker
  public var cancelMarker: Marker
  /// Newest modification time across the scope's artifacts.
  public var newestArtifactAt: Date?
  /// When the run started, and what says so.
  public var runStart: RunStart?
  /// What each configured path pattern matched, read, set aside and ignored, for `explain`.
  public var patterns: [PatternEvidence] = []
  /// Matched files that are no report of their format (fixtures, `package.json`).
  public var ignoredFiles: [UnreadableFile] = []
  /// Report files of another known format than their key names, read as what they are.
  public var misfiledReports: [MisfiledReport] = []
  /// The configured spec list and which of its specs have no result yet.
  public var specs: SpecCoverage?
  /// Report files whose earlier parse was reused because they had not changed (parse cache).
  public var reusedReports = 0
  /// Machines whose merged results were reused because none of their report files changed.
  public var reusedMerges = 0

  public init(
    scope: String, takenAt: Date, machines: [MachineEvidence],
    expectedMachinesSource: ExpectedMachinesSource, runners: [RunnerProcess]?,
    endMarker: Marker, cancelMarker: Marker, newestArtifactAt: Date?
  ) {
    self.scope = scope
    self.takenAt = takenAt
    self.machines = machines
    self.expectedMachinesSource = expectedMachinesSource
    self.runners = runners
    self.endMarker = endMarker
    self.cancelMarker = cancelMarker
    self.newestArtifactAt = newestArtifactAt
  }

  /// Totals over every machine.
  public var counts: TestCounts { machines.reduce(TestCounts()) { $0 + $1.counts } }

  public var failures: [TestFailure] { machines.flatMap(\.failures) }

  /// Every failed hook, with the machine it failed on.
  public var failedHooks: [(machine: String, hook: HookFailure)] {
    machines.flatMap { machine in machine.failedHooks.map { (machine.name, $0) } }
  }

  /// True when nothing at all exists yet for the scope.
  public var hasNoEvidence: Bool {
    machines.allSatisfy { $0.status == nil && $0.resultFiles.isEmpty && $0.unreadableFiles.isEmpty }
      && !endMarker.present && newestArtifactAt == nil && (runners ?? []).isEmpty
  }
}

/// Where the set of machines a run must cover was taken from.
public enum ExpectedMachinesSource: String, Sendable, Equatable {
  /// `expected_machines` in the configuration.
  case configured
  /// The machines named in the status logs (and any result files).
  case statusLogs = "status logs"
  /// No status logs: the machines that have result files.
  case resultFiles = "result files"
}

/// A live process whose command line matched `runner_match`.
public struct RunnerProcess: Sendable, Equatable {
  public var pid: Int32
  public var commandLine: String
  /// When the process started, from `/proc` (the run's start when nothing better says so).
  public var startedAt: Date?

  public init(pid: Int32, commandLine: String, startedAt: Date? = nil) {
    self.pid = pid
    self.commandLine = commandLine
    self.startedAt = startedAt
  }
}

/// A marker file that may be configured, and may exist.
public struct Marker: Sendable, Equatable {
  /// The expanded path, or `nil` when the marker is not configured.
  public var path: String?
  public var present: Bool
  public var modifiedAt: Date?
  /// The marker's first line, when it says something (`finishline cancel` writes who and why).
  public var note: String?

  public init(path: String?, present: Bool, modifiedAt: Date? = nil, note: String? = nil) {
    self.path = path
    self.present = present
    self.modifiedAt = modifiedAt
    self.note = note
  }

  public static let notConfigured = Marker(path: nil, present: false)
  public var configured: Bool { path != nil }
}
