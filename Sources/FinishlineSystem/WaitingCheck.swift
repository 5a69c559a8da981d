internal import FinishlineCore
internal import FoundationEssentials

/// `check --wait`: one invocation that checks again every few seconds until the run is closed
/// or `--deadline` ends, for a Jenkins post step that runs once, right after the runner exits,
/// while the run is still inside `settle` (SPEC §1).
///
/// Each round is a whole ordinary check (lock, load, decide, deliver, save), so a timer watching
/// the same run meanwhile is no problem: a round that finds the lock taken waits for the next.
public struct WaitingCheck: Sendable {
  public var pipeline: CheckPipeline

  public init(pipeline: CheckPipeline) {
    self.pipeline = pipeline
  }

  /// Seconds between rounds: a tenth of `settle`, between 1 and 5.
  var interval: Double { min(5, max(1, pipeline.configuration.policy.settle / 10)) }
  /// Time kept back at the end for a last round's delivery and state write.
  static let reserve = 2.0

  public func run() -> CheckOutcome {
    let deadline = Deadline(seconds: pipeline.request.deadline)
    var round = 0
    while true {
      round += 1
      var attempt = pipeline
      attempt.request.deadline = max(1, deadline.remaining)
      let outcome = attempt.run()
      let closed = isClosed(outcome)
      let left = deadline.remaining - Self.reserve
      guard !closed, Self.keepsWaiting(outcome.exit), left > interval else {
        log(outcome, round: round, closed: closed)
        return outcome
      }
      Syscall.sleep(seconds: interval)
    }
  }

  /// Only a run that is still open, a busy lock or a failing delivery are worth another round;
  /// a bad config, a bad state file or an internal error are not going to change.
  static func keepsWaiting(_ exit: ExitStatus) -> Bool {
    exit == .ok || exit == .lockBusy || exit == .deliveryFailing
  }

  /// The run's state file says it is closed; a dry run writes none, so it looks at the verdicts.
  func isClosed(_ outcome: CheckOutcome) -> Bool {
    if !pipeline.request.mode.writes {
      return outcome.report.map { !$0.scopes.isEmpty && !$0.scopes.contains { $0.state == .running } } ?? false
    }
    guard case .stored(let stored)? = try? pipeline.backend.peek(pipeline.request.run) else { return false }
    return stored.closedAt != nil
  }

  func log(_ outcome: CheckOutcome, round: Int, closed: Bool) {
    pipeline.log.info(
      "wait-ended",
      [
        ("rounds", String(round)), ("closed", String(closed)),
        ("reason", closed ? "the run is closed" : "the deadline leaves no time for another round"),
      ])
  }
}
