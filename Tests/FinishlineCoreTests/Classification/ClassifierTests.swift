import FoundationEssentials
import Testing

@testable import FinishlineCore

/// One row of the decision-table test: a described world and the verdict it must give.
struct ClassifierCase: CustomTestStringConvertible, Sendable {
  var name: String
  var machines: [MachineEvidence] = [
    ClassifierFixture.machine("vm-01", .passed), ClassifierFixture.machine("vm-02", .passed),
  ]
  /// `nil` = no runner_match configured; otherwise the pids alive now.
  var runners: [Int32]? = []
  var endMarker = Marker(path: "/run/logs/B.done", present: true)
  var cancelMarker = Marker(path: "/state/B.cancel", present: false)
  /// Minutes ago of the newest artifact change; `nil` = no artifact.
  var progressMinutesAgo: Double? = 30
  var watchedMinutes: Double = 60
  var lastRunnerMinutesAgo: Double?
  var closed: Verdict?
  var resultFilesExpected = true
  var runStart: RunStart?
  var specs: SpecCoverage?
  var expected: RunState
  var rule: ClassificationRule.ID
  var reasonContains: [String] = []

  var testDescription: String { name }

  var input: ClassificationInput {
    let now = ClassifierFixture.now
    var snapshot = RunSnapshot(
      scope: "B", takenAt: now, machines: machines, expectedMachinesSource: .statusLogs,
      runners: runners.map { $0.map { RunnerProcess(pid: $0, commandLine: "cypress run B") } },
      endMarker: endMarker, cancelMarker: cancelMarker,
      newestArtifactAt: progressMinutesAgo.map { now.addingTimeInterval(-$0 * 60) })
    snapshot.runStart = runStart
    snapshot.specs = specs
    return ClassificationInput(
      snapshot: snapshot, firstSeen: now.addingTimeInterval(-watchedMinutes * 60),
      lastRunnerSeen: lastRunnerMinutesAgo.map { now.addingTimeInterval(-$0 * 60) }, closedVerdict: closed,
      resultFilesExpected: resultFilesExpected, policy: Policy(), now: now)
  }
}

enum ClassifierFixture {
  static let now = Date(timeIntervalSince1970: 1_800_000_000)

  static func machine(
    _ name: String, _ status: MachineStatus?, results: Bool = true, passed: Int = 10, failed: Int = 0,
    unreadable: Bool = false, hooks: Int = 0
  ) -> MachineEvidence {
    var machine = MachineEvidence(
      name: name,
      status: status.map { StatusLine(machine: name, status: $0, timestamp: nil, source: "logs/B.log") },
      resultFiles: results ? ["mochawesome/B/\(name)/a.json"] : [],
      unreadableFiles: unreadable
        ? [UnreadableFile(path: "mochawesome/B/\(name)/b.json", reason: "truncated JSON")] : [],
      counts: TestCounts(passed: results ? passed : 0, failed: failed),
      failures: (0..<failed).map { TestFailure(machine: name, spec: "a.cy.js", title: "t\($0)", message: "boom") })
    machine.failedHooks = (0..<hooks).map {
      HookFailure(spec: "a.cy.js", title: "\"before all\" hook \($0)", message: "boom", skippedTests: 3)
    }
    return machine
  }
}

