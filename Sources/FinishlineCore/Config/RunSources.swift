/// The `[run]` table: where a run's evidence lives and how to read it.
public struct RunSources: Sendable, Equatable {
  /// Directory every relative path and glob is resolved against.
  public var root: String
  public var mochawesome: [String] = []
  public var junit: [String] = []
  /// Globs of report files of any supported format, each told by its content.
  public var reports: [String] = []
  public var statusLogs: [String] = []
  public var statusLine: String = RunSources.defaultStatusLine
  /// Machines the run must cover; empty = the machines the evidence names.
  public var expectedMachines: [String] = []
  /// Regex over `/proc/*/cmdline`; `{run}` is replaced by the escaped build name.
  public var runnerMatch: String?
  public var endMarker: String?
  public var cancelMarker: String?
  /// A file whose modification time is the run's start (SPEC §3 "Run start").
  public var startMarker: String?
  /// Globs of the spec files that must each have a result before the run is complete.
  public var specs: [String] = []
  /// How repeated attempts of one test are read.
  public var retries: RetryMode = .auto

  public init(root: String) {
    self.root = root
  }

  public static let defaultStatusLine =
    #"^(?<ts>\S+ \S+) (?<machine>\S+) (?<status>NOT STARTED|RUNNING|PASSED|FAILED|CANCELLED)$"#

  /// The default cancel marker, so `finishline cancel` works without configuration.
  public static let defaultCancelMarker = "{state_dir}/{run}.cancel"

  /// Every report glob with its key and the reader it expects, in reading order.
  public var reportPatterns: [ReportPattern] {
    mochawesome.map { ReportPattern(key: "run.mochawesome", pattern: $0, expected: .named(.mochawesome)) }
      + junit.map { ReportPattern(key: "run.junit", pattern: $0, expected: .named(.junit)) }
      + reports.map { ReportPattern(key: "run.reports", pattern: $0, expected: .byContent) }
  }

  /// Every path pattern of the run's artifacts with its configuration key, in reading order.
  public var artifactPatterns: [(key: String, pattern: String)] {
    reportPatterns.map { ($0.key, $0.pattern) }
      + statusLogs.map { ("run.status_logs", $0) } + (endMarker.map { [("run.end_marker", $0)] } ?? [])
  }

  /// True when something can tell a run that crashed from one that finished: an end marker,
  /// status logs that say RUNNING, or a spec list that must be covered.
  public var tellsCrashFromFinish: Bool { endMarker != nil || !statusLogs.isEmpty || !specs.isEmpty }

  /// True when test reports are configured, so a finished run is expected to have left some.
  public var expectsReports: Bool { !reportPatterns.isEmpty }

  /// True when at least one source of evidence is configured (SPEC §3).
  public var namesASource: Bool {
    expectsReports || !statusLogs.isEmpty || runnerMatch != nil
      || endMarker != nil
  }
}
