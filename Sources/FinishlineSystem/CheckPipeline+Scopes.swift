internal import FinishlineCore
internal import FoundationEssentials

/// The scopes of one check: each snapshot taken, judged by `ScopeJudgement`, its posts
/// delivered and its record written; then the run judged by `RunClosing`.
extension CheckPipeline {
  func evaluate(stored initial: StoredRun, now: Date, deadline: Deadline) throws -> CheckOutcome {
    var stored = initial
    let categorized = configuration.categorize.enabled || stored.kind == .categorized
    let plan =
      categorized
      ? try SubRunPlan(
        configuration: configuration, stored: stored, processes: environment.processes,
        sharedCancel: backend.cancellations?.cancellation(of: stored.run), startedAt: request.startedAt, now: now) : nil
    if categorized { stored.kind = .categorized }
    let specs = plan?.specs ?? [ScopeSpec(name: request.run)]
    var results: [ScopeResult] = []
    var firstOpen: String?
    for spec in specs {
      let result = try evaluate(
        spec, stored: &stored, heldBy: firstOpen, parentCancel: plan?.parentCancel, now: now, deadline: deadline)
      results.append(result)
      firstOpen = SubRunSchedule.holder(firstOpen, after: spec, in: stored)
    }
    let closing = RunClosing.close(stored, specs: specs, parent: plan?.parent, policy: configuration.policy, now: now)
    let closed = closing.run
    if let closedNow = closing.closedNow {
      log.notice("closed", [("state", closedNow.state.rawValue), ("reason", closedNow.reason)])
    }
    try ledger.save(closed)
    var outcome = finish(
      CheckReport(run: closed.run, scopes: results.map(\.report)),
      plans: Dictionary(results.map { ($0.evaluated.spec.name, $0.decisions) }, uniquingKeysWith: { first, _ in first })
    )
    outcome.evaluated = results.map(\.evaluated)
    outcome.state = closed
    return outcome
  }

  /// One scope's part of a check: its report line, its posting plan and what it was judged on.
  struct ScopeResult {
    var report: ScopeReport
    var decisions: [DeliveryDecision]
    var evaluated: EvaluatedScope
  }

  /// Snapshots and judges one scope, delivers what it owes (unless an earlier group holds it)
  /// and records the result.
  func evaluate(
    _ spec: ScopeSpec, stored: inout StoredRun, heldBy earlier: String?, parentCancel: Marker?, now: Date,
    deadline: Deadline
  ) throws -> ScopeResult {
    let scopeLog = log.with([("scope", spec.name)] + (spec.group.map { [("group", $0)] } ?? []))
    let subRunLock = try lockSubRun(spec)
    defer { subRunLock?.release() }
    let existing = sharedRecord(of: spec, in: &stored)
    let origin =
      spec.group.map { SubRunOrigin(parent: request.run, group: $0) }
      ?? SubRunOrigin.of(scope: spec.name, parent: stored.parent, template: configuration.categorize.subrun)
    let evaluation = try ScopeEvaluation(
      configuration: configuration, scope: spec.name, stored: existing, processes: environment.processes, now: now,
      startedAt: request.startedAt, parentCancel: parentCancel,
      sharedCancel: backend.cancellations?.cancellation(of: spec.name),
      parseCache: request.mode.writes ? .readWrite : .read, origin: origin)
    let parentCancelled = parentCancel?.present == true
    let input = ScopeJudgement.Input(
      spec: spec, existing: existing, snapshot: evaluation.snapshot, verdict: evaluation.verdict,
      parentCancelled: parentCancelled, heldBy: earlier, targets: targets,
      policy: configuration.policy, now: now, dryRun: !request.mode.writes,
      history: history(
        of: spec, origin: origin, existing: existing, verdict: evaluation.verdict, snapshot: evaluation.snapshot,
        parentCancelled: parentCancelled, now: now, log: scopeLog))
    switch ScopeJudgement.judge(input) {
    case .waiting(let reason):
      scopeLog.info("waiting", [("reason", reason)])
      return waiting(spec, reason: reason, recorded: existing)
    case .judged(let judged):
      logJudgement(judged, scopeLog)
      stored.update(judged.scope)
      if let transition = judged.transition { stored.record(transition) }
      let message = messageContext(spec, judged: judged, snapshot: evaluation.snapshot, run: stored.run)
      let delivered = try deliver(
        judged.decisions, message: message, stored: &stored, deadline: deadline, log: scopeLog)
      let recorded = stored.scope(named: spec.name) ?? judged.scope
      let scope = ScopeJudgement.settle(
        recorded, verdict: judged.verdict, decisions: judged.decisions, targets: targets,
        policy: configuration.policy, now: now)
      if scope.isClosed, !recorded.isClosed {
        scopeLog.notice("scope-closed", [("state", judged.verdict.state.rawValue)])
      }
      stored.update(scope)
      try ledger.mirror(scope, parent: request.run, now: now)
      let snapshot = evaluation.snapshot
      let report = ScopeReport(
        scope: spec.name, group: spec.group, state: judged.verdict.state, reason: judged.verdict.reason,
        counts: snapshot.counts,
        machines: MachineTotals(total: snapshot.machines.count, failed: snapshot.machines.filter(\.failed).count),
        deliveries: delivered.reports)
      let evaluated = EvaluatedScope(
        spec: spec, recorded: existing, facts: evaluation.facts, verdict: judged.verdict, message: message,
        deliveries: delivered.planned)
      return ScopeResult(report: report, decisions: judged.decisions, evaluated: evaluated)
    }
  }

