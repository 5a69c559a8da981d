public import FoundationEssentials

/// What a message is about: one scope's verdict and evidence, plus the invocation's context.
public struct MessageContext: Sendable {
  public var run: String
  public var scope: String
  public var group: String?
  /// "k of n" for a sub-run.
  public var groupPosition: (index: Int, count: Int)?
  public var verdict: Verdict
  public var snapshot: RunSnapshot
  /// When the scope was first seen.
  public var firstSeen: Date
  /// Links (CI build, report) and context fields (`--context key=value`, CI environment), in
  /// display order, named generically rather than after one CI product.
  public var links: [(label: String, url: String)]
  public var fields: [(name: String, value: String)]
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

  public init(
    run: String, scope: String, group: String? = nil, groupPosition: (index: Int, count: Int)? = nil,
    verdict: Verdict, snapshot: RunSnapshot, firstSeen: Date,
    links: [(label: String, url: String)] = [], fields: [(name: String, value: String)] = [],
    triggeredBy: String? = nil, mention: String? = nil, advice: [AdviceRule] = [],
    kind: DeliveryRecord.Kind = .final, exitCode: Int? = nil
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
  }

  /// "3 of 120 tests failed on 2 of 5 machines" or "120 of 120 tests passed on 5 machines".
  public var headline: String {
    let counts = snapshot.counts
    let machines = snapshot.machines
    let failedMachines = machines.filter(\.failed).count
    let plural = machines.count == 1 ? "" : "s"
    let total = counts.total.groupedDigits
    if verdict.state == .failed {
      return "\(counts.failed.groupedDigits) of \(total) tests failed on \(failedMachines.groupedDigits) of"
        + " \(machines.count.groupedDigits) machine\(plural)"
    }
    return "\(counts.passed.groupedDigits) of \(total) tests passed on \(machines.count.groupedDigits)"
      + " machine\(plural)"
  }

  /// How long the tests ran, in seconds: the longest run time a machine's reports state.
  ///
  /// Machines run in parallel, so the slowest one is the run's length. The reports are the
  /// evidence of how long the tests took; `snapshot.takenAt - firstSeen` is not: it measures
  /// how long finishline watched, which is near zero for a run first checked after it ended
  /// and includes the `settle` wait for one that was watched. `nil` when no report states a
  /// run time, and the message then shows none rather than a guess.
  public var duration: Double? {
    snapshot.machines.compactMap(\.durationMs).max().map { $0 / 1_000 }
  }
}
