import Foundation
import Testing

@testable import FinishlineCore

/// The generic webhook payload's documented shape (schemas/webhook-v1.schema.json); the
/// system tests validate rendered payloads against that schema with a real validator.
@Suite("generic webhook payload")
struct WebhookPayloadTests {
  static let sentAt = Date(timeIntervalSince1970: 1_739_440_800)

  static func machine(
    _ name: String, _ status: MachineStatus?, passed: Int = 0,
    failures: [(spec: String?, message: String)] = []
  ) -> MachineEvidence {
    MachineEvidence(
      name: name,
      status: status.map { StatusLine(machine: name, status: $0, timestamp: nil, source: "run.log:1") },
      resultFiles: status == nil ? [] : ["\(name).json"],
      counts: TestCounts(passed: passed, failed: failures.count),
      failures: failures.enumerated().map {
        TestFailure(machine: name, spec: $1.spec, title: "test \($0)", message: $1.message)
      })
  }

  static func context(
    state: RunState = .failed, machines: [MachineEvidence], group: String? = nil,
    groupPosition: ScopeSpec.GroupPosition? = nil, fields: [InvocationContext.Field] = [],
    exitCode: Int? = nil
  ) -> MessageContext {
    let snapshot = RunSnapshot(
      scope: "B-42-billing", takenAt: sentAt, machines: machines, expectedMachinesSource: .statusLogs,
      runners: [], endMarker: .notConfigured, cancelMarker: .notConfigured, newestArtifactAt: sentAt)
    return MessageContext(
      run: "B-42", scope: "B-42-billing", group: group, groupPosition: groupPosition,
      verdict: Verdict(state: state, reason: "all 2 machines final", rule: .complete), snapshot: snapshot,
      firstSeen: sentAt, links: [.init(label: "CI build", url: "https://ci.example.com/job/e2e/42/")],
      fields: fields, exitCode: exitCode)
  }

  static func text(_ context: MessageContext, kind: DeliveryRecord.Kind = .final) -> String {
    String(decoding: WebhookPayload.payload(context, kind: kind, sentAt: sentAt), as: UTF8.self)
  }