@Suite("decision table")
struct ClassifierTests {
  static let cases: [ClassifierCase] = [
    // closed
    ClassifierCase(
      name: "a recorded HUNG close stays HUNG even when the run later completes",
      closed: Verdict(state: .hung, reason: "no progress", rule: .noProgress), expected: .hung, rule: .closed,
      reasonContains: ["reset"]),
    ClassifierCase(
      name: "closed beats the cancel marker",
      cancelMarker: Marker(path: "/state/B.cancel", present: true),
      closed: Verdict(state: .terminated, reason: "gone", rule: .terminated), expected: .terminated, rule: .closed),
    // cancelled
    ClassifierCase(
      name: "the cancel marker cancels a running run", runners: [4121],
      cancelMarker: Marker(path: "/state/B.cancel", present: true), expected: .cancelled, rule: .cancelled,
      reasonContains: ["/state/B.cancel"]),
    ClassifierCase(
      name: "the cancel marker wins over complete results",
      cancelMarker: Marker(path: "/state/B.cancel", present: true), expected: .cancelled, rule: .cancelled),
    ClassifierCase(
      name: "a CANCELLED status line cancels",
      machines: [
        ClassifierFixture.machine("vm-01", .passed), ClassifierFixture.machine("vm-02", .cancelled, results: false),
      ],
      expected: .cancelled, rule: .cancelled, reasonContains: ["vm-02"]),
    ClassifierCase(
      name: "cancel wins over max_runtime", runners: [1], cancelMarker: Marker(path: "/c", present: true),
      watchedMinutes: 13 * 60, expected: .cancelled, rule: .cancelled),
    // max-runtime
    ClassifierCase(
      name: "a run watched longer than max_runtime with a live runner is HUNG", runners: [4121],
      progressMinutesAgo: 1, watchedMinutes: 12 * 60 + 1, expected: .hung, rule: .maxRuntime,
      reasonContains: ["max_runtime 12h"]),
    ClassifierCase(
      name: "max_runtime also closes a run whose runner is not observed",
      machines: [ClassifierFixture.machine("vm-01", .running, results: false)], runners: nil, progressMinutesAgo: 1,
      watchedMinutes: 13 * 60, expected: .hung, rule: .maxRuntime),
    ClassifierCase(
      name: "a complete run is not HUNG however long it was watched", watchedMinutes: 13 * 60,
      expected: .completed, rule: .complete),
    // no-progress
    ClassifierCase(
      name: "a live runner with no progress for hang_after is HUNG", runners: [4121], progressMinutesAgo: 46,
      expected: .hung, rule: .noProgress, reasonContains: ["pid 4121", "hang_after 45m"]),
    ClassifierCase(
      name: "no artifact at all counts from first sight for hang_after", runners: [7], progressMinutesAgo: nil,
      watchedMinutes: 50, expected: .hung, rule: .noProgress),
    // runner-alive
    ClassifierCase(
      name: "a live runner with recent progress is RUNNING even when results look complete",
      runners: [4121, 4122], progressMinutesAgo: 3, expected: .running, rule: .runnerAlive,
      reasonContains: ["pids 4121, 4122"]),
    // complete
    ClassifierCase(
      name: "all machines final with results and end marker is COMPLETED", expected: .completed, rule: .complete),
    ClassifierCase(
      name: "a failed test makes a complete run FAILED",
      machines: [ClassifierFixture.machine("vm-01", .passed), ClassifierFixture.machine("vm-02", .failed, failed: 3)],
      expected: .failed, rule: .complete, reasonContains: ["1 machine failed (vm-02)", "3 of 23 tests failed"]),
    ClassifierCase(
      name: "a FAILED status line alone makes a complete run FAILED",
      machines: [ClassifierFixture.machine("vm-01", .passed), ClassifierFixture.machine("vm-02", .failed)],
      expected: .failed, rule: .complete),
    ClassifierCase(
      name: "without status logs, machines with results are final",
      machines: [ClassifierFixture.machine("local", nil)], endMarker: .notConfigured, expected: .completed,
      rule: .complete),
    ClassifierCase(
      name: "without result sources, final status lines complete the run",
      machines: [ClassifierFixture.machine("vm-01", .passed, results: false)], resultFilesExpected: false,
      expected: .completed, rule: .complete),
    ClassifierCase(
      name: "a complete run found long after it ended is classified at once", progressMinutesAgo: 600,
      expected: .completed, rule: .complete),
    // awaiting-start / never-started
    ClassifierCase(
      name: "nothing yet within start_grace is RUNNING", machines: [], endMarker: Marker(path: "/d", present: false),
      progressMinutesAgo: nil, watchedMinutes: 5, expected: .running, rule: .awaitingStart,
      reasonContains: ["start_grace"]),
    ClassifierCase(
      name: "nothing at all after start_grace is UNKNOWN", machines: [],
      endMarker: Marker(path: "/d", present: false), progressMinutesAgo: nil, watchedMinutes: 11,
      expected: .unknown, rule: .neverStarted),
    // settling
    ClassifierCase(
      name: "runner just gone with machines RUNNING waits for settle",
      machines: [
        ClassifierFixture.machine("vm-01", .passed), ClassifierFixture.machine("vm-02", .running, results: false),
      ],
      endMarker: Marker(path: "/d", present: false), progressMinutesAgo: 1, expected: .running, rule: .settling,
      reasonContains: ["runner gone", "vm-02 still RUNNING", "settle"]),
    ClassifierCase(
      name: "settle counts from the last runner sighting, not only from artifacts",
      machines: [ClassifierFixture.machine("vm-02", .running, results: false)],
      endMarker: Marker(path: "/d", present: false),
      progressMinutesAgo: 60, lastRunnerMinutesAgo: 1, expected: .running, rule: .settling),
    ClassifierCase(
      name: "missing end marker after all machines finished waits for settle",
      endMarker: Marker(path: "/d", present: false), progressMinutesAgo: 1, expected: .running, rule: .settling,
      reasonContains: ["no end marker"]),
    // terminated
    ClassifierCase(
      name: "runner gone, machine still RUNNING, no end marker, after settle is TERMINATED",
      machines: [
        ClassifierFixture.machine("vm-01", .passed), ClassifierFixture.machine("vm-03", .running, results: false),
        ClassifierFixture.machine("vm-07", .running, results: false),
      ],
      endMarker: Marker(path: "/d", present: false), progressMinutesAgo: 3, expected: .terminated, rule: .terminated,
      reasonContains: ["runner gone", "vm-03, vm-07 still RUNNING", "no end marker after 2m settle"]),
    ClassifierCase(
      name: "a NOT STARTED machine after the runner died is TERMINATED",
      machines: [
        ClassifierFixture.machine("vm-01", .passed), ClassifierFixture.machine("vm-02", .notStarted, results: false),
      ],
      endMarker: .notConfigured, progressMinutesAgo: 10, expected: .terminated, rule: .terminated),
    ClassifierCase(
      name: "an expected machine that never reported makes a dead run TERMINATED",
      machines: [ClassifierFixture.machine("vm-01", .passed), ClassifierFixture.machine("vm-09", nil, results: false)],
      endMarker: Marker(path: "/d", present: false), progressMinutesAgo: 10, expected: .terminated,
      rule: .terminated, reasonContains: ["vm-09 never reported"]),
    ClassifierCase(
      name: "a present end marker with unfinished machines is not TERMINATED but undecided",
      machines: [ClassifierFixture.machine("vm-02", .running, results: false)], progressMinutesAgo: 5,
      expected: .running, rule: .undecided, reasonContains: ["end marker present although"]),
    // unobserved runner
    ClassifierCase(
      name: "without runner_match, RUNNING machines stay RUNNING until hang_after",
      machines: [ClassifierFixture.machine("vm-01", .running, results: false)], runners: nil,
      endMarker: Marker(path: "/d", present: false), progressMinutesAgo: 20, expected: .running,
      rule: .unobservedRunning),
    ClassifierCase(
      name: "without runner_match, RUNNING machines quiet for hang_after are HUNG",
      machines: [ClassifierFixture.machine("vm-01", .running, results: false)], runners: nil,
      endMarker: Marker(path: "/d", present: false), progressMinutesAgo: 50, expected: .hung,
      rule: .unobservedHung),
    // run start, spec list, zero tests, hooks
    ClassifierCase(
      name: "a runner that just started in a workspace of two-day-old files is RUNNING, not HUNG",
      runners: [4121], progressMinutesAgo: 2 * 24 * 60,
      runStart: RunStart(date: ClassifierFixture.now.addingTimeInterval(-60), source: .runner),
      expected: .running, rule: .runnerAlive),
    ClassifierCase(
      name: "first sight is no evidence of the start: old files with a live runner are HUNG",
      runners: [4121], progressMinutesAgo: 2 * 24 * 60,
      runStart: RunStart(date: ClassifierFixture.now, source: .firstSight), expected: .hung, rule: .noProgress),
    ClassifierCase(
      name: "a run started an hour ago by --started-at with no progress since is HUNG",
      runners: [4121], progressMinutesAgo: 2 * 24 * 60,
      runStart: RunStart(date: ClassifierFixture.now.addingTimeInterval(-3_600), source: .flag),
      expected: .hung, rule: .noProgress),
    ClassifierCase(
      name: "a finished run whose reports list no tests is UNKNOWN",
      machines: [ClassifierFixture.machine("vm-01", .passed, passed: 0)], expected: .unknown, rule: .noTests,
      reasonContains: ["reports list no tests", "1 result file read"]),
    ClassifierCase(
      name: "zero tests from status logs alone is still COMPLETED",
      machines: [ClassifierFixture.machine("vm-01", .passed, results: false)], resultFilesExpected: false,
      expected: .completed, rule: .complete),
    ClassifierCase(
      name: "a failed hook alone fails the run",
      machines: [ClassifierFixture.machine("vm-01", .passed, hooks: 1)], expected: .failed, rule: .complete,
      reasonContains: ["1 hook failed", "0 of 10 tests failed"]),
    ClassifierCase(
      name: "one passed test is one test, not tests",
      machines: [ClassifierFixture.machine("vm-01", .passed, passed: 1)], expected: .completed, rule: .complete,
      reasonContains: ["all 1 machine final", "1 test passed"]),
    ClassifierCase(
      name: "a spec without a result keeps a run from completing while it settles",
      endMarker: .notConfigured, progressMinutesAgo: 1,
      specs: SpecCoverage(expected: ["a.cy.js", "b.cy.js", "c.cy.js"], missing: ["c.cy.js"]), expected: .running,
      rule: .settling, reasonContains: ["1 of 3 specs without a result (c.cy.js)"]),
    ClassifierCase(
      name: "runner gone with specs never reported is TERMINATED, not COMPLETED",
      endMarker: .notConfigured,
      specs: SpecCoverage(expected: ["a.cy.js", "b.cy.js", "c.cy.js"], missing: ["c.cy.js"]),
      expected: .terminated, rule: .terminated, reasonContains: ["1 of 3 specs never reported (c.cy.js)"]),
    ClassifierCase(
      name: "every spec reported completes",
      endMarker: .notConfigured, specs: SpecCoverage(expected: ["a.cy.js", "b.cy.js"], missing: []),
      expected: .completed, rule: .complete),
    // undecided / unknown
    ClassifierCase(
      name: "an unreadable report after settle is undecided until unknown_after",
      machines: [ClassifierFixture.machine("vm-01", .passed, unreadable: true)], progressMinutesAgo: 5,
      expected: .running,
      rule: .undecided, reasonContains: ["unreadable mochawesome/B/vm-01/b.json: truncated JSON"]),
    ClassifierCase(
      name: "an unreadable report for unknown_after is UNKNOWN and named",
      machines: [ClassifierFixture.machine("vm-01", .passed, unreadable: true)], progressMinutesAgo: 16,
      expected: .unknown,
      rule: .unknown, reasonContains: ["unreadable mochawesome/B/vm-01/b.json"]),
    ClassifierCase(
      name: "a present end marker with RUNNING machines for unknown_after is UNKNOWN",
      machines: [ClassifierFixture.machine("vm-02", .running, results: false)], progressMinutesAgo: 20,
      expected: .unknown,
      rule: .unknown),
    ClassifierCase(
      name: "a final machine without result files for unknown_after is UNKNOWN",
      machines: [
        ClassifierFixture.machine("vm-01", .passed), ClassifierFixture.machine("vm-02", .passed, results: false),
      ],
      progressMinutesAgo: 20, expected: .unknown, rule: .unknown,
      reasonContains: ["vm-02 final but without result files"]),
  ]

  @Test(arguments: cases)
  func `verdict`(_ scenario: ClassifierCase) {
    let verdict = Classifier.classify(scenario.input)
    #expect(verdict.state == scenario.expected, "\(verdict.reason)")
    #expect(verdict.rule == scenario.rule, "\(verdict.reason)")
    for fragment in scenario.reasonContains {
      #expect(verdict.reason.contains(fragment), "reason `\(verdict.reason)` lacks `\(fragment)`")
    }
  }

  @Test func `every row of the table is exercised`() {
    let covered = Set(Self.cases.map(\.rule))
    let missing = ClassificationRule.ID.allCases.filter { !covered.contains($0) }
    #expect(missing.isEmpty, "rows without a case: \(missing)")
    #expect(Classifier.rules.map(\.id) == ClassificationRule.ID.allCases, "table order and ID order agree")
  }

  @Test func `every verdict carries a reason`() {
    for scenario in Self.cases {
      #expect(!Classifier.classify(scenario.input).reason.isEmpty, "\(scenario.name)")
    }
  }
}
