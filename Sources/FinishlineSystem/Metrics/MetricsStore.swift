public import FinishlineCore
public import FoundationEssentials
internal import Glibc

/// The cumulative counters in `STATE_DIR/.metrics.json` and the Prometheus textfile made from
/// them (`metrics_file`, read by node_exporter's textfile collector).
///
/// Checks of different runs hold different run locks and so run at the same time; each adds its
/// increments by reading, adding and replacing the counters under the sidecar lock
/// `STATE_DIR/.metrics.lock`, so no increment is lost. The textfile is written under the same
/// lock, so an older total can never replace a newer one.
///
/// The names start with a dot because `RUN.json` and `RUN.lock` belong to runs: a run may be
/// called `metrics`, but no run name may start with a dot, and `status` skips dot files.
public struct MetricsStore: Sendable {
  public let stateDir: String
  /// How long another check may hold the metrics lock; it holds it for two small writes.
  public var lockWait: Duration
  /// The counters file is small; anything larger is not ours.
  static let readLimit = 1 << 20

  public init(stateDir: String, lockWait: Duration = .seconds(5)) {
    self.stateDir = stateDir
    self.lockWait = lockWait
  }

  public var countersPath: String { "\(stateDir)/.metrics.json" }
  public var lockPath: String { "\(stateDir)/.metrics.lock" }

  /// The counters after a `record`, and what was done about counters that could not be used.
  public struct Recorded: Sendable, Equatable {
    public var counters: MetricsCounters
    /// Set when the stored counters did not decode and counting started again from zero
    /// (Prometheus reads that as a counter reset); worth a warning in the log.
    public var note: String?
  }

  /// Adds one check's increments to the stored counters and, when `textfile` is set, replaces
  /// the textfile (mode 0644, so node_exporter can read it) with all counters and the gauges.
  ///
  /// - Parameters:
  ///   - duration: seconds the check took.
  ///   - openRuns: runs not closed, as counted by `StateStore.openRunCount()`; a parameter so
  ///     the caller decides whether that directory scan is worth it.
  ///   - now: when the check finished.
  ///   - textfile: the configured `metrics_file`, in a directory the operator owns.
  /// - Throws: `MetricsStoreError` when the lock stays busy or a file cannot be read or written;
  ///   the check's own outcome should not depend on it.
  @discardableResult
  public func record(
    _ delta: MetricsDelta, duration: Double, openRuns: Int, now: Date, textfile: String?
  ) throws(MetricsStoreError) -> Recorded {
    let outcome: FileLock.Outcome
    do {
      outcome = try FileLock.acquire(path: lockPath, maximumWait: lockWait)
    } catch {
      throw .cannotWrite(path: lockPath, reason: "\(error)")
    }
    guard case .acquired(let lock) = outcome else { throw .busy(path: lockPath, waited: lockWait) }
    defer { lock.unlock() }
    var (counters, note) = try load(now: now)
    counters.add(delta.increments)
    do {
      try AtomicFile.write(Self.encoder.encode(counters), to: countersPath)
    } catch {
      throw .cannotWrite(path: countersPath, reason: "\(error)")
    }
    if let textfile {
      let gauges = MetricsGauges(lastCheckDuration: duration, lastCheckAt: now, openRuns: openRuns)
      let text = PrometheusText.render(counters.families(gauges: gauges))
      do {
        try AtomicFile.write(Data(text.utf8), to: textfile, mode: 0o644)
      } catch {
        throw .cannotWrite(path: textfile, reason: "\(error)")
      }
    }
    return Recorded(counters: counters, note: note)
  }

  /// The stored counters; a file that does not decode is moved aside (kept for a look, never
  /// overwritten) and counting starts again, because losing metrics history is better than
  /// losing every later increment.
  private func load(now: Date) throws(MetricsStoreError) -> (MetricsCounters, String?) {
    let data: Data
    do {
      guard let read = try AtomicFile.read(countersPath, limit: Self.readLimit) else {
        return (MetricsCounters(), nil)
      }
      data = read
    } catch {
      throw .unreadable(path: countersPath, reason: "\(error)")
    }
    let problem: String
    do {
      let counters = try JSONDecoder().decode(MetricsCounters.self, from: data)
      if counters.schemaVersion == MetricsCounters.currentSchemaVersion { return (counters, nil) }
      problem = "schema version \(counters.schemaVersion) is not \(MetricsCounters.currentSchemaVersion)"
    } catch {
      problem = "does not parse (\(StateCoding.describe(error)))"
    }
    let aside: String
    switch MoveAside.move(countersPath, problem: problem, now: now) {
    case .success(let moved): aside = moved
    case .failure(let failure): throw .unreadable(path: countersPath, reason: failure.reason)
    }
    let note = "metrics file \(countersPath) \(problem); moved aside to \(aside), counting from zero"
    return (MetricsCounters(), note)
  }

  /// Keys sorted and indented, so the file reads and diffs well.
  private static var encoder: JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    return encoder
  }
}

/// Why metrics could not be recorded; the check itself has already been decided and saved.
public enum MetricsStoreError: Error, Equatable, CustomStringConvertible {
  /// Another check held the metrics lock for the whole wait.
  case busy(path: String, waited: Duration)
  case unreadable(path: String, reason: String)
  case cannotWrite(path: String, reason: String)

  public var description: String {
    switch self {
    case .busy(let path, let waited):
      "metrics not recorded: \(path) stayed locked by another check for \(waited)"
    case .unreadable(let path, let reason):
      "metrics not recorded: cannot read \(path): \(reason)"
    case .cannotWrite(let path, let reason):
      "metrics not recorded: cannot write \(path): \(reason)"
    }
  }
}
