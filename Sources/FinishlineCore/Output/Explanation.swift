internal import FoundationEssentials

/// The text `explain` prints: the snapshot's evidence, the grace windows and how much of
/// each has elapsed, and the decision-table row that decided.
public enum Explanation {
  public static func render(facts: EvidenceFacts, verdict: Verdict, stored: StoredScope?, runnerMatch: String?)
    -> String
  {
    let snapshot = facts.input.snapshot
    let now = facts.input.now
    var lines = [
      "run \(snapshot.scope), evaluated \(Timestamp.iso(now)) (explain posts nothing and writes nothing)", "",
    ]
    lines += machines(facts)
    lines += evidenceSources(snapshot, now: now)
    lines += [""] + liveness(facts, runnerMatch: runnerMatch)
    lines += ["", "grace windows:"] + windows(facts)
    let index = (Classifier.rules.firstIndex { $0.id == verdict.rule } ?? 0) + 1
    lines += [
      "",
      "decision: rule \(index) `\(verdict.rule.rawValue)` -> \(verdict.state)",
      "  \(verdict.reason)",
      recorded(stored),
    ]
    return lines.joined(separator: "\n")
  }

  /// The machine table and the files that could not be read.
  static func machines(_ facts: EvidenceFacts) -> [String] {
    let snapshot = facts.input.snapshot
    var lines = ["machines (expected from \(snapshot.expectedMachinesSource.rawValue)):"]
    let header = ["MACHINE", "STATUS", "STATUS LINE", "RESULT FILES", "PASSED/FAILED/PENDING/SKIPPED"]
    let rows = snapshot.machines.map { machine in
      [
        machine.name, machine.status?.status.rawValue ?? "-",
        machine.status.map { "\($0.timestamp ?? "?") in \($0.source)" } ?? "-",
        machine.resultFiles.isEmpty && machine.unreadableFiles.isEmpty
          ? "none" : "\(machine.resultFiles.count) read, \(machine.unreadableFiles.count) unreadable",
        "\(machine.counts.passed)/\(machine.counts.failed)/\(machine.counts.pending)/\(machine.counts.skipped)",
      ]
    }
    lines += table([header] + rows).map { "  " + $0 }
    if snapshot.machines.isEmpty { lines.append("  (none found)") }
    for file in facts.unreadableFiles { lines.append("  unreadable \(file.description)") }
    return lines
  }

  /// The runner, the markers, progress and how long the scope has been watched.
  static func liveness(_ facts: EvidenceFacts, runnerMatch: String?) -> [String] {
    let input = facts.input
    let snapshot = input.snapshot
    let now = input.now
    var lines: [String] = []
    switch snapshot.runners {
    case nil:
      lines.append("runner: not observed (no runner_match configured)")
    case let runners? where runners.isEmpty:
      lines.append(
        "runner: no live process matches '\(runnerMatch ?? "")'; last seen alive "
          + (input.lastRunnerSeen.map { "\(Timestamp.iso($0)) (\(ago($0, now)))" } ?? "never"))
    case let runners?:
      lines.append("runner: alive, matching '\(runnerMatch ?? "")':")
      for runner in runners { lines.append("  pid \(runner.pid): \(runner.commandLine)") }
    }
    lines.append("end marker: \(marker(snapshot.endMarker, now))")
    lines.append("cancel marker: \(marker(snapshot.cancelMarker, now))")
    lines.append(
      "progress: newest artifact change "
        + (snapshot.newestArtifactAt.map { "\(Timestamp.iso($0)) (\(ago($0, now)))" } ?? "none")
        + "; progress counts from "
        + (facts.progressAt.map { "\(Timestamp.iso($0)) (never before the run's start)" } ?? "first sight")
        + "; quiet for \(Interval.describe(facts.quietFor)) (since the later of that and the last runner sighting)")
    lines.append("watched since \(Timestamp.iso(input.firstSeen)) (\(Interval.describe(facts.watchedFor)))")
    return lines
  }

