public import FoundationEssentials

/// The page `status --html` writes for people who will not run a command: one self-contained
/// HTML document (inline CSS, no scripts, nothing fetched) that any web server or file share
/// can serve as it is, and that reloads itself so a wall screen stays current.
///
/// Every piece of data is HTML-escaped; the caller removes secrets before rendering.
public enum StatusPage {
  /// Seconds between the page's own reloads.
  public static let refreshSeconds = 60

  /// One tracked run and the scopes (sub-runs) under it.
  public struct Run: Sendable {
    public var run: String
    public var state: RunState
    public var reason: String
    public var firstSeen: Date
    public var lastSeen: Date
    public var closedAt: Date?
    public var scopes: [StatusTable.Row]

    public init(
      run: String, state: RunState, reason: String, firstSeen: Date, lastSeen: Date, closedAt: Date?,
      scopes: [StatusTable.Row]
    ) {
      self.run = run
      self.state = state
      self.reason = reason
      self.firstSeen = firstSeen
      self.lastSeen = lastSeen
      self.closedAt = closedAt
      self.scopes = scopes
    }

    /// A run as its state file records it, with the decision record built from that file.
    public init(stored: StoredRun, report: CheckReport) {
      self.init(
        run: stored.run, state: stored.state, reason: stored.reason, firstSeen: stored.firstSeen,
        lastSeen: stored.lastSeen, closedAt: stored.closedAt,
        scopes: zip(stored.scopes, report.scopes).map {
          StatusTable.Row(report: $1, since: $0.since, lastSeen: $0.lastSeen)
        })
    }

    /// A plain run is one row; a run with sub-runs gets a row of its own above theirs.
    var isPlain: Bool {
      scopes.count == 1 && scopes.allSatisfy { $0.report.scope == run && $0.report.group == nil }
    }
  }

  /// A state file `status` could not use, shown so it is not silently missing from the page.
  public struct Unreadable: Sendable {
    public var run: String
    public var problem: String

    public init(run: String, problem: String) {
      self.run = run
      self.problem = problem
    }
  }

  /// The whole document: each series' recent finished runs, then the runs, those last looked
  /// at first, as in `status`.
  public static func render(
    runs: [Run], unreadable: [Unreadable], series: [Series] = [], subscriptions: [AlertSubscriptionSummary],
    now: Date
  ) -> String {
    let sorted = runs.sorted { ($0.lastSeen, $0.run) > ($1.lastSeen, $1.run) }
    let rows = runs.flatMap(\.scopes)
    let failing = rows.flatMap(\.report.deliveries).filter(\.outcome.isFailing).count
    let summary = [
      plural(runs.count, "run"), "\(runs.filter { $0.closedAt == nil }.count) open",
      plural(failing, "failing delivery", "failing deliveries"),
    ].joined(separator: " · ")
    var html = [
      "<!DOCTYPE html>", "<html lang=\"en\">", "<head>", "<meta charset=\"utf-8\">",
      "<meta http-equiv=\"refresh\" content=\"\(refreshSeconds)\">",
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
      "<title>finishline status: \(escape(summary))</title>", "<style>", css, "</style>", "</head>", "<body>",
      "<header>", "<div class=\"top\">",
      "<h1>finishline <small>\(escape(summary))</small></h1>",
      "<p class=\"generated\">Generated \(time(now)) · reloads every \(refreshSeconds) s</p>", "</div>",
      "<ul class=\"legend\" aria-label=\"states\">",
    ]
    for state in RunState.allCases {
      let count = rows.filter { $0.report.state == state }.count
      html.append(
        "<li>\(badge(state))<span class=\"count\">\(count)</span> \(escape(meaning(state)))</li>")
    }
    html += ["</ul>", "</header>", "<main>"] + seriesSection(series)
    html += ["<section>", "<h2>Runs</h2>", "<table class=\"runs\">"]
    html.append(
      "<thead><tr><th>Run</th><th>State</th><th>Since</th><th>Deliveries</th><th>Tests</th>"
        + "<th>Machines</th><th>Reason</th></tr></thead>")
    if sorted.isEmpty {
      html.append("<tbody><tr><td class=\"empty\" colspan=\"7\">No tracked runs yet.</td></tr></tbody>")
    }
    for run in sorted {
      html.append("<tbody class=\"run\">")
      if run.isPlain, let only = run.scopes.first {
        html.append(scopeRow(only, label: run.run, group: false, now: now))
      } else {
        html.append(parentRow(run, now: now))
        html += run.scopes.map {
          scopeRow($0, label: $0.report.group ?? $0.report.scope, group: true, now: now)
        }
      }
      html.append("</tbody>")
    }
    html += ["</table>", "</section>"]
    if !unreadable.isEmpty {
      html += ["<section class=\"problems\">", "<h2>State files that could not be read</h2>", "<ul>"]
      html += unreadable.map {
        "<li><span class=\"run-name\">\(escape($0.run))</span>: \(escape($0.problem))</li>"
      }
      html += ["</ul>", "</section>"]
    }
    html += subscriptionSection(subscriptions)
    html += ["</main>", "</body>", "</html>", ""]
    return html.joined(separator: "\n")
  }

