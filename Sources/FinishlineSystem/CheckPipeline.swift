public import FinishlineCore
public import FoundationEssentials

/// One `check`: lock, load, snapshot, classify, decide, deliver, save (SPEC §1).
public struct CheckPipeline: Sendable {
  public var configuration: Configuration
  public var request: CheckRequest
  public var environment: CheckEnvironment
  /// `[[notify]]` plus the alert subscriptions whose job pattern matches this run.
  var targets: [NotifyTarget]
  /// The state directory, or the database `state_url` names: one connection per check.
  let backend: any StateBackend
  /// Set once a request has gone out, for the wording of a later state failure.
  let requestsSent = RequestsSent()
  let codeOwners = CodeOwnersCache()

  public init(configuration: Configuration, request: CheckRequest, environment: CheckEnvironment) {
    self.configuration = configuration
    self.request = request
    self.environment = environment
    targets = configuration.notify
    backend = configuration.stateBackend(lockWait: request.lockWait)
  }

  var log: EventLog { environment.log.with([("run", request.run)]) }
  var subRunFiles: SubRunFiles { SubRunFiles(backend: backend, template: configuration.categorize.subrun) }
  /// Where decisions and delivery intents are written: nowhere for a dry run.
  var ledger: any RunLedger {
    request.mode.writes ? StoredLedger(backend: backend, subRunFiles: subRunFiles) : UnwrittenLedger()
  }

  public func run() -> CheckOutcome {
    var pipeline = self
    do {
      let (targets, subscriptions) = try RunTargets.targets(
        for: request.run, configuration: configuration, backend: backend)
      pipeline.targets = targets
      pipeline.environment.log.redactor = log.redactor.adding(subscriptions.map(\.target))
    } catch .unavailable, .refused {
      // The state itself is out of reach: the check reports that, once, and posts nothing.
    } catch {
      log.error("alerts-unreadable", [("reason", "\(error); alert subscriptions are ignored for this check")])
    }
    let started = ContinuousClock.now
    let outcome = pipeline.decide()
    pipeline.recordMetrics(outcome, duration: (ContinuousClock.now - started) / .seconds(1))
    pipeline.refreshStatusPage()
    return outcome
  }

  /// What a check would decide now, without a lock and without writing or sending anything:
  /// the judgement `explain` and `preview` show, made by the same code as `check`.
  /// - Parameter mode: `.explain` or `.preview`.
  public static func judgement(
    _ mode: CheckMode, configuration: Configuration, run: String, startedAt: Date?,
    context: InvocationContext = InvocationContext(), caBundle: String? = nil, log: EventLog
  ) -> CheckOutcome {
    let request = CheckRequest(run: run, mode: mode, context: context, startedAt: startedAt)
    let environment = CheckEnvironment(
      processes: ProcFileSystemTable(), transport: CurlHTTPTransport(), mail: CurlSMTPTransport(), clock: { .now },
      log: log, caBundle: caBundle)
    return CheckPipeline(configuration: configuration, request: request, environment: environment).run()
  }

  /// Rewrites `status_page` so the page people look at is never older than the last check.
  func refreshStatusPage() {
    guard let page = configuration.statusPage, request.mode.writes else { return }
    let now = environment.clock()
    do {
      try StatusOverview(configuration: configuration, backend: backend, now: now).writePage(
        to: page, redact: log.redactor, history: configuration.history.enabled ? backend.history : nil, now: now)
    } catch {
      log.warning("status-page-failed", [("reason", error.description)])
    }
  }