  /// Each grace window, how much of it has elapsed and what is left.
  static func windows(_ facts: EvidenceFacts) -> [String] {
    let policy = facts.input.policy
    let windows: [(String, Double, Double, String)] = [
      ("start_grace", policy.startGrace, facts.watchedFor, "since first seen"),
      ("settle", policy.settle, facts.quietFor, "quiet"),
      ("unknown_after", policy.unknownAfter, facts.quietFor, "quiet"),
      ("hang_after", policy.hangAfter, facts.sinceProgress, "since progress"),
      ("max_runtime", policy.maxRuntime, facts.watchedFor, "since first seen"),
    ]
    return table(
      windows.map { name, length, elapsed, basis in
        [
          name, Interval.describe(length), "\(Interval.describe(elapsed)) elapsed \(basis)",
          elapsed >= length ? "elapsed" : "\(Interval.describe(length - elapsed)) left",
        ]
      }
    ).map { "  " + $0 }
  }

  /// What was recorded before this evaluation.
  static func recorded(_ stored: StoredScope?) -> String {
    guard let stored else { return "recorded: never checked" }
    return "recorded: \(stored.verdict.state) since \(Timestamp.iso(stored.since))"
      + (stored.isClosed ? ", closed" : "") + "; deliveries: "
      + (stored.deliveries.isEmpty
        ? "none"
        : stored.deliveries.map { "\($0.target) \($0.outcome.rawValue) (\($0.attempts) attempts)" }
          .joined(separator: ", "))
  }

  /// The run's start, what each pattern matched and set aside, ignored files and the spec list.
  static func evidenceSources(_ snapshot: RunSnapshot, now: Date) -> [String] {
    var lines = [""]
    if let start = snapshot.runStart {
      let note =
        start.isEvidence
        ? "" : "; first sight is no evidence of the start, so no file is set aside as an earlier build's"
      lines.append(
        "run start: \(Timestamp.iso(start.date)) (\(ago(start.date, now))) from \(start.source.rawValue)\(note)")
    }
    if !snapshot.patterns.isEmpty {
      lines.append("patterns:")
      let header = ["KEY", "PATTERN", "MATCHED", "SET ASIDE", "IGNORED", "READ AS"]
      let rows = snapshot.patterns.map {
        [$0.key, $0.pattern, "\($0.matched)", "\($0.setAside)", "\($0.ignored)", $0.readAs.isEmpty ? "-" : $0.readAs]
      }
      lines += table([header] + rows).map { "  " + $0 }
      if snapshot.patterns.contains(where: { $0.setAside > 0 }) {
        lines.append(
          "  set aside: last modified before the run's start under a pattern without {run} (an earlier build's)")
      }
      if snapshot.runStart?.isEvidence != true, snapshot.patterns.contains(where: { !$0.namesTheRun }) {
        lines.append(
          "  warning: a pattern has no {run} and the run's start is unknown: pass --started-at or set"
            + " run.start_marker, or an earlier build's files count as this run's")
      }
    }
    for file in snapshot.ignoredFiles { lines.append("  ignored \(file.description)") }
    for file in snapshot.misfiledReports { lines.append("  \(file.description)") }
    if snapshot.reusedReports > 0 {
      lines.append(
        "parse cache: \(snapshot.reusedReports.counted("report file")) unchanged since the last check,"
          + " their results reused without reading them"
          + (snapshot.reusedMerges > 0 ? "; \(snapshot.reusedMerges.counted("machine")) not merged again" : ""))
    }
    if let specs = snapshot.specs {
      lines.append(
        "specs: \(specs.expected.count) expected, \(specs.missing.count) without a result"
          + (specs.missing.isEmpty ? "" : " (\(specs.missing.prefix(10).joined(separator: ", ")))"))
    }
    return lines
  }

  /// What `explain` prints for a run: its one scope, or a categorized parent's summary followed
  /// by each group as the same check judged it.
  /// - Parameter runnerMatch: the `runner_match` expanded for a scope's build name.
  public static func run(_ stored: StoredRun, scopes: [EvaluatedScope], runnerMatch: (String) -> String?) -> String {
    guard stored.kind == .categorized else {
      return scopes.map { explain($0, runnerMatch: runnerMatch) }.joined(separator: "\n\n")
    }
    var sections = [parent(stored)]
    for scope in scopes {
      let position = scope.spec.position.map { " (\($0.index) of \($0.count))" } ?? ""
      sections.append(
        "== group \(scope.spec.group ?? scope.spec.name)\(position): \(scope.spec.name)\n"
          + explain(scope, runnerMatch: runnerMatch))
    }
    return sections.joined(separator: "\n\n")
  }

