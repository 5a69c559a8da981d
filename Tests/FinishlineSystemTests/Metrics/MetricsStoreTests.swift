import FinishlineCore
import FinishlineSystem
import Foundation
import Synchronization
import TestSupport
import Testing

@Suite("Metrics store and textfile", .timeLimit(.minutes(3)))
struct MetricsStoreTests {
  static let now = Date(timeIntervalSince1970: 1_700_000_000)

  /// One check that delivered a FAILED post to Mattermost and left a cancelled scope alone.
  static var delta: MetricsDelta {
    var delta = MetricsDelta()
    delta.checked(exit: .ok)
    delta.post(targetType: "mattermost", state: .failed)
    delta.delivery(.delivered)
    let decision = DeliveryDecision(
      target: "atvm", kind: .final, action: .none(.suppressed), event: .suppressed, reason: "never posted")
    let cancelled = ScopeReport(
      scope: "B-43", group: nil, state: .cancelled, reason: "", counts: TestCounts(),
      machines: MachineTotals(total: 0, failed: 0), deliveries: [])
    delta.count(decision, scope: cancelled, targetType: .mattermost)
    return delta
  }

  @Test func `recording twice adds up, and prometheus_client reads the textfile`() throws {
    try TemporaryDirectory.with { directory in
      try directory.makeDirectory("state", mode: 0o700)
      try directory.makeDirectory("textfiles")
      let store = MetricsStore(stateDir: directory.file("state"))
      let textfile = directory.file("textfiles/finishline.prom")
      try store.record(Self.delta, duration: 0.5, openRuns: 4, now: Self.now, textfile: textfile)
      let second = try store.record(
        Self.delta, duration: 0.125, openRuns: 3, now: Self.now.addingTimeInterval(60), textfile: textfile)
      #expect(second.counters.checks["0"] == 2)
      #expect(second.note == nil)

      let families = try PrometheusParser.parse(textfile)
      func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        PrometheusParser.value(families, name, labels)
      }
      #expect(value("finishline_checks_total", ["exit_code": "0"]) == 2)
      #expect(value("finishline_checks_total", ["exit_code": "69"]) == 0)
      #expect(value("finishline_posts_total", ["target_type": "mattermost", "state": "FAILED"]) == 2)
      #expect(value("finishline_posts_total", ["target_type": "mattermost", "state": "COMPLETED"]) == 0)
      #expect(value("finishline_deliveries_total", ["outcome": "delivered"]) == 2)
      #expect(value("finishline_suppressions_total", ["reason": "not-final"]) == 2)
      #expect(value("finishline_duplicates_prevented_total") == 0)
      #expect(value("finishline_last_check_duration_seconds") == 0.125)
      #expect(value("finishline_last_check_timestamp_seconds") == 1_700_000_060)
      #expect(value("finishline_open_runs") == 3)
      let types = Dictionary(families.map { ($0.name, $0.type) }, uniquingKeysWith: { first, _ in first })
      #expect(types["finishline_posts"] == "counter")
      #expect(types["finishline_checks"] == "counter")
      #expect(types["finishline_open_runs"] == "gauge")
      #expect(families.allSatisfy { $0.name.hasPrefix("finishline_") && !$0.help.isEmpty })

      #expect(try directory.permissions(of: "state/.metrics.json") == 0o600)
      #expect(try directory.permissions(of: "state/.metrics.lock") == 0o600)
      #expect(try directory.permissions(of: "textfiles/finishline.prom") == 0o644)
      #expect(try directory.names(in: "textfiles") == ["finishline.prom"], "no temporary file is left behind")
    }
  }

  @Test func `label values that need escaping reach the parser intact`() throws {
    try TemporaryDirectory.with { directory in
      var delta = MetricsDelta()
      let awkward = "a \"quoted\" C:\\path\nand a second line"
      delta.post(targetType: awkward, state: .completed)
      let textfile = directory.file("finishline.prom")
      try MetricsStore(stateDir: directory.path).record(
        delta, duration: 1, openRuns: 0, now: Self.now, textfile: textfile)
      let families = try PrometheusParser.parse(textfile)
      #expect(
        PrometheusParser.value(
          families, "finishline_posts_total", ["target_type": awkward, "state": "COMPLETED"]) == 1)
    }
  }

  /// Each `FileLock.acquire` opens its own file description and flock locks belong to those,
  /// so threads here contend for the lock exactly as separate check processes do.
  @Test func `concurrent recorders lose no increment`() throws {
    try TemporaryDirectory.with { directory in
      let store = MetricsStore(stateDir: directory.path, lockWait: .seconds(30))
      let textfile = directory.file("finishline.prom")
      let failures = Mutex<[String]>([])
      DispatchQueue.concurrentPerform(iterations: 8) { worker in
        for round in 0..<5 {
          do {
            try store.record(
              Self.delta, duration: Double(worker), openRuns: round, now: Self.now, textfile: textfile)
          } catch {
            failures.withLock { $0.append("\(error)") }
          }
        }
      }
      #expect(failures.withLock { $0 }.isEmpty)
      let families = try PrometheusParser.parse(textfile)
      #expect(PrometheusParser.value(families, "finishline_checks_total", ["exit_code": "0"]) == 40)
      #expect(PrometheusParser.value(families, "finishline_deliveries_total", ["outcome": "delivered"]) == 40)
    }
  }

  @Test func `a metrics lock held by another process makes recording fail busy and change nothing`() throws {
    try TemporaryDirectory.with { directory in
      let store = MetricsStore(stateDir: directory.path, lockWait: .milliseconds(100))
      let holder = try LockHolder.hold(store.lockPath)
      defer { holder.stop() }
      #expect(throws: MetricsStoreError.busy(path: store.lockPath, waited: .milliseconds(100))) {
        try store.record(
          Self.delta, duration: 1, openRuns: 0, now: Self.now, textfile: directory.file("x.prom"))
      }
      #expect(try directory.names() == [".metrics.lock"])
    }
  }

  @Test func `unusable counters are moved aside and counting starts again`() throws {
    try TemporaryDirectory.with { directory in
      try directory.write("{\"schemaVersion\": 1, \"posts\": [", to: ".metrics.json")
      let recorded = try MetricsStore(stateDir: directory.path)
        .record(Self.delta, duration: 1, openRuns: 0, now: Self.now, textfile: nil)
      #expect(recorded.counters.checks == ["0": 1])
      #expect(
        recorded.note?.contains("moved aside to \(directory.path)/.metrics.json.corrupt-1700000000") == true)
      #expect(
        try directory.names() == [".metrics.json", ".metrics.json.corrupt-1700000000", ".metrics.lock"])
    }
  }

  @Test func `open runs are the state files without a closing time`() throws {
    try TemporaryDirectory.with { directory in
      let store = StateStore(directory: directory.path)
      try store.save(StoredRun(run: "open-1", kind: .plain, now: Self.now))
      try store.save(StoredRun(run: "open-2", kind: .plain, now: Self.now))
      var closed = StoredRun(run: "closed", kind: .plain, now: Self.now)
      closed.closedAt = Self.now
      try store.save(closed)
      try directory.write("not json", to: "broken.json")
      #expect(store.openRunCount() == 2)
    }
  }

  /// `RUN.json` and `RUN.lock` belong to runs, and a run may be called `metrics`.
  @Test func `the counters never collide with a run's state, nor show up as a run`() throws {
    try TemporaryDirectory.with { directory in
      let store = StateStore(directory: directory.path)
      try store.save(StoredRun(run: "metrics", kind: .plain, now: Self.now))
      try MetricsStore(stateDir: directory.path)
        .record(Self.delta, duration: 1, openRuns: 1, now: Self.now, textfile: nil)
      #expect(store.runs() == ["metrics"])
      #expect(store.openRunCount() == 1)
      guard case .stored(let stored) = try store.peek("metrics") else {
        Issue.record("the run's state file was disturbed")
        return
      }
      #expect(stored.run == "metrics")
    }
  }
}
