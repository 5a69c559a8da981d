/// Turns configuration text into a validated `Configuration`, checking everything up front.
///
/// Pure: the caller reads the file and passes its text, the environment (including any
/// `--env-file` values) and the overrides, so every rule is testable without a disk.
public enum ConfigurationLoader {
  static let rootKeys = [
    "state_dir", "state_url", "metrics_file", "status_page", "run", "policy", "categorize", "notify", "advice",
    "mentions", "history", "owners",
  ]
  static let runKeys = [
    "root", "mochawesome", "junit", "reports", "status_logs", "status_line", "expected_machines",
    "runner_match", "end_marker", "cancel_marker", "start_marker", "specs", "retries",
  ]
  static let notifyKeys = [
    "name", "type", "url", "channel", "username", "on", "allow_insecure", "on_ambiguous",
    "max_chars", "connect_timeout", "timeout", "from", "to", "password", "token",
    "api_url", "ca_file", "only_new_failures",
  ]

  /// - Parameters:
  ///   - file: the absolute path of the file, named in errors; relative paths inside it are
  ///     resolved against its directory.
  ///   - verifiedPatterns: the fingerprints of the patterns the state directory (passed in)
  ///     remembers compiling (`PatternChecks`); `Configuration.patternFingerprints` names
  ///     every pattern of this load, for the caller to remember.
  public static func load(
    text: String, file: String, environment: [String: String], overrides: ConfigOverrides = .init(),
    verifiedPatterns: (String) -> Set<String> = { _ in [] }
  ) throws(ConfigError) -> Configuration {
    let table: TOMLTable
    do {
      table = try TOMLParser.parse(text)
    } catch {
      throw .syntax(file: file, line: error.line, column: error.column, message: error.message)
    }
    var root = TOMLTableReader(table: table, path: "", file: file, environment: environment)
    root.deferSecrets = overrides.deferSecrets
    let unset = UnsetVariables()
    root.unset = unset
    try root.rejectUnknownKeys(known: rootKeys)
    let base = directory(of: file)

    let fileStateDir = try root.string("state_dir")
    let stateDir = resolve(overrides.stateDir ?? fileStateDir ?? "/var/lib/finishline", against: base)
    let patterns = PatternChecks(verified: verifiedPatterns(stateDir))
    root.patterns = patterns
    let metricsFile = try root.string("metrics_file").map { resolve($0, against: base) }
    let statusPage = try root.string("status_page").map { resolve($0, against: base) }
    guard let runTable = try root.table("run") else { throw .missingKey(file: file, key: "run") }
    let run = try runSources(runTable, rootOverride: overrides.root, base: base)
    var configuration = Configuration(file: file, stateDir: stateDir, metricsFile: metricsFile, run: run)
    configuration.statusPage = statusPage
    (configuration.stateURL, configuration.unresolvedStateURL) = try stateURL(root)
    if let policyTable = try root.table("policy") {
      configuration.policy = try policy(policyTable)
    }
    if let categorizeTable = try root.table("categorize") {
      configuration.categorize = try categorize(categorizeTable)
    }
    if let categorize = overrides.categorize { configuration.categorize.enabled = categorize }
    if let historyTable = try root.table("history") { configuration.history = try history(historyTable) }
    configuration.owners = try root.table("owners").map { table throws(ConfigError) in
      try owners(table, history: configuration.history, base: base)
    }
    configuration.notify = try notifyTargets(root.tables("notify"), base: base)
    configuration.advice = try adviceRules(root.tables("advice"))
    configuration.mentions = try root.table("mentions").map(mentions) ?? [:]
    configuration.unsetVariables = unset.all
    configuration.patternFingerprints = patterns.seen
    return configuration
  }

