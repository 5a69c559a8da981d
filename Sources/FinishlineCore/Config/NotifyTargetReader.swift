/// Reads and validates one `[[notify]]` table.
enum NotifyTargetReader {
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
    var target = NotifyTarget(name: name, channel: try channel(kind, table), url: url, allowInsecure: allowInsecure)
    if table.has("on") {
      target.on = try states(table, key: "on")
    }
    if let policy = try table.string("on_ambiguous") {
      guard let parsed = NotifyTarget.AmbiguousPolicy(rawValue: policy) else {
        throw table.invalid("on_ambiguous", "`\(policy)` is not one of skip, resend")
      }
      target.onAmbiguous = parsed
    }
    target.onlyNewFailures = try table.bool("only_new_failures") ?? false
    target.maxChars = try table.positiveInt("max_chars")
    let noTimeout = "libcurl reads 0s as no timeout at all, and every request must have one"
    target.connectTimeout = try table.duration("connect_timeout", zero: noTimeout) ?? target.connectTimeout
    target.requestTimeout = try table.duration("timeout", zero: noTimeout) ?? target.requestTimeout
    return target
  }

  /// Stands for a webhook URL whose `env:NAME` is not set, where secrets are deferred.
  static let unresolvedURL = "https://unresolved.invalid/"

  /// The channel of `type`, with the keys only it takes; a key of another channel's is an error
  /// that names it, never silently dropped.
  static func channel(_ kind: NotifyTarget.Kind, _ table: TOMLTableReader) throws(ConfigError) -> Channel {
    let chat = kind == .mattermost || kind == .slack
    for key in ["from", "to", "password"] where kind != .email && table.has(key) {
      throw table.invalid(key, "only email targets take `\(key)`")
    }
    // An email target's `username` is its SMTP login.
    for key in kind == .email ? ["channel"] : ["channel", "username"] where !chat && table.has(key) {
      throw table.invalid(key, "only mattermost and slack targets take `\(key)`")
    }
    for key in ["token", "api_url"] where !chat && table.has(key) {
      throw table.invalid(key, "only mattermost and slack targets look people up by token")
    }
    switch kind {
    case .mattermost: return .mattermost(try chatSettings(table))
    case .slack: return .slack(try chatSettings(table))
    case .webhook: return .webhook
    case .email: return .email(try emailSettings(table))
    }
  }

  static func chatSettings(_ table: TOMLTableReader) throws(ConfigError) -> ChatSettings {
    var settings = ChatSettings(
      channel: try table.resolvedString("channel"), username: try table.resolvedString("username"),
      token: try table.resolvedString("token"))
    if let api = try table.resolvedString("api_url") {
      do {
        _ = try SecretURL(api, schemes: ["http", "https"])
      } catch {
        throw table.invalid("api_url", "the URL \(error)")
      }
      settings.apiURL = api
    }
    return settings
  }

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
