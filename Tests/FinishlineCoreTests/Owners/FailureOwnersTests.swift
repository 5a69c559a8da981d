import Testing

@testable import FinishlineCore

@Suite("owners of failures")
struct FailureOwnersTests {
  static let codeOwners = CodeOwners.parse(
    """
    *                       @shop/qa
    /e2e/pay/               @shop/payments bob@example.com
    /e2e/search/            @shop/search
    """, file: "/srv/shop/.github/CODEOWNERS")

  static func failure(_ spec: String?, _ title: String) -> TestFailure {
    TestFailure(machine: "vm-1", spec: spec, title: title, message: "AssertionError: \(title)")
  }

  static let failures = [
    failure("/srv/shop/e2e/pay/checkout.cy.js", "pays"), failure("e2e/search/find.cy.js", "finds"),
    failure("/elsewhere/x.cy.js", "elsewhere"), failure(nil, "no spec"),
  ]

  static func owners(_ mode: OwnerSettings.MentionMode, new: [String]? = nil) -> FailureOwners {
    let settings = OwnerSettings(
      codeowners: "/srv/shop", repoRoot: "/srv/shop", mention: mode,
      handles: ["@shop/payments": "payments-qa", "bob@example.com": .init(channels: [.slack: "<@U024BE7LH>"])])
    return FailureOwners(
      codeOwners: codeOwners, failures: failures, labels: new.map { HistoryLabels(comparedWith: "n-1", new: $0) },
      settings: settings)
  }

  static func group(_ failure: TestFailure) -> FailureGroup {
    FailureGrouping.groups([failure])[0]
  }

  @Test(
    arguments: [
      ("/srv/shop/e2e/a.cy.js", "e2e/a.cy.js"), ("e2e/a.cy.js", "e2e/a.cy.js"), ("./e2e/a.cy.js", "e2e/a.cy.js"),
      (#"e2e\pay\a.cy.js"#, "e2e/pay/a.cy.js"), ("/elsewhere/a.cy.js", nil), (#"C:\agent\a.cs"#, nil),
    ] as [(String, String?)])
  func `spec paths are made relative to the repository root`(_ spec: String, _ path: String?) {
    #expect(FailureOwners.relative(spec, to: "/srv/shop") == path)
  }

  @Test func `each failing spec keeps its owners and the line that decided`() {
    let owners = Self.owners(.all)
    #expect(
      owners.specs.map(\.spec) == ["/srv/shop/e2e/pay/checkout.cy.js", "e2e/search/find.cy.js", "/elsewhere/x.cy.js"])
    #expect(owners.specs.map(\.owners) == [["@shop/payments", "bob@example.com"], ["@shop/search"], []])
    #expect(owners.specs.map { $0.rules.map(\.line) } == [[2], [3], []])
    #expect(owners.specs[2].path == nil)
  }

  @Test func `mentioned owners are written as each chat pings them, the others as plain text`() {
    let owners = Self.owners(.all)
    let pay = Self.group(Self.failures[0])
    #expect(owners.written(pay, channel: .mattermost) == "@payments-qa, bob@example.com")
    #expect(owners.written(pay, channel: .slack) == "@payments-qa, <@U024BE7LH>")
    #expect(owners.written(pay, channel: .email) == "shop/payments, bob@example.com", "mail pings nobody")
    #expect(owners.written(Self.group(Self.failures[1]), channel: .mattermost) == "shop/search")
    #expect(owners.written(Self.group(Self.failures[3]), channel: .mattermost) == nil)
    #expect(Self.owners(.none).written(pay, channel: .mattermost) == "shop/payments, bob@example.com")
    #expect(owners.written(pay, channel: .mattermost, pinging: false) == "shop/payments, bob@example.com")
  }

  @Test func `with mention new only the owners of new failures are pinged`() {
    let owners = Self.owners(.new, new: ["find.cy.js › finds"])
    #expect(owners.pinged == ["e2e/search/find.cy.js"])
    #expect(owners.written(Self.group(Self.failures[0]), channel: .mattermost) == "shop/payments, bob@example.com")
    let unknown = Self.owners(.new)
    #expect(unknown.pinged.count == 3, "without labels every failure's owners are pinged")
  }

  @Test func `handles match owners without regard to case, and plain names lose their at signs`() {
    let settings = OwnerSettings(codeowners: "/r", repoRoot: "/r", handles: ["@Shop/QA": "qa"])
    #expect(settings.handle(of: "@shop/qa", channel: .mattermost) == "@qa")
    #expect(OwnerSettings.plain("@@maintainer") == "maintainer")
    #expect(OwnerSettings.defaultRoot(of: "/srv/shop/.github/CODEOWNERS") == "/srv/shop")
    #expect(OwnerSettings.defaultRoot(of: "/srv/shop/CODEOWNERS") == "/srv/shop")
    #expect(OwnerSettings.defaultRoot(of: "/srv/shop") == "/srv/shop")
  }
}

@Suite("config check on owners")
struct OwnerWarningsTests {
  @Test func `config check names owners a chat cannot ping and lines the host skips`() throws {
    let configuration = try ConfigurationLoader.load(
      text: """
        [run]
        root = "/r"
        junit = "x.xml"
        [[notify]]
        name = "s"
        type = "slack"
        url = "https://h/x"
        [owners]
        codeowners = "/r"
        [owners.handles]
        "@a" = "a"
        "@b" = { mattermost = "@b" }
        """, file: "/etc/f.toml", environment: [:])
    let codeOwners = CodeOwners.parse("* @a @b @c\n!x @a", file: "/r/CODEOWNERS")
    #expect(
      ConfigurationWarnings.owners(codeOwners, configuration: configuration) == [
        "/r/CODEOWNERS line 2: `!x`: GitHub does not support negated patterns: skipped",
        "CODEOWNERS owner @b has no [owners.handles] entry for slack: written as b, never pinged",
        "CODEOWNERS owner @c has no [owners.handles] entry for slack: written as c, never pinged",
      ])
  }
}
