internal import FinishlineCore
internal import FoundationEssentials

/// A state file's `StoredRun` read straight from its parsed tree, without `Decodable`: each
/// type's first `container(keyedBy:)` made the runtime instantiate `KeyedDecodingContainer` for
/// its coding keys by scanning every conformance record of the binary, a fifth of a closed
/// run's check, and every check reads the state.
///
/// It answers only when it is sure: every key of every object known and read, every value of
/// the type the field has (a date as `YYYY-MM-DDTHH:MM:SSZ`, an integer written as one).
/// Anything else, an unknown key included, is `nil`, and the caller decodes the same tree
/// with `Decodable`, for its answer or its error. `StoredRunReaderTests` hold the two equal on
/// every state file real checks write, and each type's keys to its stored properties, so a
/// field added to a type and not here sends every file to `Decodable`, never to a wrong value.
enum StoredRunReader {
  /// The keys of each type, as `StateCoding` writes them (snake case).
  static let keys: [String: [String]] = [
    "StoredRun": [
      "schema_version", "run", "kind", "parent", "first_seen", "last_seen", "state", "reason", "closed_at",
      "runner_last_seen", "scopes", "history",
    ],
    "StoredScope": [
      "scope", "group", "first_seen", "last_seen", "last_progress", "last_runner_seen", "runner_started_at",
      "verdict", "since", "closed_at", "summary", "history", "deliveries",
    ],
    "Verdict": ["state", "reason", "rule"],
    "ScopeSummary": ["counts", "machines_total", "machines_failed", "failed_machines"],
    "TestCounts": ["passed", "failed", "pending", "skipped", "flaky"],
    "ScopeHistory": ["series", "labels"],
    "HistoryLabels": ["compared_with", "new", "still_failing", "fixed", "added", "removed", "flaky"],
    "StillFailing": ["test", "since", "runs"],
    "Flaky": ["test", "flips", "window"],
    "DeliveryRecord": [
      "target", "kind", "state", "outcome", "attempts", "first_attempt_at", "last_attempt_at", "intent_at",
      "posted_at", "last_error", "ambiguity_reported", "duplicate_reported_at",
    ],
    "Transition": ["at", "scope", "from", "to", "reason"],
  ]

  static func run(_ value: StateJSONValue) -> StoredRun? {
    guard var fields = Fields(value, of: "StoredRun"), let version = fields.required("schema_version", int),
      let name = fields.required("run", string), let kind = fields.required("kind", raw(StoredRun.Kind.self)),
      let parent = fields.optional("parent", string), let firstSeen = fields.required("first_seen", date),
      let lastSeen = fields.required("last_seen", date), let state = fields.required("state", raw(RunState.self)),
      let reason = fields.required("reason", string), let closedAt = fields.optional("closed_at", date),
      let runnerLastSeen = fields.optional("runner_last_seen", date),
      let scopes = fields.required("scopes", array(scope)), let history = fields.required("history", array(transition)),
      fields.allRead
    else { return nil }
    var run = StoredRun(run: name, kind: kind, now: firstSeen)
    run.schemaVersion = version
    run.parent = parent
    run.lastSeen = lastSeen
    run.state = state
    run.reason = reason
    run.closedAt = closedAt
    run.runnerLastSeen = runnerLastSeen
    run.scopes = scopes
    run.history = history
    return run
  }

