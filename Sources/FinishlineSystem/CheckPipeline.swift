public import FinishlineCore
internal import FoundationEssentials

/// One `check`: lock, load, snapshot, classify, decide, deliver, save (SPEC §1).
public struct CheckPipeline: Sendable {
  public var configuration: Configuration
  public var request: CheckRequest
  public var environment: CheckEnvironment
  /// `[[notify]]` plus the alert subscriptions whose job pattern matches this run.
  var targets: [NotifyTarget]

  public init(configuration: Configuration, request: CheckRequest, environment: CheckEnvironment) {
    self.configuration = configuration
    self.request = request
    self.environment = environment
    targets = configuration.notify
  }

  var log: EventLog { environment.log.with([("run", request.run)]) }
  var store: StateStore { StateStore(directory: configuration.stateDir) }
  var subRunFiles: SubRunFiles { SubRunFiles(store: store, template: configuration.categorize.subrun) }

  public func run() -> CheckOutcome {
    var pipeline = self
    do {
      let (targets, subscriptions) = try RunTargets.targets(for: request.run, configuration: configuration)
      pipeline.targets = targets
      pipeline.environment.log.redactor = log.redactor.adding(subscriptions.map(\.target))
    } catch {
      log.error("alerts-unreadable", [("reason", "\(error); alert subscriptions are ignored for this check")])
    }
    let started = ContinuousClock.now
    let outcome = pipeline.decide()
    pipeline.recordMetrics(outcome, duration: (ContinuousClock.now - started) / .seconds(1))
    pipeline.refreshStatusPage()
    return outcome
  }

  /// Rewrites `status_page` so the page people look at is never older than the last check.
  func refreshStatusPage() {
    guard let page = configuration.statusPage, !request.dryRun else { return }
    let now = environment.clock()
    do {
      try StatusOverview(configuration: configuration, now: now).writePage(
        to: page, stateDir: configuration.stateDir, redact: log.redactor, now: now)
    } catch {
      log.warning("status-page-failed", [("reason", error.description)])
    }
  }

  /// Adds this check to the counters and rewrites `metrics_file`, after the run's lock is
  /// released. Dry runs write nothing; a metrics failure is logged and never changes the exit.
  func recordMetrics(_ outcome: CheckOutcome, duration: Double) {
    guard let textfile = configuration.metricsFile, !request.dryRun else { return }
    let delta = MetricsDelta(exit: outcome.exit, report: outcome.report, plans: outcome.plans, targets: targets)
    do {
      let recorded = try MetricsStore(stateDir: configuration.stateDir).record(
        delta, duration: duration, openRuns: store.openRunCount(), now: environment.clock(), textfile: textfile)
      if let note = recorded.note { log.warning("metrics-reset", [("reason", note)]) }
    } catch {
      log.warning("metrics-failed", [("reason", error.description)])
    }
  }

  /// Lock, load, evaluate, deliver, save: everything of a check but the metrics and the page.
  func decide() -> CheckOutcome {
    let deadline = Deadline(seconds: request.deadline)
    do {
      // A dry run writes nothing: no state directory, no lock file. It sends nothing either,
      // so running beside a real check cannot cost a post.
      var lock: FileLock?
      if !request.dryRun {
        if let note = try store.prepare() { log.notice("state-dir", [("note", note)]) }
        guard let acquired = try store.lock(request.run, wait: request.lockWait) else {
          log.warning(
            "lock-busy",
            [("reason", "another invocation owns run \(request.run); waited \(Interval.describe(request.lockWait))")])
          return CheckOutcome(
            exit: .lockBusy, report: nil, message: "run \(request.run) is locked by another invocation")
        }
        lock = acquired
      }
      defer { lock?.unlock() }
      let now = environment.clock()
      log.info("watch", [("state_dir", configuration.stateDir), ("dry_run", String(request.dryRun))])
      switch loadState(now: now) {
      case .failure(.corrupt(let path, let movedTo, let problem)):
        return quarantine(path: path, movedTo: movedTo, problem: problem, now: now)
      case .failure(let error):
        throw error
      case .success(let stored):
        if let stored, let outcome = closedRunOutcome(stored, now: now) { return outcome }
        return try evaluate(
          stored: stored ?? StoredRun(run: request.run, kind: .plain, now: now), now: now, deadline: deadline)
      }
    } catch let error as StateStoreError {
      log.error("state-error", [("reason", error.description)])
      return CheckOutcome(exit: error.exitStatus, report: nil, message: error.description)
    } catch let busy as SubRunBusy {
      log.warning("lock-busy", [("reason", busy.description)])
      return CheckOutcome(exit: .lockBusy, report: nil, message: busy.description)
    } catch {
      log.error("internal-error", [("reason", "\(error)")])
      return CheckOutcome(exit: .internalError, report: nil, message: "\(error)")
    }
  }