  @Test func `a failed sub-run renders every documented field in order`() {
    let machines = [
      Self.machine("vm-01", .passed, passed: 10),
      Self.machine(
        "vm-02", .failed, passed: 8,
        failures: [
          (spec: "billing.cy.js", message: "AssertionError: Timed out retrying after 4000ms"),
          (spec: nil, message: "TypeError: x is undefined"),
        ]),
    ]
    let context = Self.context(
      machines: machines, group: "billing", groupPosition: .init(index: 2, count: 5),
      fields: [.init(name: "job", value: "e2e-nightly"), .init(name: "build", value: "42")], exitCode: 1)

    #expect(
      Self.text(context) == """
        {"schema":"finishline.webhook/v1","kind":"final","run":"B-42","scope":"B-42-billing",\
        "job":"e2e-nightly","group":"billing","group_position":{"index":2,"count":5},"state":"FAILED",\
        "reason":"all 2 machines final","exit_code":1,\
        "counts":{"passed":18,"failed":2,"pending":0,"skipped":0,"flaky":0},\
        "machines":{"total":2,"failed":1,"list":[\
        {"name":"vm-01","status":"PASSED","passed":10,"failed":0,"pending":0,"skipped":0,"flaky":0},\
        {"name":"vm-02","status":"FAILED","passed":8,"failed":2,"pending":0,"skipped":0,"flaky":0}]},\
        "failures":[\
        {"message":"AssertionError: Timed out retrying after 4000ms","count":1,"machines":["vm-02"],\
        "specs":["billing.cy.js"],"tests":["billing.cy.js › test 0"],"advice":[],"owners":[]},\
        {"message":"TypeError: x is undefined","count":1,"machines":["vm-02"],"specs":[],"tests":["test 1"],"advice":[],"owners":[]}],\
        "flaky_tests":[],"failed_hooks":[],"history":null,\
        "links":[{"label":"CI build","url":"https://ci.example.com/job/e2e/42/"}],\
        "context":{"job":"e2e-nightly","build":"42"},"sent_at":"2025-02-13T10:00:00Z"}
        """)
  }

  @Test func `a plain run without a known job or exit code says null`() {
    let text = Self.text(
      Self.context(state: .completed, machines: [Self.machine("vm-01", .passed, passed: 3)]))
    #expect(text.contains(#""job":null,"group":null,"group_position":null,"state":"COMPLETED""#))
    #expect(text.contains(#""exit_code":null"#))
    #expect(text.contains(#""failures":[],"#))
  }

  @Test func `failures with the same message form one group, most frequent first`() throws {
    let timeout = "AssertionError: Timed out retrying after 4000ms"
    let machines = [
      Self.machine("vm-01", .failed, failures: [(spec: "a.cy.js", message: "Error: once")]),
      Self.machine(
        "vm-02", .failed,
        failures: [(spec: "b.cy.js", message: timeout), (spec: "a.cy.js", message: timeout)]),
      Self.machine("vm-03", .failed, failures: [(spec: "b.cy.js", message: timeout)]),
    ]
    let object = try #require(
      try JSONSerialization.jsonObject(
        with: WebhookPayload.payload(Self.context(machines: machines), kind: .final, sentAt: Self.sentAt))
        as? [String: Any])
    let groups = try #require(object["failures"] as? [[String: Any]])
    #expect(groups.map { $0["message"] as? String } == [timeout, "Error: once"])
    #expect(groups.map { $0["count"] as? Int } == [3, 1])
    #expect(groups.first?["machines"] as? [String] == ["vm-02", "vm-03"])
    #expect(groups.first?["specs"] as? [String] == ["a.cy.js", "b.cy.js"])
  }

  @Test
  func `a machine's status is FAILED on a failed test, its status line otherwise, UNKNOWN without evidence`() {
    let machines = [
      Self.machine("vm-01", .passed, failures: [(spec: nil, message: "boom")]),
      Self.machine("vm-02", .running),
      Self.machine("vm-03", nil),
    ]
    let text = Self.text(Self.context(state: .terminated, machines: machines), kind: .alert)
    #expect(text.contains(#"{"name":"vm-01","status":"FAILED""#))
    #expect(text.contains(#"{"name":"vm-02","status":"RUNNING""#))
    #expect(text.contains(#"{"name":"vm-03","status":"UNKNOWN""#))
    #expect(text.contains(#""kind":"alert""#))
  }

  @Test func `a later context field replaces an earlier one of the same name`() {
    let text = Self.text(
      Self.context(
        machines: [],
        fields: [
          .init(name: "job", value: "old"), .init(name: "branch", value: "main"), .init(name: "job", value: "new"),
        ]))
    #expect(text.contains(#""job":"new""#))
    #expect(text.contains(#""context":{"job":"new","branch":"main"}"#))
  }

  @Test func `the idempotency key is a pinned SHA-256 of scope, scope, target and kind`() {
    // A plain run keeps the key it had when the key was taken over run and scope.
    #expect(
      WebhookPayload.idempotencyKey(scope: "B-42", target: "hooks", kind: .final)
        == SHA256.hex(["B-42", "B-42", "hooks", "final"].joined(separator: "\0")))
    #expect(
      WebhookPayload.idempotencyKey(scope: "B-42-billing", target: "hooks", kind: .final)
        == "9342abde01a64e40f7fa5bdcf12b074b04a3c1bf9750e7c7176ad45edf1be5c9")
  }

  @Test func `the idempotency key differs for another scope, target or kind`() {
    let keys = [
      WebhookPayload.idempotencyKey(scope: "B-42-billing", target: "hooks", kind: .final),
      WebhookPayload.idempotencyKey(scope: "B-42-search", target: "hooks", kind: .final),
      WebhookPayload.idempotencyKey(scope: "B-42-billing", target: "audit", kind: .final),
      WebhookPayload.idempotencyKey(scope: "B-42-billing", target: "hooks", kind: .alert),
    ]
    #expect(Set(keys).count == keys.count)
  }

  @Test func `failures are grouped as every channel groups them, with their advice`() {
    let machines = [
      Self.machine(
        "vm-02", .failed, passed: 0,
        failures: [
          (spec: "a.cy.js", message: "AssertionError: Timed out retrying after 4000ms: `#row-17`"),
          (spec: "b.cy.js", message: "AssertionError: Timed out retrying after 6000ms: `#row-18`"),
        ])
    ]
    var context = Self.context(machines: machines)
    context.advice = [AdviceRule(pattern: .substring("Timed out retrying"), advice: "Re-run the group.")]
    let text = Self.text(context)
    #expect(text.contains(#""count":2"#), "one normalised group: \(text)")
    #expect(text.contains(#""advice":["Re-run the group."]"#), "\(text)")
  }
}