  static func scopeRow(_ row: StatusTable.Row, label: String, group: Bool, now: Date) -> String {
    let report = row.report
    let counts = report.counts
    let tests = [
      (counts.passed, "passed", ""), (counts.failed, "failed", " class=\"failed-count\""),
      (counts.pending, "pending", ""), (counts.skipped, "skipped", ""),
    ].filter { $0.0 > 0 }.map { "<span\($0.2)>\($0.0) \($0.1)</span>" }
    let machines =
      report.machines.total == 0
      ? dash
      : plural(report.machines.total, "machine")
        + (report.machines.failed > 0
          ? ", <span class=\"failed-count\">\(report.machines.failed) failed</span>" : "")
    return "<tr class=\"\(group ? "group" : "plain")\" style=\"--state: \(StateStyle.color(report.state))\">"
      + "<th scope=\"row\"><span class=\"run-name\">\(escape(label))</span></th>"
      + "<td>\(badge(report.state))</td>"
      + "<td title=\"last checked \(Timestamp.iso(row.lastSeen))\">\(time(row.since))"
      + "<span class=\"ago\">\(ago(row.since, now))</span></td>"
      + "<td>\(deliveries(report.deliveries))</td>"
      + "<td class=\"tests\">\(tests.isEmpty ? dash : tests.joined(separator: "<br>"))</td>"
      + "<td>\(machines)</td>"
      + "<td class=\"reason\">\(escape(report.reason))</td></tr>"
  }

  static func parentRow(_ run: Run, now: Date) -> String {
    let since =
      run.closedAt.map { "closed \(time($0))<span class=\"ago\">\(ago($0, now))</span>" }
      ?? "watched since \(time(run.firstSeen))<span class=\"ago\">\(ago(run.firstSeen, now))</span>"
    return "<tr class=\"parent\" style=\"--state: \(StateStyle.color(run.state))\">"
      + "<th scope=\"row\"><span class=\"run-name\">\(escape(run.run))</span></th>"
      + "<td>\(badge(run.state))</td><td>\(since)</td>"
      + "<td colspan=\"3\" class=\"muted\">\(plural(run.scopes.count, "sub-run"))</td>"
      + "<td class=\"reason\">\(escape(run.reason))</td></tr>"
  }

  /// One line per target: its name and outcome, coloured by whether someone needs to act.
  static func deliveries(_ deliveries: [DeliveryReport]) -> String {
    guard !deliveries.isEmpty else { return dash }
    let items = deliveries.map { delivery in
      let tone =
        switch delivery.outcome {
        case .delivered, .alreadyDelivered: "ok"
        case .transientFailure, .terminalFailure: "bad"
        case .ambiguous: "warn"
        case .pending, .suppressed, .dryRun: "quiet"
        }
      let attempts =
        delivery.attempts > 0 ? " <span class=\"muted\">· \(plural(delivery.attempts, "attempt"))</span>" : ""
      return "<li class=\"outcome \(tone)\">\(escape(delivery.target)) "
        + "<b>\(delivery.outcome.rawValue)</b>\(attempts)</li>"
    }
    return "<ul class=\"deliveries\">\(items.joined())</ul>"
  }

  static func subscriptionSection(_ subscriptions: [AlertSubscriptionSummary]) -> [String] {
    var html = ["<section>", "<h2>Alert subscriptions</h2>"]
    guard !subscriptions.isEmpty else {
      return html + ["<p class=\"empty\">No alert subscriptions.</p>", "</section>"]
    }
    html.append("<table class=\"subscriptions\">")
    html.append(
      "<thead><tr><th>ID</th><th>Job</th><th>Type</th><th>Target</th><th>On</th></tr></thead><tbody>")
    for subscription in subscriptions {
      let on = subscription.on.map { "<span class=\"chip\">\(escape($0))</span>" }.joined()
      html.append(
        "<tr><th scope=\"row\"><span class=\"run-name\">\(escape(subscription.id))</span></th>"
          + "<td><code>\(escape(subscription.job))</code></td><td>\(escape(subscription.type))</td>"
          + "<td>\(escape(subscription.target))</td><td>\(on)</td></tr>")
    }
    return html + ["</tbody></table>", "</section>"]
  }

  /// A state as a coloured pill; the text is dark or white, whichever reads better on it.
  static func badge(_ state: RunState) -> String {
    let background = StateStyle.color(state)
    let ink = (luminance(background) ?? 0) > 0.25 ? "#1f2328" : "#ffffff"
    return "<span class=\"state\" style=\"background: \(escape(background)); color: \(ink)\">"
      + "\(state.rawValue)</span>"
  }

  /// The relative luminance of a `#rrggbb` colour, with sRGB's gamma approximated by squaring:
  /// close enough to choose the ink, and 0.25 is about where dark and white text contrast
  /// equally with the background.
  static func luminance(_ hex: String) -> Double? {
    guard hex.hasPrefix("#"), hex.count == 7, let value = Int(hex.dropFirst(), radix: 16) else { return nil }
    let (red, green, blue) = ((value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff)
    func linear(_ channel: Int) -> Double { (Double(channel) / 255) * (Double(channel) / 255) }
    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
  }

  /// What each state means, for the legend, so the page explains itself.
  static func meaning(_ state: RunState) -> String {
    switch state {
    case .running: "still active, or not started yet"
    case .completed: "finished, nothing failed; posted once"
    case .failed: "finished with failures; posted once"
    case .cancelled: "stopped on purpose; never posted"
    case .terminated: "killed before the end; never posted"
    case .hung: "no progress, or over max_runtime; never posted"
    case .unknown: "evidence conflicts or is unreadable; never posted"
    }
  }

  static func time(_ date: Date) -> String {
    let iso = Timestamp.iso(date)
    return "<time datetime=\"\(iso)\">\(iso)</time>"
  }

  static func ago(_ date: Date, _ now: Date) -> String {
    "\(Interval.describe(now.timeIntervalSince(date))) ago"
  }

  static func plural(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
    "\(count) \(count == 1 ? singular : plural ?? singular + "s")"
  }

  static func escape(_ text: String) -> String { HTMLText.escape(text) }

  static let dash = "<span class=\"muted\">—</span>"
}
