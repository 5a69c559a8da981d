import FoundationEssentials
import Testing

@testable import FinishlineCore

@Suite("Prometheus text format")
struct PrometheusTextTests {
  @Test(arguments: [
    ("plain", "plain"), (#"C:\runs"#, #"C:\\runs"#), (#"say "hi""#, #"say \"hi\""#),
    ("two\nlines", #"two\nlines"#),
    (#"\"#, #"\\"#), ("tab\there", "tab\there"), ("ünïcödé", "ünïcödé"),
  ])
  func `label values escape backslash, quote and line feed only`(_ value: String, _ escaped: String) {
    #expect(PrometheusText.escapeLabel(value) == escaped)
  }

  @Test func `help text escapes backslash and line feed but not quotes`() {
    #expect(PrometheusText.escapeHelp("a \"b\" \\ c\nd") == #"a "b" \\ c\nd"#)
  }

  @Test(arguments: [
    (3.0, "3"), (0.0, "0"), (0.25, "0.25"), (-2.0, "-2"), (1_700_000_000.0, "1700000000"),
    (1_712_345_678.5, "1712345678.5"), (Double.nan, "NaN"), (Double.infinity, "+Inf"),
    (-Double.infinity, "-Inf"),
  ])
  func `values are written as the format spells them`(_ value: Double, _ text: String) {
    #expect(PrometheusText.format(value) == text)
  }

  @Test func `families render with HELP and TYPE lines and samples sorted by label`() {
    let families = [
      PrometheusText.Family(
        name: "x_total", help: "Things.", type: .counter,
        samples: [
          .init(labels: [.init("kind", "b"), .init("state", "Z")], value: 2),
          .init(labels: [.init("kind", "a"), .init("state", "y \"q\"")], value: 1),
        ]),
      PrometheusText.Family(name: "empty_total", help: "Nothing.", type: .counter, samples: []),
      PrometheusText.Family(name: "g", help: "A gauge.", type: .gauge, samples: [.init(value: 0.5)]),
    ]
    #expect(
      PrometheusText.render(families) == """
        # HELP x_total Things.
        # TYPE x_total counter
        x_total{kind="a",state="y \\"q\\""} 1
        x_total{kind="b",state="Z"} 2
        # HELP g A gauge.
        # TYPE g gauge
        g 0.5

        """)
  }

  @Test func `fresh counters expose every known series at zero, prefixed and suffixed`() {
    let gauges = MetricsGauges(
      lastCheckDuration: 0.042, lastCheckAt: .init(timeIntervalSince1970: 1_700_000_000), openRuns: 3)
    let families = MetricsCounters().families(gauges: gauges)
    #expect(
      families.map(\.name) == [
        "finishline_posts_total", "finishline_suppressions_total", "finishline_deliveries_total",
        "finishline_duplicates_prevented_total", "finishline_checks_total",
        "finishline_last_check_duration_seconds",
        "finishline_last_check_timestamp_seconds", "finishline_open_runs",
      ])
    for family in families {
      #expect(family.name.hasSuffix("_total") == (family.type == .counter), "\(family.name)")
    }
    let text = PrometheusText.render(families)
    #expect(text.contains(#"finishline_posts_total{target_type="mattermost",state="FAILED"} 0"#))
    #expect(text.contains(#"finishline_suppressions_total{reason="not-subscribed"} 0"#))
    #expect(text.contains(#"finishline_deliveries_total{outcome="transient-failure"} 0"#))
    #expect(text.contains(#"finishline_checks_total{exit_code="75"} 0"#))
    #expect(text.contains("finishline_duplicates_prevented_total 0\n"))
    #expect(text.contains("finishline_last_check_duration_seconds 0.042\n"))
    #expect(text.contains("finishline_last_check_timestamp_seconds 1700000000\n"))
    #expect(text.contains("finishline_open_runs 3\n"))
  }

  @Test func `rendering is deterministic and keeps labels this build does not know`() {
    var counters = MetricsCounters()
    counters.suppressions = ["quota-exceeded": 4, "pending": 2]
    counters.posts = ["pager": ["HUNG": 1]]
    let gauges = MetricsGauges(
      lastCheckDuration: 1, lastCheckAt: .init(timeIntervalSince1970: 0), openRuns: 0)
    let text = PrometheusText.render(counters.families(gauges: gauges))
    // The same counters built in the other order render to the same bytes.
    var reordered = MetricsCounters()
    reordered.posts = ["pager": ["HUNG": 1]]
    reordered.suppressions["pending"] = 2
    reordered.suppressions["quota-exceeded"] = 4
    #expect(text == PrometheusText.render(reordered.families(gauges: gauges)))
    #expect(text.contains(#"finishline_suppressions_total{reason="quota-exceeded"} 4"#))
    #expect(text.contains(#"finishline_suppressions_total{reason="pending"} 2"#))
    #expect(text.contains(#"finishline_posts_total{target_type="pager",state="HUNG"} 1"#))
    let reasons = text.split(separator: "\n").filter { $0.hasPrefix("finishline_suppressions_total{") }
    #expect(reasons == reasons.sorted())
  }
}
