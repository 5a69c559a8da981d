import FoundationEssentials
import Testing

@testable import FinishlineCore

@Suite("durations, URLs, redaction, credentials files")
struct SmallValueTests {
  @Test(arguments: [
    ("90s", 90.0), ("45m", 2700.0), ("12h", 43200.0), ("2d", 172_800.0), ("1h30m", 5400.0), ("1.5m", 90.0),
  ])
  func `durations parse`(_ text: String, _ seconds: Double) {
    #expect(Interval.seconds(text) == seconds)
  }

  @Test(arguments: ["45", "", "m", "10x", "5m3"])
  func `non durations are refused`(_ text: String) {
    #expect(Interval.seconds(text) == nil)
  }

  @Test(arguments: [(90.0, "1m30s"), (120.0, "2m"), (0.0, "0s"), (90_061.0, "1d1h")])
  func `durations describe`(_ seconds: Double, _ text: String) {
    #expect(Interval.describe(seconds) == text)
  }

  @Test func `a secret URL never shows its path`() throws {
    let url = try SecretURL("https://chat.example.com:8065/hooks/s3cr3tT0ken?x=1", schemes: ["https"])
    #expect(url.description == "https://chat.example.com:8065/[redacted]")
    #expect(!url.description.contains("s3cr3t"))
    #expect(url.secretFragments.contains("/hooks/s3cr3tT0ken?x=1"))
  }

  @Test func `an SMTP server is shown with its host and without its credentials`() throws {
    let plain = try SecretURL("smtp://mail.example.com:587", schemes: ["smtp"])
    #expect(plain.description == "smtp://mail.example.com:587")
    #expect(plain.secretFragments.isEmpty, "host and port are no secret")
    let withCredentials = try SecretURL("smtps://bot:pa55word@mail.example.com:465", schemes: ["smtps"])
    #expect(withCredentials.description == "smtps://mail.example.com:465")
    #expect(withCredentials.secretFragments.contains("bot:pa55word"))
    let redact = Redactor(secrets: withCredentials.secretFragments)
    #expect(redact("attempt url=\(withCredentials.description)") == "attempt url=smtps://mail.example.com:465")
  }

  @Test(arguments: ["127.0.0.1", "localhost", "[::1]", "127.1.2.3"])
  func `loopback hosts are recognised`(_ host: String) throws {
    #expect(try SecretURL("http://\(host):9/x", schemes: ["http"]).isLoopback)
  }

  @Test(arguments: ["chat.example.com/hooks", "ftp://x/y", "https:///nohost", "https://h:port/x"])
  func `bad URLs are refused`(_ text: String) {
    #expect(throws: SecretURL.URLProblem.self) { try SecretURL(text, schemes: ["http", "https"]) }
  }

  @Test func `the redactor masks every secret occurrence`() {
    let redact = Redactor(secrets: ["https://h/hooks/abcd", "/hooks/abcd"])
    #expect(redact("posting to https://h/hooks/abcd and /hooks/abcd") == "posting to [redacted] and [redacted]")
  }

  @Test func `dotenv files parse`() throws {
    let values = try DotEnv.parse(
      """
      # credentials
      MATTERMOST_ATVM_WEBHOOK=https://chat.example.com/hooks/abc
      export CHANNEL="qa alerts"
      SINGLE='a b' # not a comment inside quotes
      EMPTY=
      """)
    #expect(values["MATTERMOST_ATVM_WEBHOOK"] == "https://chat.example.com/hooks/abc")
    #expect(values["CHANNEL"] == "qa alerts")
    #expect(values["SINGLE"] == "a b")
    #expect(values["EMPTY"] == "")
  }

  @Test func `a bad dotenv line is named`() {
    #expect(throws: DotEnv.ParseError(line: 2, problem: "expected KEY=value")) {
      try DotEnv.parse("A=1\nnot a pair\n")
    }
  }
}

@Suite("sub-runs")
struct SubRunTests {
  @Test func `a sub run is named from the template`() {
    #expect(SubRunNaming.buildName(template: "{run}-{group}", run: "B-42", group: "billing") == "B-42-billing")
  }

  @Test(arguments: [
    ("mochawesome/{run}/{machine}/*.json", "mochawesome/{run}-{machine}/*/*.json"),
    ("logs/{run}*.log", "logs/{run}-{machine}*.log"),
  ])
  func `discovery captures the group in the machine slot`(_ source: String, _ expected: String) {
    #expect(SubRunNaming.discoveryPattern(source: source, template: "{run}-{group}") == expected)
  }

  @Test func `a source without the run cannot discover`() {
    #expect(SubRunNaming.discoveryPattern(source: "logs/all.log", template: "{run}-{group}") == nil)
  }

