/// Reads and validates one `[[notify]]` table.
enum NotifyTargetReader {
  /// The channel types this version can deliver to.

  static func read(_ table: TOMLTableReader) throws(ConfigError) -> NotifyTarget {
    try table.rejectUnknownKeys(known: ConfigurationLoader.notifyKeys)
    let name = try table.requiredString("name")
    guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
      throw table.invalid("name", "`\(name)` must be letters, digits, '-', '_' or '.'")
    }
    let typeText = try table.requiredString("type")
    guard let kind = NotifyTarget.Kind(rawValue: typeText) else {
      throw table.invalid(
        "type", "`\(typeText)` is not one of \(NotifyTarget.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    let allowInsecure = try table.bool("allow_insecure") ?? false
    let url = kind == .email ? try smtpURL(table) : try webhookURL(table, allowInsecure: allowInsecure)
    var target = NotifyTarget(name: name, kind: kind, url: url, allowInsecure: allowInsecure)
    if kind == .email {
      target.email = try emailSettings(table)
    } else {
      for key in ["from", "to", "password"] where table.has(key) {
        throw table.invalid(key, "only email targets take `\(key)`")
      }
      target.channel = try table.resolvedString("channel")
      target.username = try table.resolvedString("username")
    }
    if table.has("token") || table.has("api_url") {
      guard kind == .mattermost || kind == .slack else {
        throw table.invalid("token", "only mattermost and slack targets look people up by token")
      }
      target.token = try table.resolvedString("token")
      if let api = try table.resolvedString("api_url") {
        do {
          _ = try SecretURL(api, schemes: ["http", "https"])
        } catch {
          throw table.invalid("api_url", "the URL \(error)")
        }
        target.apiURL = api
      }
    }
    if table.has("on") {
      target.on = try states(table, key: "on")
    }
    if let policy = try table.string("on_ambiguous") {
      guard let parsed = NotifyTarget.AmbiguousPolicy(rawValue: policy) else {
        throw table.invalid("on_ambiguous", "`\(policy)` is not one of skip, resend")
      }
      target.onAmbiguous = parsed
    }
    target.maxChars = try table.positiveInt("max_chars")
    let noTimeout = "libcurl reads 0s as no timeout at all, and every request must have one"
    target.connectTimeout = try table.duration("connect_timeout", zero: noTimeout) ?? target.connectTimeout
    target.requestTimeout = try table.duration("timeout", zero: noTimeout) ?? target.requestTimeout
    return target
  }

  /// Stands for a webhook URL whose `env:NAME` is not set, where secrets are deferred.
  static let unresolvedURL = "https://unresolved.invalid/"

  static func webhookURL(_ table: TOMLTableReader, allowInsecure: Bool) throws(ConfigError) -> SecretURL {
    let text = try table.requiredString("url", placeholder: unresolvedURL)
    let url: SecretURL
    do {
      url = try SecretURL(text, schemes: ["http", "https"])
    } catch {
      // The value itself may be a secret: describe the problem, never echo the URL.
      throw table.invalid("url", "the URL \(error)")
    }
    if url.scheme == "http", !url.isLoopback, !allowInsecure {
      throw table.invalid(
        "url", "plain http to \(url.host) is refused (use https, or set allow_insecure = true)")
    }
    return url
  }

  static func smtpURL(_ table: TOMLTableReader) throws(ConfigError) -> SecretURL {
    let text = try table.requiredString("url", placeholder: "smtp://unresolved.invalid")
    do {
      return try SecretURL(text, schemes: ["smtp", "smtps"])
    } catch {
      throw table.invalid("url", "the URL \(error)")
    }
  }

  /// Sender, recipients and optional credentials; addresses are checked so a typo fails at load.
  static func emailSettings(_ table: TOMLTableReader) throws(ConfigError) -> EmailSettings {
    let from = try table.requiredString("from")
    let to = try table.strings("to")
    guard !to.isEmpty else { throw .missingKey(file: table.file, key: table.key("to")) }
    for (key, address) in [("from", from)] + to.map({ ("to", $0) }) {
      do {
        _ = try MailAddress(address)
      } catch {
        throw table.invalid(key, error.description)
      }
    }
    return EmailSettings(
      from: from, to: to, username: try table.resolvedString("username"),
      password: try table.resolvedString("password"))
  }

  static func states(_ table: TOMLTableReader, key: String) throws(ConfigError) -> Set<RunState> {
    var states: Set<RunState> = []
    for name in try table.strings(key) {
      guard let state = RunState(configName: name) else {
        throw table.invalid(
          key, "`\(name)` is not a state (use \(RunState.allCases.map(\.configName).joined(separator: ", ")))")
      }
      states.insert(state)
    }
    return states
  }
}