  /// The stored run; a dry run only looks, so a bad state file is reported, not moved aside.
  func loadState(now: Date) -> Result<StoredRun?, StateStoreError> {
    Result { () throws(StateStoreError) in
      guard request.dryRun else { return try store.load(request.run, now: now) }
      switch try store.peek(request.run) {
      case .absent: return nil
      case .stored(let stored): return stored
      case .unusable(let problem):
        throw .corrupt(path: store.statePath(request.run), movedTo: "nowhere (dry run)", problem: problem)
      }
    }
  }

  /// A run whose every scope is closed and settled is answered from its state alone,
  /// without touching artifacts: timers call `check` every minute for hours.
  func closedRunOutcome(_ stored: StoredRun, now: Date) -> CheckOutcome? {
    guard
      let plans = RunSettlement.settledPlans(
        stored, targets: targets, policy: configuration.policy, now: now, dryRun: request.dryRun)
    else { return nil }
    log.info(
      "closed",
      [
        ("state", stored.state.rawValue),
        ("reason", "run closed \(stored.closedAt.map(Timestamp.iso) ?? ""); artifacts not read"),
      ])
    var reports: [ScopeReport] = []
    var marked = stored
    for (scope, plan) in plans {
      let scopeLog = log.with([("scope", scope.scope)])
      for decision in plan { logDecision(decision, scopeLog, scope: scope) }
      marked.update(scope.markingReported(plan, now: now))
      let deliveries = plan.map { decision in
        let (outcome, attempts) = outcome(of: decision, scope: scope)
        return DeliveryReport(target: decision.target, outcome: outcome, attempts: attempts)
      }
      reports.append(ScopeReport(stored: scope, deliveries: deliveries))
    }
    if marked != stored, !request.dryRun {
      do {
        try store.save(marked)
      } catch {
        log.warning("state-error", [("reason", "\(error.description); duplicates stay at notice level")])
      }
    }
    return finish(
      CheckReport(run: stored.run, scopes: reports),
      plans: Dictionary(plans.map { ($0.scope.scope, $0.plan) }, uniquingKeysWith: { first, _ in first }))
  }

  func evaluate(stored initial: StoredRun, now: Date, deadline: Deadline) throws -> CheckOutcome {
    var stored = initial
    let categorized = configuration.categorize.enabled || stored.kind == .categorized
    let plan =
      categorized
      ? try SubRunPlan(configuration: configuration, stored: stored, processes: environment.processes, now: now) : nil
    if categorized { stored.kind = .categorized }
    let specs = plan?.specs ?? [ScopeSpec(name: request.run, group: nil, position: nil, due: true)]
    var reports: [ScopeReport] = []
    var plans: [String: [DeliveryDecision]] = [:]
    var firstOpen: String?
    for spec in specs {
      let (report, plan) = try evaluate(
        spec, stored: &stored, heldBy: firstOpen, parentCancel: plan?.parentCancel, now: now, deadline: deadline)
      reports.append(report)
      plans[spec.name] = plan
      if firstOpen == nil, stored.scope(named: spec.name)?.isClosed != true { firstOpen = spec.group ?? spec.name }
    }
    stored.lastSeen = now
    let summary =
      plan.map { $0.parentSummary(stored, specs: specs, now: now) }
      ?? stored.scope(named: request.run).map {
        ParentSummary.Summary(state: $0.verdict.state, reason: $0.verdict.reason, closed: $0.isClosed)
      } ?? ParentSummary.Summary(state: .running, reason: "", closed: false)
    if plan?.parentRunnerAlive == true { stored.runnerLastSeen = now }
    stored.state = summary.state
    stored.reason = summary.reason
    if stored.closedAt == nil, summary.closed {
      stored.closedAt = now
      log.notice("closed", [("state", summary.state.rawValue), ("reason", summary.reason)])
    }
    if !request.dryRun { try store.save(stored) }
    return finish(CheckReport(run: stored.run, scopes: reports), plans: plans)
  }

