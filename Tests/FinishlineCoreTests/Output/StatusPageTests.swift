import Foundation
import Testing

@testable import FinishlineCore

@Suite("status page")
struct StatusPageTests {
  static let now = Date(timeIntervalSince1970: 1_700_000_000)

  static func row(
    _ scope: String, group: String? = nil, _ state: RunState, reason: String = "because",
    deliveries: [DeliveryReport] = [], sinceSecondsAgo: Double = 90
  ) -> StatusTable.Row {
    StatusTable.Row(
      report: ScopeReport(
        scope: scope, group: group, state: state, reason: reason,
        counts: TestCounts(passed: 25, failed: 4, pending: 1, skipped: 0),
        machines: MachineTotals(total: 5, failed: 2),
        deliveries: deliveries),
      since: now.addingTimeInterval(-sinceSecondsAgo), lastSeen: now)
  }

  /// One plain run per state, and a run with two sub-runs.
  static var runs: [StatusPage.Run] {
    var runs = RunState.allCases.map { state in
      StatusPage.Run(
        run: "run-\(state.configName)", state: state, reason: "reason of \(state)", firstSeen: now,
        lastSeen: now, closedAt: state == .running ? nil : now,
        scopes: [row("run-\(state.configName)", state, reason: "scope reason of \(state)")])
    }
    runs.append(
      StatusPage.Run(
        run: "B-42", state: .failed, reason: "a group failed", firstSeen: now.addingTimeInterval(-3600),
        lastSeen: now.addingTimeInterval(-60), closedAt: nil,
        scopes: [
          row(
            "B-42-billing", group: "billing", .failed,
            deliveries: [.init(target: "atvm", outcome: .delivered, attempts: 1)]),
          row(
            "B-42-search", group: "search", .running,
            deliveries: [.init(target: "atvm", outcome: .pending, attempts: 0)]),
        ]))
    return runs
  }

  static func render(
    _ runs: [StatusPage.Run] = runs, unreadable: [StatusPage.Unreadable] = [],
    subscriptions: [AlertSubscriptionSummary] = []
  ) -> String {
    StatusPage.render(runs: runs, unreadable: unreadable, subscriptions: subscriptions, now: now)
  }

  @Test func `the page is one self-contained document that reloads itself`() {
    let page = Self.render()
    #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
    #expect(page.contains("<meta http-equiv=\"refresh\" content=\"60\">"))
    #expect(page.contains("<meta charset=\"utf-8\">"))
    #expect(page.contains("<style>"))
    #expect(!page.contains("<script"))
    #expect(!page.contains("<link"))
    #expect(!page.contains("src="))
    #expect(!page.contains("href="))
    #expect(!page.contains("@import"))
    #expect(!page.contains("url("))
    #expect(page.hasSuffix("</html>\n"))
  }

  @Test func `every run, sub-run and state is listed with its colour and the generation time`() {
    let page = Self.render()
    for state in RunState.allCases {
      #expect(page.contains("<span class=\"run-name\">run-\(state.configName)</span>"))
      #expect(page.contains("background: \(StateStyle.color(state));"))
      #expect(page.contains("scope reason of \(state)"))
    }
    #expect(page.contains("Generated <time datetime=\"2023-11-14T22:13:20Z\">2023-11-14T22:13:20Z</time>"))
    #expect(page.contains("<time datetime=\"2023-11-14T22:11:50Z\">2023-11-14T22:11:50Z</time>"))
    #expect(page.contains("1m30s ago"))
    #expect(page.contains("8 runs · 2 open · 0 failing deliveries"))
    #expect(page.contains("atvm <b>delivered</b>"))
  }

  @Test func `the legend shows the seven states with how many scopes are in each`() throws {
    let page = Self.render()
    let legend = try #require(
      page.split(separator: "<ul class=\"legend\"").last?.split(separator: "</ul>").first)
    #expect(legend.components(separatedBy: "<li>").count - 1 == 7)
    #expect(legend.contains(">FAILED</span><span class=\"count\">2</span>"))
    #expect(legend.contains(">RUNNING</span><span class=\"count\">2</span>"))
    #expect(legend.contains(">HUNG</span><span class=\"count\">1</span>"))
  }

  @Test func `sub-runs are grouped under their run`() throws {
    let page = Self.render()
    let body = try #require(
      page.components(separatedBy: "<tbody class=\"run\">").first { $0.contains("B-42") }?
        .components(separatedBy: "</tbody>").first)
    let parent = try #require(body.range(of: "<tr class=\"parent\""))
    let billing = try #require(body.range(of: "<span class=\"run-name\">billing</span>"))
    let search = try #require(body.range(of: "<span class=\"run-name\">search</span>"))
    #expect(parent.lowerBound < billing.lowerBound && billing.lowerBound < search.lowerBound)
    #expect(body.contains("2 sub-runs"))
  }

  @Test func `every text from data is escaped`() {
    let hostile = "<script>alert('x')</script> & <a href=\"https://evil.example\">"
    let run = StatusPage.Run(
      run: "R&D", state: .failed, reason: hostile, firstSeen: Self.now, lastSeen: Self.now, closedAt: nil,
      scopes: [
        Self.row(
          "R&D", .failed, reason: hostile,
          deliveries: [.init(target: "team \"<b>\"", outcome: .terminalFailure, attempts: 2)])
      ])
    let page = Self.render(
      [run], unreadable: [.init(run: "<i>x</i>", problem: hostile)],
      subscriptions: [
        .init(
          id: "s-1", job: "nightly-*<", type: "webhook", target: "https://hooks.example/<x>",
          on: ["failure\""])
      ])
    #expect(!page.contains("<script>"))
    #expect(!page.contains("href=\""), "an escaped attribute stays text")
    #expect(!page.contains("<i>x</i>"))
    #expect(
      page.contains(
        "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &lt;a href=&quot;https://evil.example&quot;&gt;"
      ))
    #expect(page.contains("<span class=\"run-name\">R&amp;D</span>"))
    #expect(page.contains("team &quot;&lt;b&gt;&quot; <b>terminal-failure</b>"))
    #expect(page.contains("<td>https://hooks.example/&lt;x&gt;</td>"))
    #expect(page.contains("<code>nightly-*&lt;</code>"))
    #expect(page.contains("<span class=\"chip\">failure&quot;</span>"))
    #expect(page.contains("1 failing delivery"))
  }

  @Test func `an empty page says so, and lists no subscriptions`() {
    let page = Self.render([])
    #expect(page.contains("No tracked runs yet."))
    #expect(page.contains("No alert subscriptions."))
    #expect(page.contains("0 runs · 0 open"))
  }

  @Test(arguments: [
    ("plain", "plain"), ("a < b > c", "a &lt; b &gt; c"), ("\"q\" & 'a'", "&quot;q&quot; &amp; &#39;a&#39;"),
    ("&amp;", "&amp;amp;"), ("ünïcödé ✓", "ünïcödé ✓"),
  ])
  func `HTML escaping covers the five special characters`(_ text: String, _ escaped: String) {
    #expect(HTMLText.escape(text) == escaped)
  }

  /// White on the light orange and grey would be hard to read; dark ink is chosen there.
  @Test(arguments: RunState.allCases)
  func `each state badge has readable ink`(_ state: RunState) {
    let dark = [RunState.hung, .unknown].contains(state)
    #expect(StatusPage.badge(state).contains("color: \(dark ? "#1f2328" : "#ffffff")"))
  }
}
