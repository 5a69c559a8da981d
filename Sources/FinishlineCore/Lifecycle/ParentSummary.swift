public import FoundationEssentials

/// The state `status` shows for a categorized parent, and whether the parent is closed
/// (SPEC §4 "Categorized runs"). The parent itself is never posted.
///
/// Two rules keep posts from being lost or invented. The parent's state is RUNNING while any
/// group is open, otherwise the most severe group state. And a parent that discovers its groups
/// closes only on its own evidence (its end marker, its runner seen and then gone past
/// `settle`, its cancel marker, or `max_runtime`): groups that have not started yet are not
/// in the artifacts, so "every group seen so far is closed" says nothing about the rest.
public enum ParentSummary {
  /// Most severe first: what an operator must look at outranks what went well.
  public static let severity: [RunState] = [.unknown, .hung, .terminated, .cancelled, .failed, .completed]

  /// What is known of the parent run itself, apart from its groups.
  public struct Evidence: Sendable, Equatable {
    /// The groups come from configuration: when every one is closed, the parent is done.
    public var configuredGroups: Bool
    public var endMarkerPresent: Bool
    public var cancelled: Bool
    /// `nil` without `runner_match`.
    public var runnerAlive: Bool?
    /// The last time a runner matching the parent's build name was seen alive, now or before.
    public var runnerLastSeen: Date?
    public var firstSeen: Date

    public init(
      configuredGroups: Bool, endMarkerPresent: Bool, cancelled: Bool, runnerAlive: Bool?, runnerLastSeen: Date?,
      firstSeen: Date
    ) {
      self.configuredGroups = configuredGroups
      self.endMarkerPresent = endMarkerPresent
      self.cancelled = cancelled
      self.runnerAlive = runnerAlive
      self.runnerLastSeen = runnerLastSeen
      self.firstSeen = firstSeen
    }
  }

  /// One group as the parent sees it: `state` is `nil` while it waits for an earlier group.
  public struct Group: Sendable, Equatable {
    public var name: String
    public var state: RunState?
    public var closed: Bool

    public init(name: String, state: RunState?, closed: Bool) {
      self.name = name
      self.state = state
      self.closed = closed
    }
  }

  public struct Summary: Sendable, Equatable {
    public var state: RunState
    public var reason: String
    public var closed: Bool

    public init(state: RunState, reason: String, closed: Bool) {
      self.state = state
      self.reason = reason
      self.closed = closed
    }
  }

  /// RUNNING while a group is open (or none is known yet), else the most severe group state.
  public static func state(of groups: [Group]) -> RunState {
    guard !groups.isEmpty, groups.allSatisfy(\.closed) else { return .running }
    let states = groups.compactMap(\.state)
    return severity.first { states.contains($0) } ?? .running
  }

  public static func summarize(_ groups: [Group], parent: Evidence, policy: Policy, now: Date) -> Summary {
    let listing = groups.map { "\($0.name) \($0.state?.rawValue ?? "waiting")" }.joined(separator: ", ")
    let counted = groups.count.counted("group")
    let allClosed = !groups.isEmpty && groups.allSatisfy(\.closed)
    guard allClosed else {
      return Summary(state: .running, reason: "\(counted): \(listing)", closed: false)
    }
    if let waiting = waitingFor(parent, policy: policy, now: now) {
      return Summary(
        state: .running, reason: "\(counted) closed so far: \(listing); waiting for \(waiting)", closed: false)
    }
    return Summary(state: state(of: groups), reason: "all \(counted) closed: \(listing)", closed: true)
  }

  /// What the parent still needs before it may close, or `nil` when nothing.
  static func waitingFor(_ parent: Evidence, policy: Policy, now: Date) -> String? {
    if parent.configuredGroups || parent.endMarkerPresent || parent.cancelled { return nil }
    if now.timeIntervalSince(parent.firstSeen) >= policy.maxRuntime { return nil }
    if parent.runnerAlive == false, let seen = parent.runnerLastSeen {
      let quiet = now.timeIntervalSince(seen)
      if quiet >= policy.settle { return nil }
      return "the parent's runner, gone \(Interval.describe(quiet)) of \(Interval.describe(policy.settle)) settle"
    }
    let runner =
      parent.runnerAlive == true
      ? "its runner to exit" : parent.runnerAlive == nil ? "" : "its runner to be seen and exit"
    let options = [runner, "its end marker", "max_runtime \(Interval.describe(policy.maxRuntime))"]
      .filter { !$0.isEmpty }
    return "parent evidence that every group has run (\(options.joined(separator: ", or ")));"
      + " groups are discovered, so more may start"
  }
}
