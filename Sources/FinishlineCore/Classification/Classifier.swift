/// The decision table of SPEC §4: ordered rows, the first that applies decides.
///
/// This is the one place the rule order lives; the README's table is written from it and
/// `ClassifierTests` pins every row and every precedence between rows.
public enum Classifier {
  public static func classify(_ input: ClassificationInput) -> Verdict {
    classify(EvidenceFacts(input))
  }

  public static func classify(_ facts: EvidenceFacts) -> Verdict {
    for rule in rules {
      if let verdict = rule.verdict(for: facts) { return verdict }
    }
    preconditionFailure("the last rule of the decision table always decides")
  }

  public static let rules: [ClassificationRule] = [
    ClassificationRule(
      id: .closed,
      summary:
        "the scope was closed earlier (CANCELLED, TERMINATED, HUNG, UNKNOWN on sight; COMPLETED or"
        + " FAILED once its posts settled): the state stays until `reset`"
    ) { facts in
      guard let closed = facts.input.closedVerdict else { return nil }
      // A reason this rule wrote already says so: wrapping it again on every check would grow it.
      if closed.rule == .closed { return (closed.state, closed.reason) }
      return (closed.state, "closed earlier (\(closed.reason)); run `finishline reset` to reopen")
    },
    ClassificationRule(
      id: .cancelled,
      summary: "the cancel marker exists, or a machine's last status is CANCELLED: CANCELLED"
    ) { facts in
      let marker = facts.input.snapshot.cancelMarker
      if marker.present, let path = marker.path {
        return (.cancelled, "cancel marker \(path) present" + (marker.note.map { ": \($0)" } ?? ""))
      }
      guard !facts.cancelledMachines.isEmpty else { return nil }
      return (.cancelled, "\(Describe.names(facts.cancelledMachines)) reported CANCELLED")
    },
    ClassificationRule(
      id: .maxRuntime, summary: "not complete and watched longer than `max_runtime`: HUNG"
    ) { facts in
      guard !facts.isComplete, facts.watchedFor >= facts.input.policy.maxRuntime else { return nil }
      return (
        .hung,
        "watched for \(Interval.describe(facts.watchedFor)) without finishing"
          + " (max_runtime \(Interval.describe(facts.input.policy.maxRuntime)))"
      )
    },
    ClassificationRule(
      id: .noProgress, summary: "a runner is alive but no artifact changed for `hang_after`: HUNG"
    ) { facts in
      guard facts.runnerAlive == true, facts.sinceProgress >= facts.input.policy.hangAfter else {
        return nil
      }
      return (
        .hung,
        "runner \(Describe.pids(facts.input.snapshot.runners ?? [])) alive but no artifact progress"
          + " for \(Interval.describe(facts.sinceProgress))"
          + " (hang_after \(Interval.describe(facts.input.policy.hangAfter)))"
      )
    },
    ClassificationRule(id: .runnerAlive, summary: "a runner process is alive: RUNNING") { facts in
      guard facts.runnerAlive == true else { return nil }
      return (
        .running,
        "runner \(Describe.pids(facts.input.snapshot.runners ?? [])) alive, last progress"
          + " \(Interval.describe(facts.sinceProgress)) ago"
      )
    },
    ClassificationRule(
      id: .noTests,
      summary: "complete, but the result files list no tests at all: UNKNOWN (a green run of nothing is no news)"
    ) { facts in
      guard facts.isComplete, facts.input.resultFilesExpected, facts.input.snapshot.counts.total == 0,
        facts.input.snapshot.failedHooks.isEmpty
      else { return nil }
      let files = facts.input.snapshot.machines.reduce(0) { $0 + $1.resultFiles.count }
      return (.unknown, "reports list no tests (\(files.counted("result file")) read)")
    },
    ClassificationRule(
      id: .complete,
      summary:
        "no live runner, every expected machine final with results, end marker if configured:"
        + " FAILED if any machine or test failed, else COMPLETED"
    ) { facts in
      guard facts.isComplete else { return nil }
      return completion(facts)
    },
    ClassificationRule(
      id: .awaitingStart, summary: "no evidence at all yet, within `start_grace`: RUNNING"
    ) { facts in
      guard facts.input.snapshot.hasNoEvidence, facts.watchedFor < facts.input.policy.startGrace
      else { return nil }
      return (
        .running,
        "no evidence yet; waiting \(Interval.describe(facts.input.policy.startGrace)) start_grace"
          + " (\(Interval.describe(facts.watchedFor)) elapsed)"
      )
    },
    ClassificationRule(
      id: .neverStarted, summary: "no evidence at all after `start_grace`: UNKNOWN"
    ) { facts in
      guard facts.input.snapshot.hasNoEvidence else { return nil }
      return (
        .unknown,
        "no evidence of the run after \(Interval.describe(facts.watchedFor))"
          + " (start_grace \(Interval.describe(facts.input.policy.startGrace)))"
      )
    },
    ClassificationRule(
      id: .settling,
      summary: "incomplete and quiet for less than `settle` since the last change or runner: RUNNING"
    ) { facts in
      guard facts.quietFor < facts.input.policy.settle else { return nil }
      return (
        .running,
        "\(facts.runnerAlive == false ? "runner gone, " : "")waiting for final artifacts:"
          + " \(facts.incompleteness.joined(separator: "; "))"
          + " (\(Interval.describe(facts.quietFor)) of \(Interval.describe(facts.input.policy.settle)) settle)"
      )
    },
    ClassificationRule(
      id: .terminated,
      summary:
        "runner gone, machines still RUNNING / NOT STARTED (or silent) or specs without results,"
        + " no end marker, after `settle`: TERMINATED"
    ) { facts in
      let stopped = facts.unfinishedMachines + facts.silentMachines
      guard facts.runnerAlive == false, !stopped.isEmpty || !facts.missingSpecs.isEmpty,
        !facts.input.snapshot.endMarker.present
      else { return nil }
      var parts = ["runner gone"]
      if !facts.unfinishedMachines.isEmpty { parts.append(Describe.machines(facts.unfinishedMachines, "still")) }
      if !facts.silentMachines.isEmpty { parts.append("\(Describe.names(facts.silentMachines)) never reported") }
      if !facts.missingSpecs.isEmpty {
        let expected = facts.input.snapshot.specs?.expected.count ?? facts.missingSpecs.count
        parts.append(
          "\(facts.missingSpecs.count) of \(expected) specs never reported (\(facts.missingSpecs.listed(limit: 5)))"
        )
      }
      parts.append("no end marker after \(Interval.describe(facts.input.policy.settle)) settle")
      return (.terminated, parts.joined(separator: ", "))
    },
    ClassificationRule(
      id: .unobservedRunning,
      summary:
        "no `runner_match` configured and machines still RUNNING / NOT STARTED, quiet for less"
        + " than `hang_after`: RUNNING"
    ) { facts in
      guard facts.runnerAlive == nil, !facts.unfinishedMachines.isEmpty,
        facts.quietFor < facts.input.policy.hangAfter
      else { return nil }
      return (
        .running,
        "\(Describe.machines(facts.unfinishedMachines, "still")); runner liveness not observed"
          + " (no runner_match), last progress \(Interval.describe(facts.quietFor)) ago"
      )
    },
    ClassificationRule(
      id: .unobservedHung,
      summary:
        "no `runner_match` configured and machines still RUNNING / NOT STARTED, quiet for"
        + " `hang_after`: HUNG"
    ) { facts in
      guard facts.runnerAlive == nil, !facts.unfinishedMachines.isEmpty else { return nil }
      return (
        .hung,
        "\(Describe.machines(facts.unfinishedMachines, "still")) with no artifact progress for"
          + " \(Interval.describe(facts.quietFor)) (hang_after"
          + " \(Interval.describe(facts.input.policy.hangAfter)); no runner_match to tell if it died)"
      )
    },
    ClassificationRule(
      id: .undecided,
      summary: "evidence conflicts or is unreadable, for less than `unknown_after`: RUNNING"
    ) { facts in
      guard facts.quietFor < facts.input.policy.unknownAfter else { return nil }
      return (
        .running,
        "undecided: \(facts.incompleteness.joined(separator: "; "))"
          + " (\(Interval.describe(facts.quietFor)) of \(Interval.describe(facts.input.policy.unknownAfter)) unknown_after)"
      )
    },
    ClassificationRule(
      id: .unknown, summary: "evidence conflicts or is unreadable for `unknown_after`: UNKNOWN"
    ) { facts in
      (
        .unknown,
        "\(facts.incompleteness.joined(separator: "; ")) for \(Interval.describe(facts.quietFor))"
          + " (unknown_after \(Interval.describe(facts.input.policy.unknownAfter)))"
      )
    },
  ]

  static func completion(_ facts: EvidenceFacts) -> (RunState, String) {
    let snapshot = facts.input.snapshot
    var parts = ["all \(snapshot.machines.count.counted("machine")) final"]
    if snapshot.endMarker.present { parts.append("end marker present") }
    if facts.runnerAlive == false { parts.append("no runner alive") }
    let counts = snapshot.counts
    let flaky = counts.flaky > 0 ? " (\(counts.flaky) flaky)" : ""
    guard !facts.failedMachines.isEmpty else {
      parts.append("\(counts.passed.counted("test")) passed\(flaky)")
      return (.completed, parts.joined(separator: ", "))
    }
    let failed = facts.failedMachines
    parts.append(
      "\(failed.count.counted("machine")) failed (\(Describe.names(failed)))"
        + ", \(counts.failed) of \(counts.total.counted("test")) failed\(flaky)")
    let hooks = snapshot.failedHooks.count
    if hooks > 0 { parts.append("\(hooks.counted("hook")) failed") }
    return (.failed, parts.joined(separator: ", "))
  }
}
