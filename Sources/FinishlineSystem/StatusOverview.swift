public import FinishlineCore
public import FoundationEssentials

/// Every tracked run as `status` shows it, in the three forms: table rows, decision records
/// and the HTML page. Shared by `status` and by `check` when `status_page` is configured.
public struct StatusOverview: Sendable {
  public var reports: [CheckReport] = []
  public var rows: [StatusTable.Row] = []
  public var pageRuns: [StatusPage.Run] = []
  public var unreadable: [StatusPage.Unreadable] = []
  /// The alert subscriptions, read once: for each run's targets and for the page's list; none
  /// when they cannot be read.
  public var subscriptions: [AlertSubscription] = []

  /// Each run's deliveries are listed for the targets `check` tells it about, alert subscriptions
  /// included; when the subscriptions cannot be read, for `[[notify]]` alone.
  /// - Throws: when the state cannot be listed at all (a database not reachable).
  public init(configuration: Configuration, backend: any StateBackend, only run: String? = nil, now: Date)
    throws(StateStoreError)
  {
    subscriptions = (try? backend.alerts.list()) ?? []
    for entry in try StatusReader(backend: backend).entries(only: run) {
      switch entry {
      case .run(let stored):
        let report = StoredReport.report(
          stored, targets: configuration.targets(for: stored.run, subscriptions: subscriptions),
          policy: configuration.policy, now: now)
        reports.append(report)
        let pageRun = StatusPage.Run(stored: stored, report: report)
        pageRuns.append(pageRun)
        if stored.kind == .categorized { rows.append(Self.parentRow(stored)) }
        rows += pageRun.scopes
      case .unusable(let name, let problem):
        unreadable.append(StatusPage.Unreadable(run: name, problem: problem))
      }
    }
  }

  /// A categorized parent's own row: its summary state and what it waits for; it posts nothing.
  static func parentRow(_ stored: StoredRun) -> StatusTable.Row {
    let report = ScopeReport(
      scope: stored.run, group: nil, state: stored.state, reason: stored.reason, counts: TestCounts(),
      machines: MachineTotals(total: 0, failed: 0), deliveries: [])
    return StatusTable.Row(report: report, since: stored.firstSeen, lastSeen: stored.lastSeen)
  }

  /// Writes the self-contained page atomically (mode 0644, so a web server can read it), with
  /// the recent runs of each series `history` has (none when history is off).
  ///
  /// Secrets are removed from the texts before they are escaped (an escaped secret would no
  /// longer match), and from the page again as a whole, as every other output is.
  public func writePage(
    to path: String, redact: Redactor, history: (any HistoryBook)?, now: Date
  ) throws(StateStoreError) {
    let runs = pageRuns.map { run in
      var run = run
      run.reason = redact(run.reason)
      for index in run.scopes.indices {
        run.scopes[index].report.reason = redact(run.scopes[index].report.reason)
      }
      return run
    }
    let unreadable = unreadable.map { StatusPage.Unreadable(run: $0.run, problem: redact($0.problem)) }
    let page = redact(
      StatusPage.render(
        runs: runs, unreadable: unreadable, series: history.map(Self.recentSeries) ?? [],
        subscriptions: subscriptions.map(\.summary), now: now))
    do {
      try AtomicFile.write(Data(page.utf8), to: path, mode: 0o644)
    } catch {
      throw .cannotWrite(path: path, reason: "\(error)")
    }
  }

  /// Every series' strip; a history that cannot be read leaves its series (or all of them)
  /// off the page rather than the page unwritten, and the next `check` says why.
  static func recentSeries(_ history: any HistoryBook) -> [StatusPage.Series] {
    ((try? history.series()) ?? []).compactMap { series in
      (try? history.history(of: series)).map(StatusPage.Series.init)
    }
  }
}
