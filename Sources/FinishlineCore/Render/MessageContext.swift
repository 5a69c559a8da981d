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
  /// When the scope was first seen, for the duration shown.
  public var firstSeen: Date
  /// Links and context fields (`--context key=value`, CI environment), in display order.
  public var links: [(label: String, url: String)]
  public var fields: [(name: String, value: String)]
  /// The test runner's exit status, when the caller knows it (a CI post step does; a timer
  /// watching artifacts does not).
  public var exitCode: Int?

  public init(
    run: String, scope: String, group: String? = nil, groupPosition: (index: Int, count: Int)? = nil,
    verdict: Verdict, snapshot: RunSnapshot, firstSeen: Date,
    links: [(label: String, url: String)] = [], fields: [(name: String, value: String)] = [],
    exitCode: Int? = nil
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
    self.exitCode = exitCode
  }

  /// "3 of 120 tests failed on 2 of 5 machines" or "120 tests passed on 5 machines".
  public var headline: String {
    let counts = snapshot.counts
    let machines = snapshot.machines
    let failedMachines = machines.filter(\.failed).count
    let plural = machines.count == 1 ? "" : "s"
    if verdict.state == .failed {
      return "\(counts.failed) of \(counts.total) tests failed on \(failedMachines) of"
        + " \(machines.count) machine\(plural)"
    }
    return "\(counts.passed) of \(counts.total) tests passed on \(machines.count) machine\(plural)"
  }
}
