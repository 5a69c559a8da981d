/// The effective configuration as TOML for `config check` (valid TOML: an unset key is a
/// comment, never `key = # …`), secrets redacted.
public enum ConfigurationSummary {
  public static func render(_ configuration: Configuration) -> String {
    let policy = configuration.policy
    var lines = [
      "# effective configuration of \(configuration.file)",
      "state_dir = \(quote(configuration.stateDir))",
    ]
    if let url = configuration.stateURL { lines.append("state_url = \(quote(url.description))") }
    if let unresolved = configuration.unresolvedStateURL { lines.append("state_url = \(quote(unresolved))") }
    if let metrics = configuration.metricsFile { lines.append("metrics_file = \(quote(metrics))") }
    if let page = configuration.statusPage { lines.append("status_page = \(quote(page))") }
    lines += runTable(configuration.run)
    lines += ["", "[policy]"]
    for (key, path) in Policy.keys {
      lines.append("\(key) = \(quote(Interval.describe(policy[keyPath: path])))")
    }
    lines += [
      "", "[categorize]", "enabled = \(configuration.categorize.enabled)",
      "subrun = \(quote(configuration.categorize.subrun))", "groups = \(list(configuration.categorize.groups))",
    ]
    for target in configuration.notify {
      lines += [
        "", "[[notify]]", "name = \(quote(target.name))", "type = \(quote(target.kind.rawValue))",
        "url = \(quote(target.url.description))",
        "on = \(list(target.on.sorted().map(\.configName)))",
        "on_ambiguous = \(quote(target.onAmbiguous.rawValue))",
        "allow_insecure = \(target.allowInsecure)",
      ]
      if let channel = target.channel.chat?.channel { lines.append("channel = \(quote(channel))") }
      if let username = target.channel.chat?.username { lines.append("username = \(quote(username))") }
      if let maxChars = target.maxChars { lines.append("max_chars = \(maxChars)") }
    }
    for rule in configuration.advice {
      switch rule.pattern {
      case .substring(let text): lines += ["", "[[advice]]", "match = \(quote(text))"]
      case .regex(let text): lines += ["", "[[advice]]", "regex = '\(text)'"]
      }
      lines.append("advice = \(quote(rule.advice))")
      if let states = rule.states { lines.append("states = \(list(states.sorted().map(\.configName)))") }
    }
    if !configuration.mentions.isEmpty { lines += handles("mentions", configuration.mentions) }
    lines += historyTable(configuration.history)
    if let owners = configuration.owners {
      lines += [
        "", "[owners]", "codeowners = \(quote(owners.codeowners))", "repo_root = \(quote(owners.repoRoot))",
        "mention = \(quote(owners.mention.rawValue))", "host = \(quote(owners.host?.rawValue ?? "auto"))",
      ]
      if !owners.handles.isEmpty { lines += handles("owners.handles", owners.handles) }
    }
    return lines.joined(separator: "\n")
  }

  /// `[mentions]` or `[owners.handles]`: a handle everywhere, or one per channel.
  static func handles(_ table: String, _ handles: [String: MentionHandle]) -> [String] {
    var lines = ["", "[\(table)]"]
    for (name, handle) in handles.sorted(by: { $0.key < $1.key }) {
      if let everywhere = handle.everywhere {
        lines.append("\(quote(name)) = \(quote(everywhere))")
      } else {
        let channels = handle.channels.sorted { $0.key.rawValue < $1.key.rawValue }
          .map { "\($0.key.rawValue) = \(quote($0.value))" }
        lines.append("\(quote(name)) = { \(channels.joined(separator: ", ")) }")
      }
    }
    return lines
  }

  static func historyTable(_ history: HistorySettings) -> [String] {
    [
      "", "[history]", "enabled = \(history.enabled)", "series = \(quote(history.naming.template ?? "auto"))",
      "series_match = '\(history.naming.match)'", "keep = \(history.keep)", "flaky_window = \(history.flakyWindow)",
    ]
  }

  /// The `[run]` table: where the evidence is read from.
  static func runTable(_ run: RunSources) -> [String] {
    [
      "", "[run]", "root = \(quote(run.root))",
      "mochawesome = \(list(run.mochawesome))", "junit = \(list(run.junit))", "reports = \(list(run.reports))",
      "status_logs = \(list(run.statusLogs))", "status_line = '\(run.statusLine)'",
      "expected_machines = \(list(run.expectedMachines))",
      run.runnerMatch.map { "runner_match = '\($0)'" } ?? "# runner_match not set: runner liveness is not observed",
      run.endMarker.map { "end_marker = \(quote($0))" } ?? "# end_marker not set",
      "cancel_marker = \(quote(run.cancelMarker ?? RunSources.defaultCancelMarker))",
      run.startMarker.map { "start_marker = \(quote($0))" } ?? "# start_marker not set",
      "specs = \(list(run.specs))", "retries = \(quote(run.retries.rawValue))",
    ]
  }

  static func quote(_ text: String) -> String { JSONText.quote(text) }

  static func list(_ values: [String]) -> String {
    "[" + values.map(quote).joined(separator: ", ") + "]"
  }
}
