/// The `[run]` table: where a run's evidence lives and how to read it.
public struct RunSources: Sendable, Equatable {
  /// Directory every relative path and glob is resolved against.
  public var root: String
  public var mochawesome: [String] = []
  public var junit: [String] = []
  public var statusLogs: [String] = []
  public var statusLine: String = RunSources.defaultStatusLine
  /// Machines the run must cover; empty = the machines the evidence names.
  public var expectedMachines: [String] = []
  /// Regex over `/proc/*/cmdline`; `{run}` is replaced by the escaped build name.
  public var runnerMatch: String?
  public var endMarker: String?
  public var cancelMarker: String?

  public init(root: String) {
    self.root = root
  }

  public static let defaultStatusLine =
    #"^(?<ts>\S+ \S+) (?<machine>\S+) (?<status>NOT STARTED|RUNNING|PASSED|FAILED|CANCELLED)$"#

  /// The default cancel marker, so `finishline cancel` works without configuration.
  public static let defaultCancelMarker = "{state_dir}/{run}.cancel"

  /// True when at least one source of evidence is configured (SPEC §3).
  public var namesASource: Bool {
    !(mochawesome.isEmpty && junit.isEmpty && statusLogs.isEmpty) || runnerMatch != nil
      || endMarker != nil
  }
}
