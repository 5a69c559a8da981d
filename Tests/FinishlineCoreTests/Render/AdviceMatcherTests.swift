import Testing

@testable import FinishlineCore

@Suite("Attaching advice to failure groups")
struct AdviceMatcherTests {
  static let timeout = FailureGroup(
    signature: "", message: "AssertionError: Timed out retrying after 4000ms: Expected to find element: `#row-17`",
    messages: [
      "AssertionError: Timed out retrying after 4000ms: Expected to find element: `#row-17`",
      "AssertionError: Timed out retrying after 6000ms: Expected to find element: `#row-4`",
    ],
    count: 2, machines: ["vm-02"], specs: [])
  static let login = FailureGroup(
    signature: "", message: "AssertionError: expected '<div.error>' to contain 'Invalid password'",
    messages: ["AssertionError: expected '<div.error>' to contain 'Invalid password'"], count: 1,
    machines: ["vm-03"], specs: [])

  struct Case: Sendable, CustomTestStringConvertible {
    var testDescription: String
    var rules: [AdviceRule]
    var state: RunState = .failed
    var timeout: [String]
    var login: [String]
  }

  @Test(arguments: [
    Case(
      testDescription: "a matching substring rule attaches under its group only",
      rules: [AdviceRule(pattern: .substring("Timed out retrying"), advice: "VM slow")], timeout: ["VM slow"],
      login: []),
    Case(
      testDescription: "a rule that matches nothing adds nothing",
      rules: [AdviceRule(pattern: .substring("ECONNREFUSED"), advice: "server down")], timeout: [], login: []),
    Case(
      testDescription: "substrings match case-sensitively, as written",
      rules: [AdviceRule(pattern: .substring("timed out retrying"), advice: "VM slow")], timeout: [], login: []),
    Case(
      testDescription: "a regex rule matches anywhere in the message",
      rules: [AdviceRule(pattern: .regex(#"'<div\.error>'"#), advice: "check the login service")], timeout: [],
      login: ["check the login service"]),
    Case(
      testDescription: "a rule matching only a later message of the group still applies",
      rules: [AdviceRule(pattern: .substring("#row-4"), advice: "row 4 is flaky")], timeout: ["row 4 is flaky"],
      login: []),
    Case(
      testDescription: "every matching rule applies, in configuration order, each text once",
      rules: [
        AdviceRule(pattern: .regex("(?i)TIMED OUT"), advice: "B"),
        AdviceRule(pattern: .substring("AssertionError"), advice: "A"),
        AdviceRule(pattern: .substring("4000ms"), advice: "B"),
      ],
      timeout: ["B", "A"], login: ["A"]),
    Case(
      testDescription: "a rule limited to other states adds nothing",
      rules: [AdviceRule(pattern: .substring("Timed out"), advice: "re-run", states: [.completed])], timeout: [],
      login: []),
    Case(
      testDescription: "a rule limited to the message's state applies",
      rules: [AdviceRule(pattern: .substring("Timed out"), advice: "re-run", states: [.failed, .hung])],
      timeout: ["re-run"], login: []),
    Case(
      testDescription: "a regex that does not compile matches nothing and costs nothing else",
      rules: [
        AdviceRule(pattern: .regex("(unclosed"), advice: "never"),
        AdviceRule(pattern: .substring("Timed"), advice: "VM slow"),
      ],
      timeout: ["VM slow"], login: []),
  ])
  func `advice`(_ example: Case) {
    let matcher = AdviceMatcher(rules: example.rules, state: example.state)

    #expect(matcher.advice(for: Self.timeout) == example.timeout)
    #expect(matcher.advice(for: Self.login) == example.login)
  }
}
