public import FinishlineCore
public import FoundationEssentials

/// Series' histories in `STATE_DIR/.history/`: one `SERIES.history` file per series (see
/// `SeriesHistoryFile`), replaced atomically under its own `SERIES.lock`, so two runs of one
/// series finishing at once both land and neither waits on the other's run lock.
public struct HistoryStore: Sendable {
  public let directory: String
  /// A history of 50 runs of 5,000 tests is about half a megabyte.
  static let readLimit = 64 << 20

  public init(stateDirectory: String) {
    directory = "\(stateDirectory)/.history"
  }

  /// `/` (a sub-run's series) and `%` written as `%2F` and `%25`: one file name per series.
  static func fileName(_ series: String) -> String {
    series.replacing("%", with: "%25").replacing("/", with: "%2F")
  }

  static func series(fileName: String) -> String {
    fileName.replacing("%2F", with: "/").replacing("%25", with: "%")
  }

  public func path(of series: String) -> String { "\(directory)/\(Self.fileName(series)).history" }

  /// The series' history; an empty one when it has none. A file that is not a history is
  /// reported, never guessed at.
  public func history(of series: String) throws(StateStoreError) -> SeriesHistory {
    let path = path(of: series)
    let bytes: [UInt8]
    do {
      guard let read = try AtomicFile.readBytes(path, limit: Self.readLimit) else {
        return SeriesHistory(series: series)
      }
      bytes = read
    } catch {
      throw .unreadable(path: path, reason: "\(error)")
    }
    do {
      var history = try SeriesHistoryFile.decode(bytes)
      history.series = series
      return history
    } catch {
      throw .corrupt(path: path, movedTo: "", problem: "is not a history file (\(error))")
    }
  }

  /// Records `run` under the series' lock and returns the history as it was before: a file
  /// that is not a history is moved aside and the series starts afresh.
  public func record(
    _ run: FinishedRun, in series: String, keep: Int, lockWait: Double, now: Date
  ) throws(StateStoreError) -> (before: SeriesHistory, note: String?) {
    do {
      _ = try StateDirectory.ensure(directory)
    } catch {
      throw .cannotWrite(path: directory, reason: "\(error)")
    }
    let lockPath = "\(directory)/\(Self.fileName(series)).lock"
    let outcome: FileLock.Outcome
    do {
      outcome = try FileLock.acquire(path: lockPath, maximumWait: .milliseconds(Int64(lockWait * 1000)))
    } catch {
      throw .cannotWrite(path: lockPath, reason: "\(error)")
    }
    guard case .acquired(let lock) = outcome else {
      throw .cannotWrite(path: lockPath, reason: "another invocation held it for \(Interval.describe(lockWait))")
    }
    defer { lock.unlock() }
    var (before, note) = try readOrSetAside(series, now: now)
    var after = before
    after.record(run, keep: keep)
    do {
      try AtomicFile.write(Data(SeriesHistoryFile.encode(after)), to: path(of: series))
    } catch {
      throw .cannotWrite(path: path(of: series), reason: "\(error)")
    }
    before.series = series
    return (before, note)
  }

  private func readOrSetAside(_ series: String, now: Date) throws(StateStoreError) -> (SeriesHistory, String?) {
    do {
      return (try history(of: series), nil)
    } catch .corrupt(let path, _, let problem) {
      switch MoveAside.move(path, problem: problem, now: now) {
      case .success(let aside):
        return (SeriesHistory(series: series), "history \(path) \(problem); moved aside to \(aside)")
      case .failure(let failure): throw .unreadable(path: path, reason: failure.reason)
      }
    }
  }

  /// Every series with a history, sorted.
  public func series() -> [String] {
    let entries = (try? Syscall.directoryEntries(directory)) ?? nil
    return (entries ?? []).filter { $0.hasSuffix(".history") && !$0.hasPrefix(".") }
      .map { Self.series(fileName: String($0.dropLast(8))) }.sorted()
  }
}