  /// A sub-run that waits for an earlier group: pending on every target, nothing recorded.
  func waiting(_ spec: ScopeSpec, reason: String, recorded: StoredScope?) -> ScopeResult {
    let planned = targets.map { target in
      PlannedDelivery(
        target: target,
        decision: DeliveryDecision(
          target: target.name, kind: .final, action: .none(.pending), event: .pending, reason: reason))
    }
    let report = ScopeReport(
      scope: spec.name, group: spec.group, state: .running, reason: reason, counts: TestCounts(),
      machines: MachineTotals(total: 0, failed: 0),
      deliveries: planned.map { DeliveryReport(decision: $0.decision, record: nil) })
    let evaluated = EvaluatedScope(
      spec: spec, recorded: recorded, facts: nil,
      verdict: Verdict(state: .running, reason: reason, rule: .awaitingStart),
      message: nil, deliveries: planned)
    return ScopeResult(report: report, decisions: [], evaluated: evaluated)
  }

  /// The message every post of this scope carries, before its target's mention.
  func messageContext(_ spec: ScopeSpec, judged: ScopeJudgement.Judged, snapshot: RunSnapshot, run: String)
    -> MessageContext
  {
    MessageContext(
      run: run, scope: spec.name, group: spec.group, groupPosition: spec.position,
      verdict: judged.verdict, snapshot: snapshot, firstSeen: judged.scope.firstSeen,
      links: request.context.links, fields: request.context.fields, triggeredBy: request.context.triggeredBy,
      advice: configuration.advice, exitCode: request.exitCode, history: judged.scope.history,
      owners: judged.verdict.state == .running ? nil : owners(of: snapshot, history: judged.scope.history, log: log))
  }

  /// A transition at notice, an unchanged state at info.
  func logJudgement(_ judged: ScopeJudgement.Judged, _ log: EventLog) {
    let verdict = judged.verdict
    guard let transition = judged.transition else {
      log.info(
        "state", [("state", verdict.state.rawValue), ("rule", verdict.rule.rawValue), ("reason", verdict.reason)])
      return
    }
    log.notice(
      "transition",
      [
        ("from", transition.from?.rawValue ?? "none"), ("to", verdict.state.rawValue),
        ("rule", verdict.rule.rawValue), ("reason", verdict.reason),
      ])
  }

  /// A sub-run's lock, taken while its parent's check decides and delivers for it, so a check
  /// by the sub-run's own name never runs beside it; `nil` for a plain run or a dry run.
  func lockSubRun(_ spec: ScopeSpec) throws -> (any RunHold)? {
    guard spec.group != nil, request.mode.writes else { return nil }
    guard let lock = try backend.hold(spec.name, wait: request.lockWait) else { throw SubRunBusy(scope: spec.name) }
    return lock
  }

  /// The scope's record with every delivery recorded through the other entry point: a sub-run's
  /// own file when checked through its parent, the parents' records when checked by name (the
  /// run then names its parent, so `status` lists it there). A scope this entry point has never
  /// recorded takes the other's record whole.
  func sharedRecord(of spec: ScopeSpec, in stored: inout StoredRun) -> StoredScope? {
    let others: [StoredScope]
    if spec.group != nil {
      others = [subRunFiles.ownScope(spec.name)].compactMap { $0 }
    } else {
      let parents = subRunFiles.parentScopes(of: spec.name)
      stored.parent = stored.parent ?? parents.first?.parent
      others = parents.map(\.scope)
    }
    guard let base = stored.scope(named: spec.name) ?? others.first else { return nil }
    var shared = base.adopting(others)
    if let group = spec.group { shared.group = group }
    return shared
  }
}
