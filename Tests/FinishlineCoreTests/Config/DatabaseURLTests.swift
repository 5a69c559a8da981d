import Testing

@testable import FinishlineCore

/// `state_url`: what finishline reads of it, how it is shown, and what counts as its secret.
@Suite("state database URL")
struct DatabaseURLTests {
  @Test(arguments: [
    ("postgresql://fl:pa%40ss@db.example.com:5432/finishline", "postgresql://fl@db.example.com:5432/finishline"),
    ("postgres://db.example.com/finishline", "postgresql://db.example.com/finishline"),
    (
      "postgresql://fl@h1:5432,h2:5433/fl?target_session_attrs=read-write",
      "postgresql://fl@h1:5432,h2:5433/fl?[redacted]"
    ),
    ("postgresql:///finishline", "postgresql:///finishline"),
    ("postgresql://fl:secretpw@127.0.0.1", "postgresql://fl@127.0.0.1/"),
  ])
  func `is shown without its password or query`(raw: String, shown: String) throws {
    let url = try DatabaseURL(raw)
    #expect(url.description == shown)
    #expect(url.raw == raw)
  }

  @Test func `its secrets are the URL the password spelled both ways and the query`() throws {
    let url = try DatabaseURL("postgresql://fl:pa%40ssword@db/fl?password=other")
    #expect(url.secretFragments.contains("pa%40ssword"))
    #expect(url.secretFragments.contains("pa@ssword"))
    #expect(url.secretFragments.contains("password=other"))
    #expect(url.secretFragments.first == url.raw)
    let redact = Redactor(secrets: url.secretFragments)
    #expect(!redact("failed for pa@ssword").contains("pa@ssword"))
  }

  @Test(arguments: ["db.example.com/finishline", "mysql://db/x", "https://db/x", "postgresql://db host/x"])
  func `other URLs are refused`(raw: String) {
    #expect(throws: SecretURL.URLProblem.self) { try DatabaseURL(raw) }
  }

  @Test func `the configuration reads it from the environment and never shows a bad one`() throws {
    let text = "state_url = \"env:FINISHLINE_STATE_URL\"\n[run]\nroot = \"/srv\"\nmochawesome = \"m/{run}/*.json\"\n"
    let configuration = try ConfigurationLoader.load(
      text: text, file: "/etc/f.toml", environment: ["FINISHLINE_STATE_URL": "postgresql://fl:pw1234@db/fl"])
    #expect(configuration.stateURL?.description == "postgresql://fl@db/fl")
    #expect(configuration.secrets.contains("pw1234"))
    #expect(!ConfigurationSummary.render(configuration).contains("pw1234"))
    let deferred = try ConfigurationLoader.load(
      text: text, file: "/etc/f.toml", environment: [:], overrides: ConfigOverrides(deferSecrets: true))
    #expect(deferred.stateURL == nil && deferred.unresolvedStateURL == "env:FINISHLINE_STATE_URL")
    #expect(throws: ConfigError.self) {
      try ConfigurationLoader.load(text: text, file: "/etc/f.toml", environment: [:])
    }
    do {
      _ = try ConfigurationLoader.load(
        text: text, file: "/etc/f.toml", environment: ["FINISHLINE_STATE_URL": "mysql://u:hunter22@db/x"])
      Issue.record("a mysql URL was accepted")
    } catch {
      #expect(error.description.contains("state_url") && error.description.contains("FINISHLINE_STATE_URL"))
      #expect(!error.description.contains("hunter22"))
    }
  }
}
