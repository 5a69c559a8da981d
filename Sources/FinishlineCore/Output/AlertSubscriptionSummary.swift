/// One alert subscription (SPEC §6.3) as the status page lists it: plain text only, so the
/// page does not depend on how subscriptions are stored.
public struct AlertSubscriptionSummary: Sendable, Equatable {
  public var id: String
  /// The job pattern the subscription matches.
  public var job: String
  /// The channel type: `webhook`, `email`, `mattermost` or `slack`.
  public var type: String
  /// Where alerts go, with any secret part already removed by the caller.
  public var target: String
  /// The events subscribed to (`failure`, `timeout`, `terminated`, `unknown`, `success`).
  public var on: [String]

  public init(id: String, job: String, type: String, target: String, on: [String]) {
    self.id = id
    self.job = job
    self.type = type
    self.target = target
    self.on = on
  }
}