  /// Adds this check to the counters and rewrites `metrics_file`, after the run's lock is
  /// released. Dry runs write nothing; a metrics failure is logged and never changes the exit.
  func recordMetrics(_ outcome: CheckOutcome, duration: Double) {
    guard let textfile = configuration.metricsFile, request.mode.writes else { return }
    let delta = MetricsDelta(exit: outcome.exit, report: outcome.report, plans: outcome.plans, targets: targets)
    do {
      let recorded = try MetricsStore(stateDir: configuration.stateDir).record(
        delta, duration: duration, openRuns: backend.openRunCount(), now: environment.clock(), textfile: textfile)
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
      var lock: (any RunHold)?
      if request.mode.writes {
        if let note = try backend.prepare() { log.notice("state-dir", [("note", note)]) }
        guard let acquired = try backend.hold(request.run, wait: request.lockWait) else {
          log.warning(
            "lock-busy",
            [("reason", "another invocation owns run \(request.run); waited \(Interval.describe(request.lockWait))")])
          return CheckOutcome(
            exit: .lockBusy, report: nil, message: "run \(request.run) is locked by another invocation")
        }
        lock = acquired
      }
      defer { lock?.release() }
      let now = environment.clock()
      log.info("watch", [("state", backend.location), ("dry_run", String(!request.mode.writes))])
      switch loadState(now: now) {
      case .failure(.corrupt(let path, let movedTo, let problem)):
        return quarantine(path: path, movedTo: movedTo, problem: problem, now: now)
      case .failure(let error):
        throw error
      case .success(let stored):
        if let stored, !request.mode.judgesAfresh, let outcome = closedRunOutcome(stored, now: now) {
          return outcome
        }
        return try evaluate(
          stored: stored ?? StoredRun(run: request.run, kind: .plain, now: now), now: now, deadline: deadline)
      }
    } catch let caught as StateStoreError {
      let error = requestsSent.any ? caught.afterSending : caught
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
      guard !request.mode.writes else { return try backend.load(request.run, now: now) }
      switch try backend.peek(request.run) {
      case .absent: return nil
      case .stored(let stored): return stored
      case .unusable(let problem) where request.mode.judgesAfresh:
        log.warning("state-unusable", [("reason", "state file \(problem); judged as if never checked")])
        return nil
      case .unusable(let problem):
        throw .corrupt(path: backend.place(of: request.run), movedTo: "nowhere (dry run)", problem: problem)
      }
    }
  }

  /// A run whose every scope is closed and settled is answered from its state alone,
  /// without touching artifacts: timers call `check` every minute for hours.
  func closedRunOutcome(_ stored: StoredRun, now: Date) -> CheckOutcome? {
    guard
      let plans = RunSettlement.settledPlans(
        stored, targets: targets, policy: configuration.policy, now: now, dryRun: !request.mode.writes)
    else { return nil }
    log.info(
      "closed",
      [
        ("state", stored.state.rawValue),
        ("reason", "run closed \(stored.closedAt.map(Timestamp.iso) ?? ""); artifacts not read"),
      ])
    var reports: [ScopeReport] = []
    var marked = stored
    for settled in plans {
      let (scope, plan) = (settled.scope, settled.plan)
      let scopeLog = log.with([("scope", scope.scope)])
      for decision in plan { logDecision(decision, scopeLog, scope: scope) }
      marked.update(scope.markingReported(plan, now: now))
      reports.append(
        ScopeReport(
          stored: scope,
          deliveries: plan.map { DeliveryReport(decision: $0, record: scope.delivery(for: $0.target, kind: $0.kind)) }))
    }
    if marked != stored {
      do {
        try ledger.save(marked)
      } catch {
        log.warning("state-error", [("reason", "\(error.description); duplicates stay at notice level")])
      }
    }
    return finish(
      CheckReport(run: stored.run, scopes: reports),
      plans: Dictionary(plans.map { ($0.scope.scope, $0.plan) }, uniquingKeysWith: { first, _ in first }))
  }

  /// A state file that cannot be trusted: keep it aside, close the run as UNKNOWN, post nothing.
  func quarantine(path: String, movedTo: String, problem: String, now: Date) -> CheckOutcome {
    let reason =
      "state file \(problem); moved aside to \(movedTo); run `finishline reset \(request.run)` after inspecting it"
    log.error("state-corrupt", [("path", path), ("moved_to", movedTo), ("reason", reason)])
    let stored = StoredRun.quarantined(request.run, reason: reason, now: now)
    do {
      try ledger.save(stored)
    } catch {
      log.error("state-error", [("reason", error.description)])
    }
    return CheckOutcome(
      exit: .unreadableState,
      report: CheckReport(run: request.run, scopes: stored.scopes.map { ScopeReport(stored: $0, deliveries: []) }),
      message: StateStoreError.corrupt(path: path, movedTo: movedTo, problem: problem).description)
  }

  func finish(_ report: CheckReport, plans: [String: [DeliveryDecision]]) -> CheckOutcome {
    let exit = report.exit
    return CheckOutcome(exit: exit.status, report: report, message: exit.message, plans: plans)
  }
}
