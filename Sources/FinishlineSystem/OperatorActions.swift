public import FinishlineCore
public import FoundationEssentials
internal import Glibc

/// The operator's commands that change a run: `cancel` and `reset`. Both are logged loudly.
public struct OperatorActions: Sendable {
  public var configuration: Configuration
  public var log: EventLog
  public var lockWait: Double

  /// One per command, so the run's hold and every read and write share a connection.
  let backend: any StateBackend

  public init(configuration: Configuration, log: EventLog, lockWait: Double = 10) {
    self.configuration = configuration
    self.log = log
    self.lockWait = lockWait
    backend = configuration.stateBackend(lockWait: lockWait)
  }

  /// The cancel marker's path for `run`; it must be a plain path to be written.
  public func cancelMarkerPath(_ run: String) throws(OperatorError) -> String {
    let text = configuration.run.cancelMarker ?? RunSources.defaultCancelMarker
    guard let pattern = try? PathPattern(text, run: run, stateDir: configuration.stateDir),
      let literal = pattern.literalPath
    else {
      throw .cancelMarkerNotAPath(text)
    }
    return pattern.isAbsolute ? literal : "\(configuration.run.root)/\(literal)"
  }

  /// Writes the cancel marker; the next `check` closes the run as CANCELLED and posts nothing.
  /// With a shared state the cancellation is recorded there for every host, and a marker in
  /// the state directory (the default) is not written: one host's file would outlive a
  /// `reset` made on another. Returns where the cancellation was recorded.
  /// - Parameter force: write it for a build name nothing knows yet (a run about to start);
  ///   without it such a name is refused, since it is usually a typo and the marker would
  ///   cancel nothing.
  public func cancel(
    _ run: String, reason: String?, user: String?, force: Bool = false, now: Date
  ) throws(OperatorError) -> String {
    var path = try cancelMarkerPath(run)
    if !force, !isKnown(run, now: now) { throw .unknownRun(run) }
    let text =
      "cancelled \(Timestamp.iso(now))" + (user.map { " by \($0)" } ?? "") + (reason.map { ": \($0)" } ?? "")
    let inStateDir = path.hasPrefix(configuration.stateDir + "/")
    let shared = backend.cancellations
    do {
      try shared?.recordCancellation(of: run, note: text)
    } catch {
      throw .state(error)
    }
    if shared != nil && inStateDir {
      path = "\(backend.location) (finishline_cancels)"
    } else {
      do {
        if inStateDir { _ = try StateStore(directory: configuration.stateDir).prepare() }
        try AtomicFile.write(Data((text + "\n").utf8), to: path, mode: 0o644)
      } catch {
        throw .cannotWrite(path: path, reason: "\(error)")
      }
    }
    log.with([("run", run)]).warning(
      "cancel", [("marker", path), ("by", user ?? "unknown"), ("reason", reason ?? "no reason given")])
    return path
  }

  /// A run with a state file, or with any evidence on disk or in the process table.
  func isKnown(_ run: String, now: Date) -> Bool {
    if case .stored? = try? backend.peek(run) { return true }
    let builder = SnapshotBuilder(
      sources: configuration.run, stateDir: configuration.stateDir, processes: ProcFileSystemTable())
    guard let snapshot = try? builder.snapshot(scope: run, now: now) else { return true }
    return !snapshot.hasNoEvidence
  }

  /// Reopens closed scopes (or forgets one target's delivery record) so the next `check`
  /// decides afresh. Returns one line per thing it changed.
  /// - Parameter resend: forget a delivery that succeeded, so the next check posts it again;
  ///   without it such a delivery is kept, since forgetting it means a second post.
  public func reset(
    _ run: String, group: String?, request: ResetRequest, user: String?, now: Date
  ) throws(OperatorError) -> [String] {
    let runLog = log.with([("run", run)])
    let lock: (any RunHold)?
    do {
      _ = try backend.prepare()
      lock = try backend.hold(run, wait: lockWait)
    } catch {
      throw .state(error)
    }
    guard let lock else { throw .busy(run) }
    defer { lock.release() }
    let loaded: StoredRun?
    do {
      loaded = try backend.load(run, now: now)
    } catch {
      if case .corrupt(_, let movedTo, let problem) = error {
        runLog.warning("reset", [("action", "state file set aside"), ("moved_to", movedTo), ("reason", problem)])
        return ["state file \(problem); moved aside to \(movedTo); the next check starts afresh"]
      }
      throw .state(error)
    }
    guard let stored = loaded else { throw .noState(run) }
    let result = try Self.apply(request, to: stored, group: group, now: now)
    let reset = result.run
    var changes = result.changes
    if request == .reopen, let marker = try? cancelMarkerPath(run), (try? Syscall.unlink(marker)) != nil {
      changes.append("removed cancel marker \(marker)")
    }
    if request == .reopen, (try? backend.cancellations?.clearCancellation(of: run)) == true {
      changes.append("removed the cancellation recorded in \(backend.location)")
    }
    if changes.isEmpty { changes.append("nothing was closed; nothing changed") }
    do {
      try backend.save(reset)
      try backend.claims?.forget(Self.forgotten(from: stored, in: reset))
    } catch {
      throw .state(error)
    }
    for change in changes {
      runLog.warning(
        "reset",
        [
          ("by", user ?? "unknown"), ("group", group ?? "-"), ("delivery", request.target ?? "-"),
          ("resend", String(request.resends)), ("action", change),
        ])
    }
    return changes
  }

  /// The deliveries `reset` dropped or changed, which the shared ledger must forget too.
  static func forgotten(from before: StoredRun, in after: StoredRun) -> [DeliveryKey] {
    before.scopes.flatMap { scope in
      scope.deliveries.compactMap { record in
        let kept = after.scope(named: scope.scope)?.delivery(for: record.target, kind: record.kind)
        guard kept != record else { return nil }
        return DeliveryKey(run: before.run, scope: scope.scope, target: record.target, kind: record.kind)
      }
    }
  }

  static func apply(
    _ request: ResetRequest, to stored: StoredRun, group: String?, now: Date
  ) throws(OperatorError) -> RunReset.Result {
    do {
      return try RunReset.apply(stored, group: group, request: request, now: now)
    } catch {
      throw .refused(error)
    }
  }
}

/// Why an operator command could not do what was asked.
public enum OperatorError: Error, Equatable, CustomStringConvertible {
  case cancelMarkerNotAPath(String)
  case cannotWrite(path: String, reason: String)
  case noState(String)
  case refused(ResetRefusal)
  case busy(String)
  case state(StateStoreError)
  /// `cancel` of a build name no state, marker or artifact knows: usually a typo.
  case unknownRun(String)

  public var description: String {
    switch self {
    case .cancelMarkerNotAPath(let text):
      "cancel_marker `\(text)` has wildcards; `finishline cancel` needs a plain path to write"
    case .cannotWrite(let path, let reason): "cannot write \(path): \(reason)"
    case .noState(let run): "no state for run \(run): it has never been checked, so there is nothing to reset"
    case .refused(let refusal): refusal.description
    case .busy(let run): "run \(run) is locked by another invocation; try again"
    case .state(let error): error.description
    case .unknownRun(let run):
      "no run \(run) is known (no state file, no artifacts): check the name, or add --force to write the marker anyway"
    }
  }

  public var exitStatus: ExitStatus {
    switch self {
    case .cancelMarkerNotAPath: .badConfig
    case .cannotWrite: .cannotWriteState
    case .noState, .refused, .unknownRun: .usage
    case .busy: .lockBusy
    case .state(let error): error.exitStatus
    }
  }
}
