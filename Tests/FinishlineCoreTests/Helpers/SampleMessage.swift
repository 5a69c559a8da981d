import Foundation

@testable import FinishlineCore

/// Message contexts built from plain values (fixed dates), so rendered payloads are stable.
enum SampleMessage {
  static let firstSeen = Date(timeIntervalSince1970: 1_714_644_000)

  /// The billing group (2 of 3) of BUILD-42: the example run's four timeouts on vm-02 and vm-04,
  /// plus one login failure, with advice, links, fields and a mention.
  static func failed() -> MessageContext {
    let timeout =
      "AssertionError: Timed out retrying after 4000ms: Expected to find element: `#row-17`, but never found it."
    func failure(_ machine: String, _ title: String, _ message: String, spec: String = "cypress/e2e/invoices.cy.js")
      -> TestFailure
    {
      TestFailure(machine: machine, spec: spec, title: title, message: message)
    }
    let machines = [
      machine("vm-01", passed: 6, durationMs: 612_000),
      machine(
        "vm-02", passed: 3, failed: 3, durationMs: 724_500,
        failures: [
          failure("vm-02", "Invoices opens invoice row", timeout),
          failure(
            "vm-02", "Invoices exports a PDF",
            "AssertionError: Timed out retrying after 4000ms: Expected to find element: `#row-23`, but never found it."),
          failure(
            "vm-02", "Login rejects a bad password",
            "AssertionError: Timed out retrying after 4000ms: expected '<div.error>' to contain 'Invalid password'",
            spec: "cypress/e2e/login.cy.js"),
        ]),
      machine("vm-03", passed: 5, pending: 1, durationMs: 640_250),
      machine(
        "vm-04", passed: 4, failed: 2, durationMs: 701_000,
        failures: [
          failure(
            "vm-04", "Invoices opens invoice row",
            "AssertionError: Timed out retrying after 6000ms: Expected to find element: `#row-4`, but never found it."),
          failure(
            "vm-04", "Invoices exports a PDF",
            "AssertionError: Timed out retrying after 4000ms: Expected to find element: `#row-112`, but never found it."
          ),
        ]),
      machine("vm-05", passed: 6, durationMs: 598_000),
    ]
    let snapshot = RunSnapshot(
      scope: "BUILD-42-billing", takenAt: firstSeen.addingTimeInterval(900), machines: machines,
      expectedMachinesSource: .statusLogs, runners: [], endMarker: Marker(path: "/runs/BUILD-42.done", present: true),
      cancelMarker: .notConfigured, newestArtifactAt: firstSeen.addingTimeInterval(700))
    return MessageContext(
      run: "BUILD-42", scope: "BUILD-42-billing", group: "billing", groupPosition: .init(index: 2, count: 3),
      verdict: Verdict(
        state: .failed,
        reason: "all 5 machines final, end marker present, no runner alive, 2 machines failed (vm-02, vm-04),"
          + " 5 of 30 tests failed",
        rule: .complete),
      snapshot: snapshot, firstSeen: firstSeen,
      links: [
        .init(label: "CI build", url: "https://ci.example.com/job/e2e/42/"),
        .init(label: "Report", url: "https://reports.example.com/BUILD-42/"),
      ],
      fields: [.init(name: "Job", value: "e2e-nightly"), .init(name: "Build number", value: "42")],
      triggeredBy: "alice@example.com", mention: "@alice",
      advice: [
        AdviceRule(
          pattern: .substring("Expected to find element"),
          advice: "Target VM was slow to boot; re-run the group before filing a bug.", states: [.failed]),
        AdviceRule(pattern: .regex("Invalid password"), advice: "The test user's password may have been rotated."),
        AdviceRule(pattern: .substring("Timed out"), advice: "Only for passing runs.", states: [.completed]),
      ])
  }

  /// `count` failures with distinct causes spread over `machineCount` failed machines, each
  /// failure's message long enough that only a fraction fits one post.
  static func manyFailures(count: Int, machineCount: Int) -> MessageContext {
    let names = (1...machineCount).map { "vm-\(String(format: "%02d", $0))" }
    var failures: [String: [TestFailure]] = [:]
    for index in 0..<count {
      let machine = names[index % machineCount]
      failures[machine, default: []].append(
        TestFailure(
          machine: machine, spec: "cypress/e2e/spec-\(index % 7).cy.js", title: "test \(index)",
          message: "AssertionError: expected widget \(letters(index)) to be visible within the dialog"))
    }
    let machines = names.map { name in
      machine(
        name, passed: 100, failed: failures[name]?.count ?? 0, durationMs: 3_600_000, failures: failures[name] ?? [])
    }
    let snapshot = RunSnapshot(
      scope: "BUILD-7", takenAt: firstSeen, machines: machines, expectedMachinesSource: .configured, runners: nil,
      endMarker: .notConfigured, cancelMarker: .notConfigured, newestArtifactAt: firstSeen)
    return MessageContext(
      run: "BUILD-7", scope: "BUILD-7", verdict: Verdict(state: .failed, reason: "many failed", rule: .complete),
      snapshot: snapshot, firstSeen: firstSeen,
      advice: [AdviceRule(pattern: .substring("widget"), advice: "Widgets load slowly under load; check the CDN.")])
  }

  static func machine(
    _ name: String, passed: Int, failed: Int = 0, pending: Int = 0, durationMs: Double? = nil,
    failures: [TestFailure] = []
  ) -> MachineEvidence {
    MachineEvidence(
      name: name,
      status: StatusLine(machine: name, status: failed > 0 ? .failed : .passed, timestamp: nil, source: "log:1"),
      resultFiles: ["mochawesome/\(name)/report.json"],
      counts: TestCounts(passed: passed, failed: failed, pending: pending),
      failures: failures, durationMs: durationMs)
  }

  /// A distinct word for each number (letters only, so normalising numbers cannot merge them).
  static func letters(_ number: Int) -> String {
    var remaining = number
    var word = ""
    repeat {
      word.append(Character(Unicode.Scalar(UInt8(97 + remaining % 26))))
      remaining /= 26
    } while remaining > 0
    return "w" + word
  }

  /// The chat overrides every sample chat target sets.
  static let chat = ChatSettings(channel: "qa-alerts", username: "finishline")

  static func target(_ kind: NotifyTarget.Kind, maxChars: Int? = nil) throws -> NotifyTarget {
    let channel: Channel =
      switch kind {
      case .mattermost: .mattermost(chat)
      case .slack: .slack(chat)
      case .webhook: .webhook
      case .email: .email(EmailSettings(from: "finishline@example.com", to: ["qa@example.com"]))
      }
    return NotifyTarget(
      name: "atvm", channel: channel, url: try SecretURL("https://chat.example.com/hooks/abc123", schemes: ["https"]),
      maxChars: maxChars)
  }
}