  static func explain(_ scope: EvaluatedScope, runnerMatch: (String) -> String?) -> String {
    guard let facts = scope.facts else {
      return "decision: \(scope.verdict.state)\n  \(scope.verdict.reason)" + plan(scope.deliveries)
    }
    return render(
      facts: facts, verdict: scope.verdict, stored: scope.recorded, runnerMatch: runnerMatch(scope.spec.name))
      + history(scope) + owners(scope) + plan(scope.deliveries)
  }

  /// What the run was compared with (SPEC §8.1), and whether that was recorded with the run or
  /// is what a check would record now.
  static func history(_ scope: EvaluatedScope) -> String {
    guard let history = scope.message?.history else { return "" }
    let labels = history.labels
    let when =
      scope.recorded?.history == nil
      ? "as a check would record it now" : "recorded with the run when first judged COMPLETED or FAILED"
    var lines = [
      "", "history: series \(history.series), baseline \(labels.comparedWith ?? "none (first run)") (\(when))",
      "  \(labels.summary(series: history.series))",
    ]
    let limit = MessageContent.testNameLimit * 2
    let still = labels.stillFailing.map { "\($0.test) (since \($0.since), \($0.runs.counted("run")))" }
    for (label, tests) in [
      ("new", labels.new), ("still failing", still), ("fixed", labels.fixed), ("added", labels.added),
      ("removed", labels.removed), ("flaky over time", labels.flaky.map { "\($0.test) (\($0.flips) flips)" }),
    ] where !tests.isEmpty {
      lines.append("  \(label): \(tests.listed(limit: limit))")
    }
    return "\n" + lines.joined(separator: "\n")
  }

  /// What the check does for each target, alert subscriptions included: the same plan `check`
  /// executes and `preview` prints.
  static func plan(_ deliveries: [PlannedDelivery]) -> String {
    guard !deliveries.isEmpty else { return "\n\ntargets: none configured" }
    let rows = deliveries.map { delivery in
      let decision = delivery.decision
      let outcome = delivery.posts ? "would post" : decision.outcome.rawValue
      return [delivery.target.name, delivery.target.kind.rawValue, outcome, decision.reason]
    }
    return "\n\ntargets:\n"
      + table([["TARGET", "TYPE", "DECISION", "REASON"]] + rows).map { "  " + $0 }
      .joined(separator: "\n")
  }

  /// A categorized parent has no evidence to show of its own: its state is the summary of its
  /// groups, and the reason says what it waits for.
  static func parent(_ stored: StoredRun) -> String {
    var lines = [
      "run \(stored.run) is categorized: its state summarizes its groups and is never posted", "",
      "state: \(stored.state)\(stored.closedAt == nil ? "" : ", closed")", "  \(stored.reason)", "", "groups:",
    ]
    let rows = stored.scopes.map { scope in
      [scope.group ?? scope.scope, scope.verdict.state.rawValue, scope.isClosed ? "closed" : "open", scope.scope]
    }
    lines += table([["GROUP", "STATE", "", "BUILD NAME"]] + rows).map { "  " + $0 }
    if stored.scopes.isEmpty { lines.append("  (none seen yet)") }
    return lines.joined(separator: "\n")
  }

  static func marker(_ marker: Marker, _ now: Date) -> String {
    guard let path = marker.path else { return "not configured" }
    guard marker.present else { return "\(path) absent" }
    return "\(path) present" + (marker.modifiedAt.map { " since \(Timestamp.iso($0)) (\(ago($0, now)))" } ?? "")
  }

  static func ago(_ date: Date, _ now: Date) -> String {
    "\(Interval.describe(now.timeIntervalSince(date))) ago"
  }

  static func table(_ rows: [[String]]) -> [String] { Columns.align(rows) }
}