  /// Classifies one scope, decides its posts (held while an earlier group is open) and
  /// delivers them; returns its part of the decision record.
  func evaluate(
    _ spec: ScopeSpec, stored: inout StoredRun, heldBy earlier: String?, parentCancel: Marker?, now: Date,
    deadline: Deadline
  ) throws -> (ScopeReport, [DeliveryDecision]) {
    let scopeName = spec.name
    let scopeLog = log.with([("scope", scopeName)] + (spec.group.map { [("group", $0)] } ?? []))
    let subRunLock = try lockSubRun(spec)
    defer { subRunLock?.unlock() }
    let existing = sharedRecord(of: spec, in: &stored)
    var evaluation = try ScopeEvaluation(
      configuration: configuration, scope: scopeName, stored: existing, processes: environment.processes, now: now,
      startedAt: request.startedAt, cancelOverride: parentCancel)
    let parentCancelled = parentCancel?.present == true
    guard existing != nil || spec.due || !evaluation.snapshot.hasNoEvidence || parentCancelled else {
      let reason = "not started; waiting for group \(earlier ?? "before it") to finish"
      scopeLog.info("waiting", [("reason", reason)])
      let report = ScopeReport(
        scope: scopeName, group: spec.group, state: .running, reason: reason, counts: TestCounts(),
        machines: MachineTotals(total: 0, failed: 0),
        deliveries: targets.map { DeliveryReport(target: $0.name, outcome: .pending, attempts: 0) })
      return (report, [])
    }
    if existing == nil, parentCancelled, evaluation.verdict.state != .cancelled {
      evaluation.verdict = Verdict(state: .cancelled, reason: "parent run cancelled", rule: .cancelled)
    }
    let snapshot = evaluation.snapshot
    let verdict = evaluation.verdict
    var scope = record(
      verdict, snapshot: snapshot, existing: existing, spec: spec, in: &stored, now: now, log: scopeLog)

    let context = MessageContext(
      run: stored.run, scope: scopeName, group: spec.group, groupPosition: spec.position, verdict: verdict,
      snapshot: snapshot, firstSeen: scope.firstSeen, links: request.context.links.map { ($0.label, $0.url) },
      fields: request.context.fields.map { ($0.name, $0.value) }, triggeredBy: request.context.triggeredBy,
      advice: configuration.advice, exitCode: request.exitCode)
    var plan = PostingPlanner.plan(
      verdict: verdict, scope: scope, targets: targets, policy: configuration.policy,
      now: now, dryRun: request.dryRun)
    if let earlier {
      plan = plan.map { decision in
        guard decision.sends else { return decision }
        return DeliveryDecision(
          target: decision.target, kind: decision.kind, action: .none(.pending), event: "held",
          reason: "\(decision.reason); held until group \(earlier) is closed, so posts go out in order")
      }
    }
    var outcomes: [(String, (ReportedOutcome, Int))] = []
    for decision in plan {
      logDecision(decision, scopeLog, scope: scope)
      guard decision.sends, let target = targets.first(where: { $0.name == decision.target }) else {
        outcomes.append((decision.target, outcome(of: decision, scope: scope)))
        continue
      }
      var message = context
      message.kind = decision.kind
      message.mention =
        Mention.handle(for: request.context.triggeredBy, in: configuration.mentions, channel: target.kind)
        ?? lookUpMention(for: target, deadline: deadline, log: scopeLog)
      let record = try send(
        message, to: target, state: verdict.state, stored: &stored, scopeName: scopeName, deadline: deadline,
        log: scopeLog.with([("target", target.name)]))
      outcomes.append((target.name, (StoredReport.reported(record.outcome), record.attempts)))
    }

    scope = (stored.scope(named: scopeName) ?? scope).markingReported(plan, now: now)
    stored.update(scope)
    let settled = PostingPlanner.plan(
      verdict: verdict, scope: scope, targets: targets, policy: configuration.policy, now: now,
      dryRun: false
    ).allSatisfy(\.isSettled)
    if verdict.state.isFinalStatus, settled, !scope.isClosed {
      scope.closedAt = now
      stored.update(scope)
      scopeLog.notice("scope-closed", [("state", verdict.state.rawValue)])
    }
    try mirror(scope, now: now)
    let report = ScopeReport(
      scope: scopeName, group: spec.group, state: verdict.state, reason: verdict.reason, counts: snapshot.counts,
      machines: MachineTotals(total: snapshot.machines.count, failed: snapshot.machines.filter(\.failed).count),
      deliveries: outcomes.map { DeliveryReport(target: $0.0, outcome: $0.1.0, attempts: $0.1.1) })
    return (report, plan)
  }

