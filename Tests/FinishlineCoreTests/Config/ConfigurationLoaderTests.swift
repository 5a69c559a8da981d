import Foundation
import Testing

@testable import FinishlineCore

@Suite("configuration")
struct ConfigurationLoaderTests {
  static let environment = [
    "MATTERMOST_ATVM_WEBHOOK": "https://chat.example.com/hooks/s3cretT0ken",
    "MATTERMOST_ATVM_CHANNEL": "qa-alerts",
  ]

  static func fixture() throws -> String {
    let url = try #require(Bundle.module.url(forResource: "Fixtures/config/full", withExtension: "toml"))
    return try String(contentsOf: url, encoding: .utf8)
  }

  static func load(_ text: String, environment: [String: String] = environment) throws(ConfigError) -> Configuration {
    try ConfigurationLoader.load(text: text, file: "/etc/finishline/atvm.toml", environment: environment)
  }

  @Test func `the spec example loads with every key`() throws {
    let configuration = try Self.load(Self.fixture())
    #expect(configuration.stateDir == "/etc/finishline/state")
    #expect(configuration.run.mochawesome == ["mochawesome/{run}/{machine}/*.json"])
    #expect(configuration.run.runnerMatch == "cypress run .*{run}")
    #expect(configuration.policy.hangAfter == 2700)
    #expect(configuration.notify.first?.url.raw == "https://chat.example.com/hooks/s3cretT0ken")
    #expect(configuration.notify.first?.channel.chat?.channel == "qa-alerts")
    #expect(configuration.notify.first?.on == [.completed, .failed])
    #expect(configuration.advice.count == 1)
    #expect(configuration.mentions["alice@example.com"] == "@alice")
    #expect(
      configuration.mentions["bob@example.com"]
        == MentionHandle(channels: [.mattermost: "@bob", .slack: "<@U024BE7LH>"]))
    #expect(configuration.owners?.repoRoot == "/srv/shop")
    #expect(configuration.owners?.handle(of: "@shop/payments", channel: .slack) == "@payments-qa")
  }

  @Test func `overrides win over the file`() throws {
    let configuration = try ConfigurationLoader.load(
      text: Self.fixture(), file: "/etc/f.toml", environment: Self.environment,
      overrides: ConfigOverrides(stateDir: "/tmp/s", root: "/tmp/r", categorize: true))
    #expect(configuration.stateDir == "/tmp/s")
    #expect(configuration.run.root == "/tmp/r")
    #expect(configuration.categorize.enabled)
  }

  @Test func `the effective configuration never shows the webhook secret`() throws {
    let summary = ConfigurationSummary.render(try Self.load(Self.fixture()))
    #expect(!summary.contains("s3cretT0ken"))
    #expect(summary.contains("https://chat.example.com/[redacted]"))
  }

  static let errors: [(String, String, String)] = [
    (
      "a duration written as a number shows how to write it",
      "[run]\nroot = \"/r\"\njunit = \"x\"\n[policy]\nsettle = 120",
      "key `policy.settle`: expected a duration string; write settle = \"120s\" or settle = \"2m\""
    ),
    (
      "a flag written as a string shows it without quotes",
      "[run]\nroot = \"/r\"\njunit = \"x\"\n[categorize]\nenabled = \"true\"",
      "key `categorize.enabled`: expected true or false; write enabled = true (without quotes)"
    ),
    (
      "a string written as a number shows it quoted", "[run]\nroot = \"/r\"\njunit = 42",
      "key `run.junit`: expected a string or an array of strings"
    ),
    (
      "a zero hang_after is refused, saying why", "[run]\nroot = \"/r\"\njunit = \"x\"\n[policy]\nhang_after = \"0s\"",
      "`0s` is too short: a live runner would be HUNG at once"
    ),
    (
      "a zero timeout is refused: libcurl would wait forever",
      "[run]\nroot = \"/r\"\njunit = \"x\"\n[[notify]]\nname = \"a\"\ntype = \"webhook\"\nurl = \"http://127.0.0.1/h\"\ntimeout = \"0s\"",
      "libcurl reads 0s as no timeout at all"
    ),
    (
      "a subrun without {run} is refused: later builds would adopt earlier builds' sub-runs",
      "[run]\nroot = \"/r\"\njunit = \"cypress/results/{group}/*.xml\"\n[categorize]\nsubrun = \"{group}\"",
      "must contain {run} and {group} (write subrun = \"{run}-{group}\")"
    ),
    (
      "a typo in a key is named", "[run]\nroot = \"/r\"\njunit = \"x.xml\"\nmochawsome = \"a\"",
      "unknown key `run.mochawsome`"
    ),
    (
      "a bad duration is named", "[run]\nroot = \"/r\"\njunit = \"x\"\n[policy]\nsettle = \"2 minutes\"",
      "key `policy.settle`"
    ),
    (
      "a bare number is not a duration", "[run]\nroot = \"/r\"\njunit = \"x\"\n[policy]\nsettle = \"120\"",
      "key `policy.settle`: `120` has no unit; write settle = \"120s\" or settle = \"2m\""
    ),
    ("a bad regex is named", "[run]\nroot = \"/r\"\nrunner_match = \"cypress (\"", "key `run.runner_match`"),
    (
      "a status line without the machine group is refused",
      "[run]\nroot = \"/r\"\nstatus_logs = \"l\"\nstatus_line = '^(?<status>\\\\S+)$'", "key `run.status_line`"
    ),
    ("a run without sources is refused", "[run]\nroot = \"/r\"", "names no source of evidence"),
    ("a missing run table is named", "state_dir = \"/s\"", "missing required key `run`"),
    ("TOML syntax errors give line and column", "[run]\nroot = \"/r\nx", "atvm.toml:2:"),
    // Found by fuzzing: toml++ aborted the process on these instead of reporting them.
    ("a non-ASCII table name is an error, not a crash", "[run]\nroot = \"/r\"\n[é]", "atvm.toml:3:2: TOML syntax"),
    ("a non-ASCII bare key is an error, not a crash", "[run]\nroot = \"/r\"\nclé = 1", "atvm.toml:3:3:"),
    ("a non-ASCII value outside quotes is an error", "[run]\nroot = é", "atvm.toml:2:8:"),
    ("a table header without a key is an error, not a crash", "[run]\nroot = \"/r\"\n  [ #", "atvm.toml:3:5:"),
    ("an array-of-tables header without a key too", "[run]\nroot = \"/r\"\n[[=", "atvm.toml:3:3:"),
    ("a relative webhook URL is refused", Self.notify("url = \"chat.example.com/hooks/x\""), "key `notify[1].url`"),
    ("plain http off loopback is refused", Self.notify("url = \"http://chat.example.com/hooks/x\""), "allow_insecure"),
    ("a missing env variable is named", Self.notify("url = \"env:NOPE\""), "environment variable NOPE"),
    ("an unknown state in on is named", Self.notify("url = \"https://h/x\"\non = [\"done\"]"), "`done` is not a state"),
    ("an unknown target type is named", Self.notify("url = \"https://h/x\"", type: "pager"), "`pager` is not one of"),
    ("an unknown glob placeholder is named", "[run]\nroot = \"/r\"\njunit = \"{foo}/x.xml\"", "key `run.junit`"),
    (
      "a webhook target takes no chat channel", Self.notify("url = \"https://h/x\"\nchannel = \"qa\"", type: "webhook"),
      "key `notify[1].channel`: only mattermost and slack targets take `channel`"
    ),
    (
      "an email target takes no chat channel",
      Self.notify("url = \"smtp://127.0.0.1\"\nfrom = \"a@b.c\"\nto = [\"d@e.f\"]\nchannel = \"qa\"", type: "email"),
      "only mattermost and slack targets take `channel`"
    ),
    (
      "a chat target takes no sender", Self.notify("url = \"https://h/x\"\nfrom = \"a@b.c\""),
      "only email targets take `from`"
    ),
    (
      "an email target without recipients is refused",
      Self.notify("url = \"smtp://127.0.0.1\"\nfrom = \"a@b.c\"", type: "email"), "`notify[1].to`"
    ),
    (
      "a series_match that is no regex is named", Self.history("series = \"{job}\"\nseries_match = \"(\""),
      "key `history.series_match`: `(` is not a regular expression"
    ),
    (
      "a series template naming a capture the regex lacks is named", Self.history("series = \"{team}\""),
      "key `history.series`: the template names {team}, which series_match does not capture"
    ),
    (
      "a history kept for no run is refused", Self.history("keep = 0"),
      "key `history.keep`: expected a positive integer"
    ),
    ("a flaky window of no run is refused", Self.history("flaky_window = -3"), "key `history.flaky_window`"),
    ("a typo in the history table is named", Self.history("keeps = 10"), "unknown key `history.keeps`"),
    (
      "only_new_failures is a flag", Self.notify("url = \"https://h/x\"\nonly_new_failures = \"yes\""),
      "key `notify[1].only_new_failures`: expected true or false"
    ),
    ("an owners table without codeowners is named", Self.owners("mention = \"all\""), "`owners.codeowners`"),
    (
      "an unknown mention mode is named", Self.owners("codeowners = \"/s\"\nmention = \"some\""),
      "key `owners.mention`: `some` is not one of new, all, none"
    ),
    (
      "mention new without history is refused",
      Self.owners("codeowners = \"/s\"\nmention = \"new\"", history: "[history]\nenabled = false\n"),
      "key `owners.mention`: `new` needs the series' history"
    ),
    (
      "an unknown host is named", Self.owners("codeowners = \"/s\"\nhost = \"bitbucket\""),
      "key `owners.host`: `bitbucket` is not one of auto, github, gitlab"
    ),
    ("a typo in the owners table is named", Self.owners("codeowner = \"/s\""), "unknown key `owners.codeowner`"),
  ]

  static func owners(_ body: String, history: String = "") -> String {
    "[run]\nroot = \"/r\"\njunit = \"x.xml\"\n\(history)[owners]\n\(body)"
  }

  @Test func `owners take the repository root from CODEOWNERS' place, and mention new failures when history is on`()
    throws
  {
    let plain = try #require(try Self.load(Self.owners("codeowners = \"/srv/shop/.github/CODEOWNERS\"")).owners)
    #expect(plain == OwnerSettings(codeowners: "/srv/shop/.github/CODEOWNERS", repoRoot: "/srv/shop", mention: .new))
    let set = try #require(
      try Self.load(
        Self.owners(
          #"codeowners = "repo"\#nrepo_root = "/ci/ws"\#nhost = "gitlab"\#n[owners.handles]\#n"@a/b" = "ab"\#n"#
            + #""c@d.e" = { slack = "<@U1>" }"#)
      ).owners)
    #expect(set.codeowners == "/etc/finishline/repo", "relative to the configuration's folder")
    #expect(set.repoRoot == "/ci/ws")
    #expect(set.host == .gitlab)
    #expect(set.handles == ["@a/b": "ab", "c@d.e": MentionHandle(channels: [.slack: "<@U1>"])])
    let withoutHistory = try Self.load(Self.owners("codeowners = \"/s\"", history: "[history]\nenabled = false\n"))
    #expect(withoutHistory.owners?.mention == .all)
    #expect(try Self.load("[run]\nroot = \"/r\"\njunit = \"x.xml\"").owners == nil)
  }

  static func history(_ body: String) -> String {
    "[run]\nroot = \"/r\"\njunit = \"x.xml\"\n[history]\n\(body)"
  }

  @Test func `history is on by default, and its table sets series, keep and the flaky window`() throws {
    let plain = try Self.load("[run]\nroot = \"/r\"\njunit = \"x.xml\"")
    #expect(plain.history == HistorySettings())
    #expect(plain.history.naming.series(of: "nightly-412") == "nightly")

    let set = try Self.load(
      Self.history(
        #"series = "{job}-{branch}"\#nseries_match = '^(?<job>\w+)-(?<branch>\w+)-\d+$'\#nkeep = 7\#nflaky_window = 5"#)
    )
    #expect(set.history.keep == 7)
    #expect(set.history.flakyWindow == 5)
    #expect(set.history.naming.series(of: "e2e-main-41", group: "smoke") == "e2e-main/smoke")
    #expect(try Self.load(Self.history("enabled = false")).history.enabled == false)
  }

  @Test func `only_new_failures is off unless a target sets it`() throws {
    #expect(try Self.load(Self.notify("url = \"https://h/x\"")).notify.first?.onlyNewFailures == false)
    let on = try Self.load(Self.notify("url = \"https://h/x\"\nonly_new_failures = true"))
    #expect(on.notify.first?.onlyNewFailures == true)
  }

  @Test func `each channel carries only its own settings`() throws {
    let chat = try Self.load(Self.notify("url = \"https://h/x\"\nchannel = \"qa\"\nusername = \"bot\"\ntoken = \"t\""))
    #expect(chat.notify.first?.channel == .mattermost(ChatSettings(channel: "qa", username: "bot", token: "t")))
    let mail = try Self.load(
      Self.notify(
        "url = \"smtp://127.0.0.1\"\nfrom = \"a@b.c\"\nto = [\"d@e.f\"]\nusername = \"smtp-user\"", type: "email"))
    #expect(mail.notify.first?.channel == .email(EmailSettings(from: "a@b.c", to: ["d@e.f"], username: "smtp-user")))
    #expect(try Self.load(Self.notify("url = \"https://h/x\"", type: "webhook")).notify.first?.channel == .webhook)
  }

  static func notify(_ body: String, type: String = "mattermost") -> String {
    "[run]\nroot = \"/r\"\njunit = \"x.xml\"\n[[notify]]\nname = \"t\"\ntype = \"\(type)\"\n\(body)"
  }

  @Test(arguments: errors)
  func `bad configuration is refused with the key named`(_ name: String, _ text: String, _ fragment: String) {
    do {
      _ = try Self.load(text)
      Issue.record("\(name): expected an error")
    } catch {
      #expect(error.description.contains(fragment), "\(name): \(error.description)")
      #expect(error.description.contains("atvm.toml"), "\(name): the file is named")
      #expect(!error.description.contains("s3cretT0ken"))
    }
  }

  @Test func `zero is a valid duration where a window may be empty`() throws {
    let text =
      "[run]\nroot = \"/r\"\njunit = \"x\"\n[policy]\nsettle = \"0s\"\nstart_grace = \"0s\"\nunknown_after = \"1h30m\""
    let configuration = try Self.load(text)
    #expect(configuration.policy.settle == 0)
    #expect(configuration.policy.startGrace == 0)
    #expect(configuration.policy.unknownAfter == 5_400)
  }

  @Test func `unset environment variables are named when secrets are deferred`() throws {
    let text = """
      state_url = "env:FINISHLINE_STATE_URLL"
      [run]
      root = "/r"
      junit = "x"
      [[notify]]
      name = "atvm"
      type = "mattermost"
      url = "env:MATTERMOST_ATVM_WEBHOK"
      channel = "env:MATTERMOST_ATVM_CHANNEL"
      """
    let configuration = try ConfigurationLoader.load(
      text: text, file: "/etc/finishline/atvm.toml", environment: ["MATTERMOST_ATVM_CHANNEL": "qa"],
      overrides: ConfigOverrides(deferSecrets: true))
    #expect(configuration.unsetVariables.map(\.variable) == ["FINISHLINE_STATE_URLL", "MATTERMOST_ATVM_WEBHOK"])
    #expect(configuration.unsetVariables.map(\.key) == ["state_url", "notify[1].url"])
    let warnings = ConfigurationWarnings.warnings(configuration)
    #expect(warnings.contains { $0.hasPrefix("key `notify[1].url` reads environment variable MATTERMOST_ATVM_WEBHOK") })
  }

  @Test func `non ASCII text in strings comments and quoted keys loads`() throws {
    let text =
      "# Prüfläufe\n[run]\nroot = \"/r/Läufe\"\njunit = 'xml/{run}/*.xml'  # « commentaire »\n"
      + "specs = [\"\"\"\nspéc-ü.cy.js\"\"\", 'é.cy.js']\n\n[mentions]\n\"zoë@example.com\" = \"@zoë\"\n"
    let configuration = try Self.load(text)
    #expect(configuration.run.root == "/r/Läufe")
    #expect(configuration.run.specs == ["spéc-ü.cy.js", "é.cy.js"])
    #expect(configuration.mentions["zoë@example.com"]?.everywhere == "@zoë")
  }

  @Test func `an invalid URL is described without echoing it`() throws {
    let text = Self.notify(#"url = "https://chat.example.com:port/hooks/s3cretT0ken""#)
    let error = try #require(throws: ConfigError.self) { try Self.load(text) }
    #expect(error.description.contains("notify[1].url"), "\(error.description)")
    #expect(!error.description.contains("s3cretT0ken"), "\(error.description)")
  }

  @Test func `a pattern the state directory remembers compiling is not compiled again, any other is`() throws {
    let text = """
      [run]
      root = "/r"
      status_line = '^(?<machine>\\S+) (?<status>\\S+)$'
      runner_match = "cypress ("

      [[advice]]
      regex = "timed? ?out"
      advice = "check the network"
      """
    let bad: (String) -> Set<String> = { _ in [] }
    #expect(throws: ConfigError.self) {
      try ConfigurationLoader.load(text: text, file: "/etc/f.toml", environment: [:], verifiedPatterns: bad)
    }
    let runnerMatch = PatternChecks.fingerprint(key: "run.runner_match", source: "cypress (")
    var asked: [String] = []
    let configuration = try ConfigurationLoader.load(
      text: text, file: "/etc/f.toml", environment: [:], overrides: ConfigOverrides(stateDir: "/s"),
      verifiedPatterns: { stateDir in
        asked.append(stateDir)
        return [runnerMatch]
      })
    #expect(asked == ["/s"], "the memory of the state directory the configuration names")
    #expect(
      configuration.patternFingerprints == [
        PatternChecks.fingerprint(key: "run.status_line", source: #"^(?<machine>\S+) (?<status>\S+)$"#), runnerMatch,
        PatternChecks.fingerprint(key: "advice[1].regex", source: "timed? ?out"),
      ])
    #expect(PatternChecks.fingerprint(key: "run.runner_match", source: "cypress") != runnerMatch)
  }
}
