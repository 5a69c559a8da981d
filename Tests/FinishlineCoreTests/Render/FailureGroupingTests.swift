import Testing

@testable import FinishlineCore

@Suite("Grouping failures by cause")
struct FailureGroupingTests {
  @Test(
    arguments: [
      ("Timed out retrying after 4000ms: find `#row-17`", "Timed out retrying after <dur>: find <q>"),
      ("waited 1.5s, then 2 min", "waited <dur>, then <n> min"),
      ("row 17 of 200", "row <n> of <n>"),
      ("user 123e4567-e89b-12d3-a456-426614174000 missing", "user <uuid> missing"),
      ("at 2024-05-02T10:11:12.345Z", "at <ts>"),
      ("at 2024-05-02 10:11:12+02:00 sharp", "at <ts> sharp"),
      ("on 2024-05-02", "on <ts>"),
      ("at 9:05:33.120", "at <ts>"),
      ("segfault at 0x7ffe3a2b", "segfault at <hex>"),
      ("commit 5f3e2a1b9c and session k3J9xQ2mZ", "commit <id> and session <id>"),
      ("vm03 is down", "vm<n> is down"),
      (#"click "save-42" then 'Invalid password'"#, "click <q> then 'Invalid password'"),
      ("don't panic", "don't panic"),
      ("  two\n   lines  ", "two lines"),
    ])
  func `variable parts of a message are replaced, the rest is kept`(_ message: String, _ expected: String) {
    #expect(FailureSignature.of(message) == expected)
  }

  @Test func `the failed example run's four timeouts form one group over both machines`() throws {
    let failures = try ExampleRun.failures("e2e-failed")
    try #require(failures.count == 4)

    let groups = FailureGrouping.groups(failures)

    #expect(groups.count == 1)
    let group = try #require(groups.first)
    #expect(group.count == 4)
    #expect(group.machines == ["vm-02", "vm-04"])
    #expect(
      group.message
        == "AssertionError: Timed out retrying after 4000ms: Expected to find element: `#row-17`, but never found it.")
    #expect(group.messages.count == 4)
    #expect(group.specs.count == 1)
  }

  @Test func `groups come most frequent first, then in order of first appearance`() {
    let failures = [
      failure("vm-01", "Error: alpha"), failure("vm-01", "Error: beta 1"), failure("vm-02", "Error: gamma"),
      failure("vm-02", "Error: beta 2"), failure("vm-03", "Error: delta"),
    ]

    let groups = FailureGrouping.groups(failures)

    #expect(groups.map(\.message) == ["Error: beta 1", "Error: alpha", "Error: gamma", "Error: delta"])
    #expect(groups.map(\.count) == [2, 1, 1, 1])
  }

  @Test func `machines and specs are listed sorted and once; a failure without a spec adds none`() throws {
    let failures = [
      failure("vm-09", "boom 1", spec: "b.cy.js"), failure("vm-02", "boom 2", spec: "a.cy.js"),
      failure("vm-09", "boom 3", spec: "b.cy.js"), failure("vm-05", "boom 4", spec: nil),
    ]

    let group = try #require(FailureGrouping.groups(failures).first)

    #expect(group.machines == ["vm-02", "vm-05", "vm-09"])
    #expect(group.specs == ["a.cy.js", "b.cy.js"])
  }

  @Test func `messages that differ in words stay apart`() {
    let groups = FailureGrouping.groups([failure("vm-01", "Expected 3 rows"), failure("vm-01", "Expected 3 columns")])

    #expect(groups.count == 2)
  }

  @Test func `stack frames left in a message are dropped from the example and the grouping`() throws {
    let failures = [
      failure("vm-01", "Error: boom\n    at Context.eval (login.cy.js:12:8)"),
      failure("vm-02", "Error: boom\n    at Context.eval (login.cy.js:40:3)\n    at next (mocha.js:1:1)"),
    ]

    let groups = FailureGrouping.groups(failures)

    #expect(groups.count == 1)
    #expect(groups.first?.message == "Error: boom")
    #expect(groups.first?.messages == ["Error: boom"])
  }

  private func failure(_ machine: String, _ message: String, spec: String? = "spec.cy.js") -> TestFailure {
    TestFailure(machine: machine, spec: spec, title: "a test", message: message)
  }
}
