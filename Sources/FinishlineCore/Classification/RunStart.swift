public import FoundationEssentials

/// When a run started, and how finishline knows (SPEC §3 "Run start").
///
/// The start bounds two things: progress is never earlier than it, so a run that has just
/// started in a workspace full of old files is not HUNG on sight; and, under a pattern without
/// `{run}`, files older than it are an earlier build's. Only real evidence does either: first
/// sight says when finishline looked, not when the run began, so a run first checked at its
/// end (a post step) still reads its files and a run found long dead is classified at once.
public struct RunStart: Sendable, Equatable, Codable {
  public enum Source: String, Sendable, Equatable, Codable {
    /// `check --started-at`, as a CI step passes the build's start.
    case flag = "--started-at"
    /// The modification time of `run.start_marker`.
    case marker = "start_marker"
    /// The start time of the oldest runner process seen alive, read from `/proc`.
    case runner = "runner process"
    /// When finishline first saw the run.
    case firstSight = "first sight"
  }

  public var date: Date
  public var source: Source

  public init(date: Date, source: Source) {
    self.date = date
    self.source = source
  }

  /// The start from real evidence, not first sight.
  public var isEvidence: Bool { source != .firstSight }

  /// The first of: the flag, the start marker, the oldest runner start (recorded earlier or
  /// seen now), first sight.
  public static func resolve(flag: Date?, marker: Date?, runner: Date?, firstSeen: Date) -> RunStart {
    if let flag { return RunStart(date: flag, source: .flag) }
    if let marker { return RunStart(date: marker, source: .marker) }
    if let runner { return RunStart(date: runner, source: .runner) }
    return RunStart(date: firstSeen, source: .firstSight)
  }

  /// Whether a file matched by `pattern` and last modified at `modifiedAt` is an earlier
  /// build's: the pattern cannot tell builds apart (no `{run}`) and the file predates a start
  /// known from evidence.
  public func setsAside(modifiedAt: Date, pattern: String) -> Bool {
    isEvidence && !PatternEvidence.namesTheRun(pattern) && modifiedAt < date
  }

  /// The earliest known start of a runner: the recorded one and those alive now.
  public static func oldestRunner(recorded: Date?, alive: [RunnerProcess]) -> Date? {
    ([recorded] + alive.map(\.startedAt)).compactMap { $0 }.min()
  }
}