  /// `state_url`, or the `env:NAME` it names when secrets are deferred and `NAME` is unset:
  /// the commands that need the database say so when they open it. An invalid URL is named by
  /// where it came from, never shown: it may hold a password.
  static func stateURL(_ root: TOMLTableReader) throws(ConfigError) -> (DatabaseURL?, String?) {
    guard let written = try root.string("state_url"), let text = try root.resolvedString("state_url") else {
      return (nil, nil)
    }
    if root.deferSecrets, written.hasPrefix("env:"), text == written { return (nil, written) }
    do {
      return (try DatabaseURL(text), nil)
    } catch {
      let origin = written.hasPrefix("env:") ? "the value of \(written.dropFirst(4))" : "the URL"
      throw .invalidValue(
        file: root.file, key: "state_url", problem: "\(origin) \(error) (expected postgresql://USER@HOST/DATABASE)")
    }
  }

  static func runSources(
    _ table: TOMLTableReader, rootOverride: String?, base: String
  ) throws(ConfigError) -> RunSources {
    try table.rejectUnknownKeys(known: runKeys)
    let fileRoot = try table.string("root")
    guard let rootPath = rootOverride ?? fileRoot else {
      throw .missingKey(file: table.file, key: table.key("root"))
    }
    var run = RunSources(root: resolve(rootPath, against: base))
    run.mochawesome = try table.strings("mochawesome")
    run.junit = try table.strings("junit")
    run.reports = try table.strings("reports")
    run.statusLogs = try table.strings("status_logs")
    run.expectedMachines = try table.strings("expected_machines")
    run.endMarker = try table.string("end_marker")
    run.cancelMarker = try table.string("cancel_marker")
    run.startMarker = try table.string("start_marker")
    run.specs = try table.strings("specs")
    if let retries = try table.string("retries") {
      guard let mode = RetryMode(rawValue: retries) else {
        throw table.invalid(
          "retries", "`\(retries)` is not one of \(RetryMode.allCases.map(\.rawValue).joined(separator: ", "))")
      }
      run.retries = mode
    }
    try checkPatterns(of: run, table: table)
    if let line = try table.string("status_line") {
      try table.checkPattern("status_line", source: line) { () throws(ConfigError) in
        do {
          _ = try StatusLinePattern(line)
        } catch {
          throw table.invalid("status_line", "\(error)")
        }
      }
      run.statusLine = line
    }
    if let match = try table.string("runner_match") {
      try table.checkPattern("runner_match", source: match) { () throws(ConfigError) in
        do {
          _ = try RunnerMatch(match, run: "example-run")
        } catch {
          throw table.invalid("runner_match", "\(error)")
        }
      }
      run.runnerMatch = match
    }
    guard run.namesASource else {
      throw table.invalid(
        "root",
        "the run names no source of evidence: set at least one of mochawesome, junit, reports,"
          + " status_logs, runner_match or end_marker")
    }
    return run
  }

  /// Every path pattern of the `[run]` table parses, or the error names its key.
  private static func checkPatterns(of run: RunSources, table: TOMLTableReader) throws(ConfigError) {
    let lists = [
      ("mochawesome", run.mochawesome), ("junit", run.junit), ("reports", run.reports),
      ("status_logs", run.statusLogs), ("specs", run.specs),
    ]
    for (key, patterns) in lists {
      for pattern in patterns { try checkPattern(pattern, key: key, table: table) }
    }
    for (key, marker) in [
      ("end_marker", run.endMarker), ("cancel_marker", run.cancelMarker), ("start_marker", run.startMarker),
    ] {
      if let marker { try checkPattern(marker, key: key, table: table) }
    }
  }

  static func checkPattern(_ pattern: String, key: String, table: TOMLTableReader) throws(ConfigError) {
    do {
      _ = try PathPattern(pattern, run: "example-run", stateDir: "/state")
    } catch {
      throw table.invalid(key, "`\(pattern)`: \(error)")
    }
  }

  static func policy(_ table: TOMLTableReader) throws(ConfigError) -> Policy {
    try table.rejectUnknownKeys(known: Policy.keys.map(\.0))
    var policy = Policy()
    for (key, path) in Policy.keys {
      if let seconds = try table.duration(key, zero: Policy.zeroRefused[key]) { policy[keyPath: path] = seconds }
    }
    return policy
  }

