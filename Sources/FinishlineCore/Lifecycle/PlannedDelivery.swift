/// One target's part of a scope's plan: the decision a check makes for it and, for a post it
/// makes (or, in `preview`, would make), the message as that target gets it. `check` executes
/// these, `preview` prints them and `explain` lists them, so the three cannot disagree.
public struct PlannedDelivery: Sendable {
  /// A `[[notify]]` target, or one an alert subscription made for this run.
  public var target: NotifyTarget
  public var decision: DeliveryDecision
  /// The message with its kind and mention set; `nil` when nothing is sent to this target.
  public var post: MessageContext?

  public init(target: NotifyTarget, decision: DeliveryDecision, post: MessageContext? = nil) {
    self.target = target
    self.decision = decision
    self.post = post
  }

  /// Whether a check posts (or, dry, would post) to this target now.
  public var posts: Bool { decision.sends || decision.event == .dryRun }

  /// The scope's message as `decision` sends it: its kind, and the mention `[mentions]` gives the
  /// triggering user on this channel (`lookedUp` is asked only when that gives none).
  public static func addressed(
    _ message: MessageContext, for decision: DeliveryDecision, target: NotifyTarget, mentions: [String: MentionHandle],
    lookedUp: () -> String?
  ) -> MessageContext {
    var context = message
    context.kind = decision.kind
    context.mention = Mention.handle(for: message.triggeredBy, in: mentions, channel: target.kind) ?? lookedUp()
    return context
  }
}