  @Test func `configured groups keep their order`() {
    let order = SubRunSchedule.order(
      configured: ["smoke", "billing", "admin"], recorded: ["billing"],
      discovered: [.init(group: "zeta", firstSeen: ClassifierFixture.now)])
    #expect(order == ["smoke", "billing", "admin"])
  }

  @Test func `discovered groups follow recorded ones by first appearance`() {
    let now = ClassifierFixture.now
    let order = SubRunSchedule.order(
      configured: [], recorded: ["smoke"],
      discovered: [
        .init(group: "admin", firstSeen: now), .init(group: "smoke", firstSeen: now.addingTimeInterval(-99)),
        .init(group: "billing", firstSeen: now.addingTimeInterval(-10)),
      ])
    #expect(order == ["smoke", "billing", "admin"])
  }
}

@Suite("invocation context")
struct InvocationContextTests {
  @Test func `Jenkins environment becomes generic links and fields`() throws {
    let context = try InvocationContext.resolve(
      environment: [
        "BUILD_URL": "https://ci.example.com/job/e2e/42/", "JOB_NAME": "e2e", "BUILD_NUMBER": "42",
        "BUILD_USER_EMAIL": "alice@example.com",
      ], context: ["deployment=staging"], links: ["report=https://reports.example.com/42"], triggeredBy: nil)
    #expect(context.links.map(\.label) == ["report", "CI build"])
    #expect(context.fields.map(\.name) == ["deployment", "job", "build"])
    #expect(context.triggeredBy == "alice@example.com")
  }

  @Test func `flags win over the environment`() throws {
    let context = try InvocationContext.resolve(
      environment: ["JOB_NAME": "from-env"], context: ["job=from-flag"], links: [], triggeredBy: "bob@example.com")
    #expect(context.fields == [.init(name: "job", value: "from-flag")])
    #expect(context.triggeredBy == "bob@example.com")
  }

  @Test func `a pair without equals is refused`() {
    #expect(throws: InvocationContextError(flag: "--context", value: "oops")) {
      try InvocationContext.resolve(environment: [:], context: ["oops"], links: [], triggeredBy: nil)
    }
  }

  @Test(
    arguments: [
      ("cypress/e2e/login.cy.js", "login.cy.js"), ("login.cy.js", "login.cy.js"), ("/", "/"), ("", ""),
      ("a/b/", "b"), ("C:\\ci\\e2e\\pay.cy.ts", "pay.cy.ts"), ("//a//", "a"), ("é/über.js", "über.js"),
      ("mixed\\dir/x.js", "x.js"), ("\\\\", "\\\\"),
    ])
  func `a path's file name, with either separator`(path: String, name: String) {
    #expect(path.fileName == name)
    let byCharacters = path.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? path
    #expect(path.fileName == byCharacters)
  }

  @Test func `a byte search finds ASCII needles as Character search does`() {
    let texts = ["", "{run}", "logs/{run}.log", "{ru}n", "é{run}", "{{run}}", "\"before all\" hook for x", "run"]
    for text in texts {
      #expect(text.containsUTF8("{run}") == text.contains("{run}"), "\(text)")
      #expect(text.containsUTF8("\"before all\" hook") == text.contains("\"before all\" hook"), "\(text)")
    }
    #expect("anything".containsUTF8(""))
  }
}

@Suite("Redacting secrets")
struct RedactorTests {
  /// The Character-wise masking the byte search replaced, as the reference.
  static func reference(_ text: String, _ secrets: [String]) -> String {
    var result = text
    for secret in Array(Set(secrets.filter { $0.count >= 4 })).sorted(by: { $0.count > $1.count })
    where result.contains(secret) {
      result = result.replacing(secret, with: Redactor.mask)
    }
    return result
  }

  @Test(arguments: [
    "posting to https://chat.example.com/hooks/abcd1234 failed", "abcd1234abcd1234", "abcd1234",
    "token xoxb-1-2-3 and again xoxb-1-2-3.", "no secret here", "", "abc", "hooks/abcd1234/hooks/abcd1234",
    "café xoxb-1-2-3 naïve", "日本語 abcd1234 テキスト", "abcd123", "xoxb-1-2-3xoxb-1-2-3",
  ])
  func `secrets are masked on bytes as the Character-wise search masked them`(text: String) {
    let secrets = ["https://chat.example.com/hooks/abcd1234", "abcd1234", "xoxb-1-2-3", "abc", "hooks/abcd1234"]
    #expect(Redactor(secrets: secrets)(text) == Self.reference(text, secrets))
  }
}