  /// Records one scope's verdict and what the snapshot showed, logging a transition when the
  /// state changed; a sticky state closes the scope at once.
  func record(
    _ verdict: Verdict, snapshot: RunSnapshot, existing: StoredScope?, spec: ScopeSpec, in stored: inout StoredRun,
    now: Date, log: EventLog
  ) -> StoredScope {
    var scope = existing ?? StoredScope(scope: spec.name, group: spec.group, now: now)
    if existing == nil || verdict.state != scope.verdict.state {
      log.notice(
        "transition",
        [
          ("from", existing == nil ? "none" : scope.verdict.state.rawValue), ("to", verdict.state.rawValue),
          ("rule", verdict.rule.rawValue), ("reason", verdict.reason),
        ])
      stored.record(
        Transition(
          at: now, scope: spec.name, from: existing == nil ? nil : scope.verdict.state, to: verdict.state,
          reason: verdict.reason))
      scope.since = now
    } else {
      log.info(
        "state", [("state", verdict.state.rawValue), ("rule", verdict.rule.rawValue), ("reason", verdict.reason)])
    }
    scope.verdict = verdict
    scope.lastSeen = now
    scope.lastProgress = snapshot.newestArtifactAt ?? scope.lastProgress
    if snapshot.runners?.isEmpty == false { scope.lastRunnerSeen = now }
    scope.runnerStartedAt = RunStart.oldestRunner(recorded: scope.runnerStartedAt, alive: snapshot.runners ?? [])
    if !scope.isClosed { scope.summary = ScopeSummary(snapshot) }
    if verdict.state.isSticky, !scope.isClosed { scope.closedAt = now }
    stored.update(scope)
    return scope
  }

  /// A sub-run's lock, taken while its parent's check decides and delivers for it, so a check
  /// by the sub-run's own name never runs beside it; `nil` for a plain run or a dry run.
  func lockSubRun(_ spec: ScopeSpec) throws -> FileLock? {
    guard spec.group != nil, !request.dryRun else { return nil }
    guard let lock = try store.lock(spec.name, wait: request.lockWait) else { throw SubRunBusy(scope: spec.name) }
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

  /// Writes a sub-run's record to its own state file, before the parent's file is saved.
  func mirror(_ scope: StoredScope, now: Date) throws {
    // A plain run's only scope is the run itself: its own file is the one being saved.
    guard scope.scope != request.run, !request.dryRun else { return }
    try subRunFiles.write(scope, parent: request.run, now: now)
  }

  /// A state file that cannot be trusted: keep it aside, close the run as UNKNOWN, post nothing.
  func quarantine(path: String, movedTo: String, problem: String, now: Date) -> CheckOutcome {
    let reason =
      "state file \(problem); moved aside to \(movedTo); run `finishline reset \(request.run)` after inspecting it"
    log.error("state-corrupt", [("path", path), ("moved_to", movedTo), ("reason", reason)])
    var stored = StoredRun(run: request.run, kind: .plain, now: now)
    var scope = StoredScope(scope: request.run, group: nil, now: now)
    scope.verdict = Verdict(state: .unknown, reason: reason, rule: .closed)
    scope.closedAt = now
    stored.update(scope)
    stored.state = .unknown
    stored.reason = reason
    stored.closedAt = now
    stored.record(Transition(at: now, scope: request.run, from: nil, to: .unknown, reason: reason))
    if !request.dryRun {
      do {
        try store.save(stored)
      } catch {
        log.error("state-error", [("reason", error.description)])
      }
    }
    let report = ScopeReport(
      scope: request.run, group: nil, state: .unknown, reason: reason, counts: TestCounts(),
      machines: MachineTotals(total: 0, failed: 0), deliveries: [])
    return CheckOutcome(
      exit: .unreadableState, report: CheckReport(run: request.run, scopes: [report]),
      message: StateStoreError.corrupt(path: path, movedTo: movedTo, problem: problem).description)
  }

  /// An ambiguous delivery is flagged at warning once (SPEC §6.2); posts and the first
  /// duplicate prevented of each delivery at notice; the rest at info.
  func logDecision(_ decision: DeliveryDecision, _ log: EventLog, scope: StoredScope?) {
    let record = scope?.delivery(for: decision.target, kind: decision.kind)
    let firstDuplicate = decision.event == "duplicate-prevented" && record?.duplicateReportedAt == nil
    let firstAmbiguity = decision.action == .none(.ambiguous) && record?.ambiguityReported == false
    let level: LogLevel = firstAmbiguity ? .warning : firstDuplicate || decision.sends ? .notice : .info
    log.log(
      level, firstAmbiguity ? "ambiguous" : decision.event, [("target", decision.target), ("reason", decision.reason)])
  }

  func outcome(of decision: DeliveryDecision, scope: StoredScope? = nil) -> (ReportedOutcome, Int) {
    let attempts = scope?.delivery(for: decision.target, kind: decision.kind)?.attempts ?? 0
    switch decision.action {
    case .none(let outcome): return (outcome, attempts)
    case .send: return (.pending, attempts)
    }
  }

  func finish(_ report: CheckReport, plans: [String: [DeliveryDecision]]) -> CheckOutcome {
    let failing = report.scopes.flatMap(\.deliveries).filter(\.outcome.isFailing)
    guard failing.isEmpty else {
      return CheckOutcome(
        exit: .deliveryFailing, report: report,
        message: "delivery failing for \(failing.map(\.target).joined(separator: ", "))", plans: plans)
    }
    return CheckOutcome(exit: .ok, report: report, plans: plans)
  }
}