  static func scope(_ value: StateJSONValue) -> StoredScope? {
    guard var fields = Fields(value, of: "StoredScope"), let name = fields.required("scope", string),
      let group = fields.optional("group", string), let firstSeen = fields.required("first_seen", date),
      let lastSeen = fields.required("last_seen", date), let lastProgress = fields.optional("last_progress", date),
      let lastRunnerSeen = fields.optional("last_runner_seen", date),
      let runnerStartedAt = fields.optional("runner_started_at", date),
      let verdict = fields.required("verdict", verdict), let since = fields.required("since", date),
      let closedAt = fields.optional("closed_at", date), let summary = fields.optional("summary", summary),
      let history = fields.optional("history", history),
      let deliveries = fields.required("deliveries", array(delivery)),
      fields.allRead
    else { return nil }
    var scope = StoredScope(scope: name, group: group, now: firstSeen)
    scope.lastSeen = lastSeen
    scope.lastProgress = lastProgress
    scope.lastRunnerSeen = lastRunnerSeen
    scope.runnerStartedAt = runnerStartedAt
    scope.verdict = verdict
    scope.since = since
    scope.closedAt = closedAt
    scope.summary = summary
    scope.history = history
    scope.deliveries = deliveries
    return scope
  }

  static func verdict(_ value: StateJSONValue) -> Verdict? {
    guard var fields = Fields(value, of: "Verdict"), let state = fields.required("state", raw(RunState.self)),
      let reason = fields.required("reason", string),
      let rule = fields.required("rule", raw(ClassificationRule.ID.self)),
      fields.allRead
    else { return nil }
    return Verdict(state: state, reason: reason, rule: rule)
  }

  static func summary(_ value: StateJSONValue) -> ScopeSummary? {
    guard var fields = Fields(value, of: "ScopeSummary"), let counts = fields.required("counts", counts),
      let total = fields.required("machines_total", int), let failed = fields.required("machines_failed", int),
      let names = fields.required("failed_machines", array(string)), fields.allRead
    else { return nil }
    return ScopeSummary(counts: counts, machinesTotal: total, machinesFailed: failed, failedMachines: names)
  }

  /// As `TestCounts.init(from:)`: `flaky` may be missing (files from before it was counted).
  static func counts(_ value: StateJSONValue) -> TestCounts? {
    guard var fields = Fields(value, of: "TestCounts"), let passed = fields.required("passed", int),
      let failed = fields.required("failed", int), let pending = fields.required("pending", int),
      let skipped = fields.required("skipped", int), let flaky = fields.optional("flaky", int), fields.allRead
    else { return nil }
    return TestCounts(passed: passed, failed: failed, pending: pending, skipped: skipped, flaky: flaky ?? 0)
  }

  static func history(_ value: StateJSONValue) -> ScopeHistory? {
    guard var fields = Fields(value, of: "ScopeHistory"), let series = fields.required("series", string),
      let labels = fields.required("labels", labels), fields.allRead
    else { return nil }
    return ScopeHistory(series: series, labels: labels)
  }

  static func labels(_ value: StateJSONValue) -> HistoryLabels? {
    guard var fields = Fields(value, of: "HistoryLabels"), let comparedWith = fields.optional("compared_with", string),
      let new = fields.required("new", array(string)),
      let still = fields.required("still_failing", array(stillFailing)),
      let fixed = fields.required("fixed", array(string)), let added = fields.required("added", array(string)),
      let removed = fields.required("removed", array(string)), let flaky = fields.required("flaky", array(flaky)),
      fields.allRead
    else { return nil }
    return HistoryLabels(
      comparedWith: comparedWith, new: new, stillFailing: still, fixed: fixed, added: added, removed: removed,
      flaky: flaky)
  }

  static func stillFailing(_ value: StateJSONValue) -> HistoryLabels.StillFailing? {
    guard var fields = Fields(value, of: "StillFailing"), let test = fields.required("test", string),
      let since = fields.required("since", string), let runs = fields.required("runs", int), fields.allRead
    else { return nil }
    return HistoryLabels.StillFailing(test: test, since: since, runs: runs)
  }

  static func flaky(_ value: StateJSONValue) -> HistoryLabels.Flaky? {
    guard var fields = Fields(value, of: "Flaky"), let test = fields.required("test", string),
      let flips = fields.required("flips", int), let window = fields.required("window", int), fields.allRead
    else { return nil }
    return HistoryLabels.Flaky(test: test, flips: flips, window: window)
  }