  static func categorize(_ table: TOMLTableReader) throws(ConfigError) -> Categorize {
    try table.rejectUnknownKeys(known: ["enabled", "subrun", "groups"])
    var categorize = Categorize()
    categorize.enabled = try table.bool("enabled") ?? false
    if let subrun = try table.string("subrun") {
      guard subrun.contains("{run}"), subrun.contains("{group}") else {
        throw table.invalid(
          "subrun",
          "`\(subrun)` must contain {run} and {group} (write subrun = \"{run}-{group}\"), so every build's"
            + " sub-runs have names of their own and a later build never adopts an earlier build's closed"
            + " sub-runs; to read group folders of a reused workspace, put {group} in the result globs"
            + " (`cypress/results/{group}/*.json`)")
      }
      categorize.subrun = subrun
    }
    categorize.groups = try table.strings("groups")
    if let duplicate = firstDuplicate(categorize.groups) {
      throw table.invalid("groups", "group `\(duplicate)` is listed twice")
    }
    return categorize
  }

  static func notifyTargets(_ tables: [TOMLTableReader], base: String) throws(ConfigError) -> [NotifyTarget] {
    var targets: [NotifyTarget] = []
    for table in tables {
      var target = try NotifyTargetReader.read(table)
      target.caFile = try table.string("ca_file").map { resolve($0, against: base) }
      if targets.contains(where: { $0.name == target.name }) {
        throw table.invalid("name", "target name `\(target.name)` is used twice; names must be unique")
      }
      targets.append(target)
    }
    return targets
  }

  static func adviceRules(_ tables: [TOMLTableReader]) throws(ConfigError) -> [AdviceRule] {
    var rules: [AdviceRule] = []
    for table in tables {
      try table.rejectUnknownKeys(known: ["match", "regex", "advice", "states"])
      let advice = try table.requiredString("advice")
      let states = table.has("states") ? try NotifyTargetReader.states(table, key: "states") : nil
      switch (try table.string("match"), try table.string("regex")) {
      case (let match?, nil):
        rules.append(AdviceRule(pattern: .substring(match), advice: advice, states: states))
      case (nil, let regex?):
        try table.checkPattern("regex", source: regex) { () throws(ConfigError) in
          do {
            _ = try Regex(regex)
          } catch {
            throw table.invalid("regex", "`\(regex)` is not a valid regular expression: \(error)")
          }
        }
        rules.append(AdviceRule(pattern: .regex(regex), advice: advice, states: states))
      default:
        throw table.invalid("match", "set exactly one of `match` (substring) or `regex`")
      }
    }
    return rules
  }

  /// `email = "@handle"`, or `email = { mattermost = "@bob", slack = "<@U024BE7LH>" }`.
  static func mentions(_ table: TOMLTableReader) throws(ConfigError) -> [String: MentionHandle] {
    var mentions: [String: MentionHandle] = [:]
    for email in table.keys {
      if let handle = try? table.string(email) {
        mentions[email] = MentionHandle(everywhere: handle)
        continue
      }
      guard let channels = try table.table(email) else { continue }
      let kinds = NotifyTarget.Kind.allCases.map(\.rawValue)
      try channels.rejectUnknownKeys(known: kinds)
      var handle = MentionHandle()
      for kind in NotifyTarget.Kind.allCases {
        if let text = try channels.string(kind.rawValue) { handle.channels[kind] = text }
      }
      mentions[email] = handle
    }
    return mentions
  }

  /// A relative path is taken relative to the configuration file's directory.
  public static func resolve(_ path: String, against base: String) -> String {
    if path.hasPrefix("/") || base.isEmpty { return path }
    return base.hasSuffix("/") ? base + path : base + "/" + path
  }

  static func directory(of file: String) -> String {
    guard let slash = file.lastIndex(of: "/") else { return "" }
    return file[..<slash].isEmpty ? "/" : String(file[..<slash])
  }

  private static func firstDuplicate(_ values: [String]) -> String? {
    var seen: Set<String> = []
    return values.first { !seen.insert($0).inserted }
  }
}
