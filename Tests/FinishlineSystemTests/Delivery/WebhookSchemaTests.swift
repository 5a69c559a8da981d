import FinishlineCore
import Foundation
import TestSupport
import Testing

/// Rendered webhook payloads checked against the shipped JSON Schema by a real draft 2020-12
/// validator (`scripts/validate-json`, Debian's python3-jsonschema), so the schema receivers
/// read and the payloads finishline sends cannot drift apart.
@Suite(.timeLimit(.minutes(3))) struct WebhookSchemaTests {
  static let schema = RepositoryPaths.root.appendingPathComponent("schemas/webhook-v1.schema.json").path
  static let now = Date(timeIntervalSince1970: 1_739_440_800)

  static func machine(
    _ name: String, _ status: MachineStatus?, passed: Int = 0, pending: Int = 0, failures: [String] = []
  ) -> MachineEvidence {
    MachineEvidence(
      name: name,
      status: status.map { StatusLine(machine: name, status: $0, timestamp: nil, source: "run.log:1") },
      resultFiles: status == nil ? [] : ["\(name).json"],
      counts: TestCounts(passed: passed, failed: failures.count, pending: pending),
      failures: failures.map {
        TestFailure(machine: name, spec: "cart.cy.js", title: "adds an item", message: $0)
      })
  }

  static func context(
    _ state: RunState, scope: String = "B-42", group: String? = nil,
    position: ScopeSpec.GroupPosition? = nil,
    machines: [MachineEvidence], exitCode: Int? = nil, history: ScopeHistory? = nil
  ) -> MessageContext {
    MessageContext(
      run: "B-42", scope: scope, group: group, groupPosition: position,
      verdict: Verdict(state: state, reason: "evidence for \(state)", rule: .complete),
      snapshot: RunSnapshot(
        scope: scope, takenAt: now, machines: machines, expectedMachinesSource: .statusLogs, runners: nil,
        endMarker: .notConfigured, cancelMarker: .notConfigured, newestArtifactAt: now),
      firstSeen: now, links: [.init(label: "CI build", url: "https://ci.example.com/job/e2e/42/")],
      fields: [.init(name: "job", value: "e2e-nightly"), .init(name: "branch", value: "main")], exitCode: exitCode,
      history: history)
  }

  static let payloads: [(name: String, kind: DeliveryRecord.Kind, context: MessageContext)] = [
    ("completed", .final, context(.completed, machines: [machine("vm-01", .passed, passed: 40, pending: 2)])),
    (
      "failed-with-groups", .final,
      context(
        .failed,
        machines: [
          machine(
            "vm-01", .failed, passed: 30, failures: ["AssertionError: Timed out retrying", "TypeError: x"]),
          machine("vm-02", .failed, passed: 31, failures: ["AssertionError: Timed out retrying"]),
          machine("vm-03", .passed, passed: 33),
        ], exitCode: 2)
    ),
    (
      "sub-run", .final,
      context(
        .failed, scope: "B-42-billing", group: "billing", position: .init(index: 2, count: 5),
        machines: [machine("vm-04", .failed, passed: 9, failures: ["Error: 502 Bad Gateway"])])
    ),
    (
      "failed-with-history", .final,
      context(
        .failed, machines: [machine("vm-01", .failed, passed: 30, failures: ["AssertionError: Timed out retrying"])],
        history: ScopeHistory(
          series: "e2e-nightly",
          labels: HistoryLabels(
            comparedWith: "nightly-411", new: ["cart.cy.js › adds an item"],
            stillFailing: [.init(test: "login.cy.js › logs in", since: "nightly-398", runs: 14)],
            fixed: ["search.cy.js › finds"], added: ["cart.cy.js › adds an item"], removed: ["old.cy.js › gone"],
            flaky: [.init(test: "menu.cy.js › opens", flips: 3, window: 10)])))
    ),
    (
      "first-of-series", .final,
      context(
        .completed, machines: [machine("vm-01", .passed, passed: 4)],
        history: ScopeHistory(series: "e2e-nightly", labels: HistoryLabels(comparedWith: nil)))
    ),
    ("alert", .alert, context(.hung, machines: [machine("vm-01", .running), machine("vm-02", nil)])),
  ]

  /// Runs the validator on the files; returns its exit status and what it printed on stderr.
  static func validate(_ files: [String], in directory: String) throws -> (status: Int32, errors: String) {
    let stderr = directory + "/validator.stderr"
    let validator = try ChildProcess.spawn(
      "/usr/bin/python3",
      [RepositoryPaths.root.appendingPathComponent("scripts/validate-json").path, schema] + files,
      stderrPath: stderr)
    let status = validator.wait()
    return (status, (try? String(contentsOfFile: stderr, encoding: .utf8)) ?? "")
  }

  static func write(_ payloads: [(name: String, text: String)], to directory: String) throws -> [String] {
    try payloads.map { name, text in
      let path = directory + "/\(name).json"
      try Data(text.utf8).write(to: URL(fileURLWithPath: path))
      return path
    }
  }

  @Test func `every kind of rendered payload is valid against the shipped schema`() throws {
    try TemporaryDirectory.with { directory in
      let full = Self.payloads.map { name, kind, context in
        (name, String(decoding: WebhookPayload.payload(context, kind: kind, sentAt: Self.now), as: UTF8.self))
      }
      let bare = Self.payloads.map { name, kind, context in
        ("\(name)-bare", String(decoding: WebhookPayload.bare(context, kind: kind, sentAt: Self.now), as: UTF8.self))
      }
      let texts = full + bare
      let result = try Self.validate(try Self.write(texts, to: directory.path), in: directory.path)

      #expect(result.status == 0, "\(result.errors)")
      #expect(result.errors.isEmpty)
    }
  }

  @Test(arguments: [
    (#""state":"FAILED""#, #""state":"DONE""#),
    (#""state":"FAILED""#, #""state":"HUNG""#),
    (#""schema":"finishline.webhook/v1""#, #""schema":"finishline.webhook/v2""#),
    (#""exit_code":2"#, #""exit_code":"2""#),
    (#","sent_at":"#, #","sent":"#),
    (#""runs":14"#, #""runs":"14""#),
    (#""compared_with":"nightly-411""#, #""compared_with":411"#),
    (#""flips":3,"#, #""flips":1,"#),
  ])
  func `the schema refuses a payload that breaks the contract`(original: String, broken: String) throws {
    try TemporaryDirectory.with { directory in
      let texts = Self.payloads.map {
        String(decoding: WebhookPayload.payload($0.context, kind: $0.kind, sentAt: Self.now), as: UTF8.self)
      }
      let text = try #require(texts.first { $0.contains(original) })
      let files = try Self.write(
        [("broken", text.replacingOccurrences(of: original, with: broken))], to: directory.path)

      let result = try Self.validate(files, in: directory.path)

      #expect(result.status == 1)
      #expect(result.errors.contains("broken.json: at $"))
    }
  }
}