  static func delivery(_ value: StateJSONValue) -> DeliveryRecord? {
    guard var fields = Fields(value, of: "DeliveryRecord"), let target = fields.required("target", string),
      let kind = fields.required("kind", raw(DeliveryRecord.Kind.self)),
      let state = fields.required("state", raw(RunState.self)),
      let outcome = fields.required("outcome", raw(DeliveryRecord.Outcome.self)),
      let attempts = fields.required("attempts", int), let first = fields.optional("first_attempt_at", date),
      let last = fields.optional("last_attempt_at", date), let intent = fields.optional("intent_at", date),
      let posted = fields.optional("posted_at", date), let error = fields.optional("last_error", string),
      let ambiguity = fields.required("ambiguity_reported", bool),
      let duplicate = fields.optional("duplicate_reported_at", date), fields.allRead
    else { return nil }
    var record = DeliveryRecord(target: target, kind: kind, state: state)
    record.outcome = outcome
    record.attempts = attempts
    record.firstAttemptAt = first
    record.lastAttemptAt = last
    record.intentAt = intent
    record.postedAt = posted
    record.lastError = error
    record.ambiguityReported = ambiguity
    record.duplicateReportedAt = duplicate
    return record
  }

  static func transition(_ value: StateJSONValue) -> Transition? {
    guard var fields = Fields(value, of: "Transition"), let at = fields.required("at", date),
      let scope = fields.required("scope", string), let from = fields.optional("from", raw(RunState.self)),
      let to = fields.required("to", raw(RunState.self)), let reason = fields.required("reason", string),
      fields.allRead
    else { return nil }
    return Transition(at: at, scope: scope, from: from, to: to, reason: reason)
  }

  static func string(_ value: StateJSONValue) -> String? {
    guard case .string(let text) = value else { return nil }
    return text
  }

  static func int(_ value: StateJSONValue) -> Int? {
    guard case .number(let text) = value else { return nil }
    return Int(text)
  }

  static func bool(_ value: StateJSONValue) -> Bool? {
    guard case .bool(let flag) = value else { return nil }
    return flag
  }

  static func date(_ value: StateJSONValue) -> Date? {
    guard case .string(let text) = value else { return nil }
    return Timestamp.parse(text)
  }

  static func raw<Value: RawRepresentable<String>>(_ type: Value.Type) -> (StateJSONValue) -> Value? {
    { value in string(value).flatMap(Value.init(rawValue:)) }
  }

  static func array<Element>(_ element: @escaping (StateJSONValue) -> Element?) -> (StateJSONValue) -> [Element]? {
    { value in
      guard case .array(let values) = value else { return nil }
      var elements: [Element] = []
      elements.reserveCapacity(values.count)
      for value in values {
        guard let read = element(value) else { return nil }
        elements.append(read)
      }
      return elements
    }
  }
}

/// One object's members, each read at most once, checked against the type's keys.
private struct Fields {
  private var members: [String: StateJSONValue] = [:]

  /// `nil` unless `value` is an object whose every key is one of the type's.
  init?(_ value: StateJSONValue, of type: String) {
    guard case .object(let list) = value, let known = StoredRunReader.keys[type] else { return nil }
    for (key, member) in list {
      guard known.contains(key), members.updateValue(member, forKey: key) == nil else { return nil }
    }
  }

  /// Whether every member was read: always, once each key is known, but kept as the check.
  var allRead: Bool { members.isEmpty }

  mutating func required<Value>(_ key: String, _ read: (StateJSONValue) -> Value?) -> Value? {
    members.removeValue(forKey: key).flatMap(read)
  }

  /// `.some(nil)` when missing or `null`, as `decodeIfPresent`; `nil` when of another type.
  mutating func optional<Value>(_ key: String, _ read: (StateJSONValue) -> Value?) -> Value?? {
    guard let member = members.removeValue(forKey: key) else { return .some(nil) }
    if case .null = member { return .some(nil) }
    return read(member).map { .some($0) }
  }
}
