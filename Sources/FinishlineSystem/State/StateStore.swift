public import FinishlineCore
public import FoundationEssentials
internal import Glibc

/// The state directory: one JSON file and one sidecar lock file per watched run.
///
/// The lock is taken on `RUN.lock`, never on `RUN.json`, because the atomic rename that
/// replaces the state file swaps its inode out from under any lock held on it.
public struct StateStore: Sendable {
  public let directory: String
  /// State files are small; anything larger is not ours.
  static let readLimit = 16 << 20

  public init(directory: String) {
    self.directory = directory
  }

  /// Whether the directory is there at all: `status` says so rather than "no tracked runs".
  public var exists: Bool { (try? Syscall.fileStatus(atPath: directory))??.isDirectory == true }

  public func statePath(_ run: String) -> String { "\(directory)/\(run).json" }
  public func lockPath(_ run: String) -> String { "\(directory)/\(run).lock" }

  /// Creates the directory (0700) if needed; returns a note when it changed something.
  public func prepare() throws(StateStoreError) -> String? {
    do {
      return try StateDirectory.ensure(directory).note(for: directory)
    } catch {
      throw .cannotWrite(path: directory, reason: "\(error)")
    }
  }

  /// Takes the run's exclusive lock, waiting at most `wait`; `nil` means another holds it.
  public func lock(_ run: String, wait: Double) throws(StateStoreError) -> FileLock? {
    do {
      switch try FileLock.acquire(path: lockPath(run), maximumWait: .milliseconds(Int64(wait * 1000))) {
      case .acquired(let lock): return lock
      case .busy: return nil
      }
    } catch {
      throw .cannotWrite(path: lockPath(run), reason: "\(error)")
    }
  }

  /// The run's state, `nil` on first sight.
  ///
  /// A file that does not decode, or has a schema version this build does not know, is moved
  /// aside (never overwritten) and reported, so an operator can look at it before `reset`.
  public func load(_ run: String, now: Date) throws(StateStoreError) -> StoredRun? {
    let path = statePath(run)
    switch try peek(run) {
    case .absent: return nil
    case .stored(let stored): return stored
    case .unusable(let problem):
      switch MoveAside.move(path, problem: problem, now: now) {
      case .success(let aside): throw .corrupt(path: path, movedTo: aside, problem: problem)
      case .failure(let failure): throw .unreadable(path: path, reason: failure.reason)
      }
    }
  }

  /// What a state file holds, read without a lock and without changing anything
  /// (`status` and `explain` look; only `check` moves a bad file aside).
  public enum Peek: Sendable, Equatable {
    case absent
    case stored(StoredRun)
    /// The file does not decode or has an unknown schema version.
    case unusable(problem: String)
  }

  public func peek(_ run: String) throws(StateStoreError) -> Peek {
    let path = statePath(run)
    let data: Data
    do {
      guard let read = try AtomicFile.read(path, limit: Self.readLimit) else { return .absent }
      data = read
    } catch {
      throw .unreadable(path: path, reason: "\(error)")
    }
    return Self.decode(data)
  }

  /// What a state file's bytes hold: a run of this schema, or why they cannot be trusted.
  public static func decode(_ data: Data) -> Peek {
    do {
      let stored = try StateCoding.decode(StoredRun.self, from: data)
      if stored.schemaVersion == StoredRun.currentSchemaVersion { return .stored(stored) }
      return .unusable(problem: "schema version \(stored.schemaVersion) is not \(StoredRun.currentSchemaVersion)")
    } catch {
      return .unusable(
        problem: (try? StateCoding.decode(SchemaProbe.self, from: data))
          .map { "schema version \($0.schemaVersion) is not \(StoredRun.currentSchemaVersion)" }
          ?? "does not parse as a state file (\(StateCoding.describe(error)))")
    }
  }

  public func save(_ run: StoredRun) throws(StateStoreError) {
    do {
      try AtomicFile.write(StateCoding.encoder.encode(run), to: statePath(run.run))
    } catch {
      throw .cannotWrite(path: statePath(run.run), reason: "\(error)")
    }
  }

  /// Every run with a state file, for `status`.
  public func runs() -> [String] {
    let entries = (try? Syscall.directoryEntries(directory)) ?? nil
    return (entries ?? []).filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.map { String($0.dropLast(5)) }
      .sorted()
  }

  /// Only the version, to tell "newer schema" from "garbage" when a full decode fails.
  private struct SchemaProbe: Decodable {
    var schemaVersion: Int
  }
}
