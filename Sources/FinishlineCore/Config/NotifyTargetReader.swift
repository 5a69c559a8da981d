/// Reads and validates one `[[notify]]` table.
enum NotifyTargetReader {
  /// The channel types this version can deliver to.
  static let supportedKinds: Set<NotifyTarget.Kind> = [.mattermost, .slack]

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
    guard supportedKinds.contains(kind) else {
      throw table.invalid("type", "`\(typeText)` targets are not supported by this version yet")
    }
    let allowInsecure = try table.bool("allow_insecure") ?? false
    let url = try webhookURL(table, allowInsecure: allowInsecure)
    var target = NotifyTarget(name: name, kind: kind, url: url, allowInsecure: allowInsecure)
    target.channel = try table.resolvedString("channel")
    target.username = try table.resolvedString("username")
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
    target.connectTimeout = try table.duration("connect_timeout") ?? target.connectTimeout
    target.requestTimeout = try table.duration("timeout") ?? target.requestTimeout
    return target
  }

  static func webhookURL(_ table: TOMLTableReader, allowInsecure: Bool) throws(ConfigError) -> SecretURL {
    let text = try table.requiredString("url")
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
