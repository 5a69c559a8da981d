public import FoundationEssentials

/// What a message is about: one scope's verdict and evidence, plus the invocation's context.
public struct MessageContext: Sendable, Equatable {
  public var run: String
  public var scope: String
  public var group: String?
  /// "k of n" for a sub-run.
  public var groupPosition: ScopeSpec.GroupPosition?
  public var verdict: Verdict
  public var snapshot: RunSnapshot
  /// When the scope was first seen.
  public var firstSeen: Date
  /// Links (CI build, report) and context fields (`--context key=value`, CI environment), in
  /// display order, named generically rather than after one CI product.
  public var links: [InvocationContext.Link]
  public var fields: [InvocationContext.Field]
  /// Who started the run (an email or a name), shown as given.
  public var triggeredBy: String?
  /// The chat handle of that person (see `Mention`), shown as "cc @alice".
  public var mention: String?
  /// `[[advice]]` rules; each attaches under the failure groups it matches.
  public var advice: [AdviceRule]
  /// A final status, or a "needs attention" operator alert (TERMINATED, HUNG, UNKNOWN).
  public var kind: DeliveryRecord.Kind
  /// The test runner's exit status, when the caller knows it (a CI post step does; a timer
  /// watching artifacts does not).
  public var exitCode: Int?
  /// What changed since the series' baseline (SPEC §8.1); `nil` with history off.
  public var history: ScopeHistory?
  /// Who owns the failing specs (SPEC §8.2); `nil` without `[owners]`.
  public var owners: FailureOwners?

  public init(
    run: String, scope: String, group: String? = nil, groupPosition: ScopeSpec.GroupPosition? = nil,
    verdict: Verdict, snapshot: RunSnapshot, firstSeen: Date,
    links: [InvocationContext.Link] = [], fields: [InvocationContext.Field] = [],
    triggeredBy: String? = nil, mention: String? = nil, advice: [AdviceRule] = [],
    kind: DeliveryRecord.Kind = .final, exitCode: Int? = nil, history: ScopeHistory? = nil,
    owners: FailureOwners? = nil
  ) {
    self.run = run
    self.scope = scope
    self.group = group
    self.groupPosition = groupPosition
    self.verdict = verdict
    self.snapshot = snapshot
    self.firstSeen = firstSeen
    self.links = links
    self.fields = fields
    self.triggeredBy = triggeredBy
    self.mention = mention
    self.advice = advice
    self.kind = kind
    self.exitCode = exitCode
    self.history = history
    self.owners = owners
  }

  /// "3 of 120 tests failed on 2 of 5 machines", "120 of 120 tests passed on 5 machines",
  /// "1 of 1 test passed" (one machine needs no "on 1 machine"), and a failed hook said so.
  public var headline: String {
    // An alert is about what went wrong, not a tally: "TERMINATED: runner gone, vm-03 still RUNNING".
    if kind == .alert { return "\(verdict.state): \(verdict.reason)" }
    let counts = snapshot.counts
    let machines = snapshot.machines
    let total = counts.total.counted("test")
    let hooks = snapshot.failedHooks.count
    let hookPart = hooks > 0 ? ", \(hooks.counted("hook")) failed" : ""
    if verdict.state == .failed {
      let place =
        machines.count > 1
        ? " on \(machines.filter(\.failed).count.groupedDigits) of \(machines.count.groupedDigits) machines" : ""
      return "\(counts.failed.groupedDigits) of \(total) failed\(hookPart)\(place)"
    }
    let place = machines.count > 1 ? " on \(machines.count.groupedDigits) machines" : ""
    return "\(counts.passed.groupedDigits) of \(total) passed\(place)"
  }

  /// For a needs-attention alert, what an operator can do: look, then let a run that has
  /// really finished be posted (a closed scope is never posted until it is reset).
  public var actions: [String] {
    guard kind == .alert else { return [] }
    let reset = group.map { "finishline reset \(run) --group \($0)" } ?? "finishline reset \(scope)"
    return [
      "What to do: `finishline explain \(scope)` shows the evidence and the rule that decided.",
      "If the run did finish after all, `\(reset)` reopens it and the next check posts its result;"
        + " until then it is never posted.",
    ]
  }

  /// How long the run took, in seconds: its wall time, from the earliest start to the latest
  /// end the reports state (mochawesome's `stats.start`/`end`, JUnit's `timestamp` + `time`).
  ///
  /// Machines run in parallel, and one machine's files may each time one spec, so adding up
  /// stated durations overstates or understates the run; the span between the timestamps does
  /// neither. Reports without timestamps fall back to the longest run time one machine's
  /// reports state. `snapshot.takenAt - firstSeen` is never used: it measures how long
  /// finishline watched. `nil` when no report states a time: the message shows none rather
  /// than a guess.
  public var duration: Double? {
    let starts = snapshot.machines.compactMap(\.startedAt)
    let ends = snapshot.machines.compactMap(\.endedAt)
    if let start = starts.min(), let end = ends.max(), end >= start { return end.timeIntervalSince(start) }
    return snapshot.machines.compactMap(\.durationMs).max().map { $0 / 1_000 }
  }
}
