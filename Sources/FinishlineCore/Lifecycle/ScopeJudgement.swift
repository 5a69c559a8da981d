public import FoundationEssentials

/// Everything a check decides about one scope, as functions of values (SPEC §4–§6): the verdict
/// with the parent's cancel applied, whether the scope still waits for an earlier group, its new
/// record and transition, the posts it owes (held while an earlier group is open) and, once
/// those posts are settled, whether it closes. `check`, `check --dry-run` and `explain` all
/// call these, so they cannot disagree.
public enum ScopeJudgement {
  /// One scope's evidence and what is remembered of it.
  public struct Input: Sendable {
    public var spec: ScopeSpec
    /// The scope's record, with what the other entry point recorded adopted; `nil` if none.
    public var existing: StoredScope?
    public var snapshot: RunSnapshot
    /// The classifier's verdict for `snapshot` (`classify`).
    public var verdict: Verdict
    /// The categorized parent's cancel marker is present.
    public var parentCancelled: Bool
    /// The first earlier group that is still open: this scope's posts wait for it.
    public var heldBy: String?
    public var targets: [NotifyTarget]
    public var policy: Policy
    public var now: Date
    public var dryRun: Bool
    /// The scope against its series, worked out for a verdict of COMPLETED or FAILED when the
    /// record has none yet; kept only when the judged verdict is one of those.
    public var history: ScopeHistory?

    public init(
      spec: ScopeSpec, existing: StoredScope?, snapshot: RunSnapshot, verdict: Verdict, parentCancelled: Bool = false,
      heldBy: String? = nil, targets: [NotifyTarget], policy: Policy, now: Date, dryRun: Bool = false,
      history: ScopeHistory? = nil
    ) {
      self.spec = spec
      self.existing = existing
      self.snapshot = snapshot
      self.verdict = verdict
      self.parentCancelled = parentCancelled
      self.heldBy = heldBy
      self.targets = targets
      self.policy = policy
      self.now = now
      self.dryRun = dryRun
      self.history = history
    }
  }

  /// A scope's judgement: it waits (never seen, not due, no evidence of its own), or it has a
  /// verdict, a record to keep and posts to make.
  public enum Outcome: Sendable, Equatable {
    case waiting(reason: String)
    case judged(Judged)
  }

  public struct Judged: Sendable, Equatable {
    public var verdict: Verdict
    /// The record to keep: verdict, sightings and summary updated; closed at once when sticky.
    public var scope: StoredScope
    /// The state change to record and log; `nil` when the state stayed.
    public var transition: Transition?
    public var decisions: [DeliveryDecision]
  }

  /// The snapshot as classification sees it, its facts and the classifier's verdict: a
  /// categorized parent's cancel marker cancels every sub-run that is not closed yet.
  public static func classify(
    _ snapshot: RunSnapshot, stored: StoredScope?, parentCancel: Marker?, resultFilesExpected: Bool, policy: Policy,
    now: Date
  ) -> (snapshot: RunSnapshot, facts: EvidenceFacts, verdict: Verdict) {
    var snapshot = snapshot
    if let parentCancel, parentCancel.present { snapshot.cancelMarker = parentCancel }
    let input = ClassificationInput(
      snapshot: snapshot, firstSeen: stored?.firstSeen ?? now, lastRunnerSeen: stored?.lastRunnerSeen,
      closedVerdict: stored?.isClosed == true ? stored?.verdict : nil, resultFilesExpected: resultFilesExpected,
      policy: policy, now: now)
    let facts = EvidenceFacts(input)
    return (snapshot, facts, Classifier.classify(facts))
  }

  public static func judge(_ input: Input) -> Outcome {
    let existing = input.existing
    guard existing != nil || input.spec.due || !input.snapshot.hasNoEvidence || input.parentCancelled else {
      return .waiting(reason: "not started; waiting for group \(input.heldBy ?? "before it") to finish")
    }
    var verdict = input.verdict
    if existing == nil, input.parentCancelled, verdict.state != .cancelled {
      verdict = Verdict(state: .cancelled, reason: "parent run cancelled", rule: .cancelled)
    }
    let (scope, transition) = record(verdict, input: input)
    var decisions = PostingPlanner.plan(
      verdict: verdict, scope: scope, targets: input.targets, policy: input.policy, now: input.now,
      dryRun: input.dryRun)
    if let earlier = input.heldBy { decisions = decisions.map { held($0, by: earlier) } }
    return .judged(Judged(verdict: verdict, scope: scope, transition: transition, decisions: decisions))
  }

  /// The scope once this check's posts are done: what was reported for the first time marked,
  /// and closed when its state is final and every post it owes is settled.
  public static func settle(
    _ scope: StoredScope, verdict: Verdict, decisions: [DeliveryDecision], targets: [NotifyTarget], policy: Policy,
    now: Date
  ) -> StoredScope {
    var scope = scope.markingReported(decisions, now: now)
    let settled = PostingPlanner.plan(
      verdict: verdict, scope: scope, targets: targets, policy: policy, now: now, dryRun: false
    ).allSatisfy(\.isSettled)
    if verdict.state.isFinalStatus, settled, !scope.isClosed { scope.closedAt = now }
    return scope
  }

  /// The record with this verdict and what the snapshot showed; a sticky state closes the
  /// scope at once.
  static func record(_ verdict: Verdict, input: Input) -> (StoredScope, Transition?) {
    let existing = input.existing
    let now = input.now
    var scope = existing ?? StoredScope(scope: input.spec.name, group: input.spec.group, now: now)
    var transition: Transition?
    if existing == nil || verdict.state != scope.verdict.state {
      transition = Transition(
        at: now, scope: input.spec.name, from: existing == nil ? nil : scope.verdict.state, to: verdict.state,
        reason: verdict.reason)
      scope.since = now
    }
    let snapshot = input.snapshot
    scope.verdict = verdict
    scope.lastSeen = now
    scope.lastProgress = snapshot.newestArtifactAt ?? scope.lastProgress
    if snapshot.runners?.isEmpty == false { scope.lastRunnerSeen = now }
    scope.runnerStartedAt = RunStart.oldestRunner(recorded: scope.runnerStartedAt, alive: snapshot.runners ?? [])
    if !scope.isClosed { scope.summary = ScopeSummary(snapshot) }
    if verdict.state.isFinalStatus, scope.history == nil { scope.history = input.history }
    if verdict.state.isSticky, !scope.isClosed { scope.closedAt = now }
    return (scope, transition)
  }

  /// A post held until `earlier` closes, so a categorized run's posts go out in group order.
  static func held(_ decision: DeliveryDecision, by earlier: String) -> DeliveryDecision {
    guard decision.sends else { return decision }
    return DeliveryDecision(
      target: decision.target, kind: decision.kind, action: .none(.pending), event: .held,
      reason: "\(decision.reason); held until group \(earlier) is closed, so posts go out in order")
  }
}
