public import FoundationEssentials

/// Decides, per target, whether this scope's verdict is posted now (SPEC §5).
///
/// Pure: the same verdict, ledger, targets and clock always give the same plan, so the
/// exactly-once rules are pinned by table tests rather than by hope.
public enum PostingPlanner {
  public static func plan(
    verdict: Verdict, scope: StoredScope?, targets: [NotifyTarget], policy: Policy, now: Date,
    dryRun: Bool
  ) -> [DeliveryDecision] {
    targets.map { target in
      let kind = kind(of: verdict.state)
      let decision = decide(
        verdict: verdict, record: scope?.delivery(for: target.name, kind: kind), scope: scope?.scope ?? "",
        target: target, policy: policy, now: now, history: scope?.history)
      guard dryRun, decision.sends else { return decision }
      return DeliveryDecision(
        target: target.name, kind: kind, action: .none(.dryRun), event: .dryRun,
        reason: "would post: \(decision.reason) (dry run: nothing sent, nothing written)")
    }
  }

  /// TERMINATED, HUNG and UNKNOWN are never a final status, but a target may subscribe to them
  /// as a "needs attention" operator alert.
  public static let alertStates: Set<RunState> = [.terminated, .hung, .unknown]

  public static func kind(of state: RunState) -> DeliveryRecord.Kind {
    alertStates.contains(state) ? .alert : .final
  }

  static func decide(
    verdict: Verdict, record: DeliveryRecord?, scope: String, target: NotifyTarget, policy: Policy, now: Date,
    history: ScopeHistory? = nil
  ) -> DeliveryDecision {
    let (none, send) = outcomes(target: target, kind: kind(of: verdict.state))
    if let record,
      let decision = decide(verdict: verdict, record: record, scope: scope, target: target, policy: policy, now: now)
    {
      return decision
    }
    if kind(of: verdict.state) == .alert, target.on.contains(verdict.state) {
      return send(
        "\(verdict.state) needs attention and \(target.name) subscribes to \(verdict.state.configName) alerts", false)
    }
    guard verdict.state.isFinalStatus else {
      if verdict.state == .running {
        return none(.pending, .pending, "scope not finished: \(verdict.state)")
      }
      return none(.suppressed, .suppressed, "\(verdict.state) is never posted as a final status")
    }
    guard target.on.contains(verdict.state) else {
      return none(
        .suppressed, .suppressed,
        "target \(target.name) does not subscribe to \(verdict.state.configName)"
          + " (on = \(target.on.sorted().map(\.configName)))")
    }
    if target.onlyNewFailures, verdict.state == .failed, let labels = history?.labels, labels.hasNoNewFailures {
      return none(
        .suppressed, .noNewFailures,
        "no new failures since \(labels.comparedWith ?? "the last run"); \(target.name) is posted only runs with a"
          + " new failure (only_new_failures = true)")
    }
    return send("\(verdict.state) and not yet posted to \(target.name)", false)
  }

  /// What the existing record decides: a delivered, refused, ambiguous or expired post; a
  /// retry; or `nil` when the record leaves it to the state (a transient failure of a scope
  /// that is no longer final).
  static func decide(
    verdict: Verdict, record: DeliveryRecord, scope: String, target: NotifyTarget, policy: Policy, now: Date
  ) -> DeliveryDecision? {
    let (none, send) = outcomes(target: target, kind: kind(of: verdict.state))
    switch record.outcome {
    case .delivered:
      return none(
        .alreadyDelivered, .duplicatePrevented,
        "\(record.state) already posted to \(target.name)"
          + (record.postedAt.map { " at \(Timestamp.iso($0))" } ?? ""))
    case .terminalFailure:
      return none(
        .terminalFailure, .suppressed,
        "delivery failed terminally (\(record.lastError ?? "no detail")); not retried:"
          + " \(DeliveryRecovery.steps(scope: scope, target: target.name))")
    case .inFlight, .ambiguous:
      guard target.onAmbiguous == .resend else {
        return none(
          .ambiguous, .suppressed,
          "an earlier attempt may have been delivered (\(record.lastError ?? "sender stopped mid-flight"));"
            + " not resent (on_ambiguous = skip)")
      }
      return send("earlier attempt ambiguous; resending (on_ambiguous = resend)", true)
    case .transientFailure:
      if let first = record.firstAttemptAt, now.timeIntervalSince(first) >= policy.giveUpAfter {
        return none(
          .terminalFailure, .expired,
          "still failing after \(Interval.describe(now.timeIntervalSince(first)))"
            + " (give_up_after \(Interval.describe(policy.giveUpAfter))): expired")
      }
      guard verdict.state.isFinalStatus || kind(of: verdict.state) == .alert else { return nil }
      return send("retrying after \(record.attempts) failed attempt(s): \(record.lastError ?? "")", false)
    }
  }

  /// The two shapes a decision for `target` takes: send nothing and report an outcome, or send.
  static func outcomes(target: NotifyTarget, kind: DeliveryRecord.Kind) -> (
    none: (ReportedOutcome, DeliveryDecision.Event, String) -> DeliveryDecision,
    send: (String, Bool) -> DeliveryDecision
  ) {
    let none = { (outcome: ReportedOutcome, event: DeliveryDecision.Event, reason: String) in
      DeliveryDecision(target: target.name, kind: kind, action: .none(outcome), event: event, reason: reason)
    }
    let send = { (reason: String, resend: Bool) in
      DeliveryDecision(
        target: target.name, kind: kind, action: .send(resend: resend), event: kind == .alert ? .alert : .post,
        reason: reason)
    }
    return (none, send)
  }
}
