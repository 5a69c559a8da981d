public import FoundationEssentials

/// The one place a post is rendered for its channel, and the guarantee that rendering never
/// costs the post: a message that cannot be built in full is replaced by a minimal one.
public enum MessageRenderer {
  /// The largest body a post may have: 1 MiB, nginx's default `client_max_body_size`, which
  /// fronts most self-hosted Mattermost servers and webhook receivers. A bigger request would
  /// be refused (413) on every attempt, so the minimal message is sent instead.
  public static let bodyLimit = 1 << 20

  /// The post for `target`, or, when the full message cannot be built or is over `bodyLimit`
  /// bytes, the minimal one (`minimal`), with `onError` told why.
  public static func render(
    _ context: MessageContext, for target: NotifyTarget, bodyLimit: Int = bodyLimit,
    onError: (any Error) -> Void
  ) -> RenderedMessage {
    let full = full(context, for: target)
    guard full.byteCount <= bodyLimit else {
      onError(RenderError.tooLarge(bytes: full.byteCount, limit: bodyLimit))
      return minimal(context, for: target)
    }
    return full
  }

  static func full(_ context: MessageContext, for target: NotifyTarget) -> RenderedMessage {
    switch target.channel {
    case .mattermost(let settings):
      .http(MattermostMessage.payload(context, settings: settings, maxChars: target.maxChars))
    case .slack(let settings): .http(SlackMessage.payload(context, settings: settings))
    case .webhook: .http(WebhookPayload.payload(context, kind: context.kind, sentAt: context.snapshot.takenAt))
    case .email:
      EmailMessage(context).rendered
    }
  }

  /// State, build name and headline (an alert's reason), in the channel's own shape: a chat
  /// post in the target's channel, a webhook v1 object with its lists left empty and
  /// `truncated` set, or a short mail. Small and bounded by construction.
  public static func minimal(_ context: MessageContext, for target: NotifyTarget) -> RenderedMessage {
    let alert = context.kind == .alert
    let summary = MessageContent.clip(alert ? context.verdict.reason : context.headline, to: 1_000)
    let text = (alert ? "NEEDS ATTENTION: " : "") + "\(context.verdict.state) \(context.scope): \(summary)"
    switch target.channel {
    case .mattermost(let settings), .slack(let settings):
      let members = ChatPayload.addressing(settings) + [.init("text", .string(text))]
      return .http(Data(JSONValue.object(members).text.utf8))
    case .webhook:
      return .http(WebhookPayload.bare(context, kind: context.kind, sentAt: context.snapshot.takenAt))
    case .email:
      let tag = (alert ? "NEEDS ATTENTION: " : "") + "\(context.verdict.state)"
      return .mail(
        subject: EmailMessage.oneLine("[\(tag)] \(context.scope): \(summary)", limit: EmailMessage.subjectLimit),
        body: "\(text)\n\nThe full report was too large to send; `finishline status \(context.scope)` shows the run.")
    }
  }
}

/// A rendered post: the JSON body of an HTTP request, or a plain-text mail.
public enum RenderedMessage: Sendable, Equatable {
  case http(Data)
  case mail(subject: String, body: String)

  /// The HTTP body; `nil` for a mail.
  public var httpBody: Data? {
    guard case .http(let body) = self else { return nil }
    return body
  }

  var byteCount: Int {
    switch self {
    case .http(let body): body.count
    case .mail(let subject, let body): subject.utf8.count + body.utf8.count
    }
  }
}

/// Why a full message could not be sent (the minimal message is sent instead).
public enum RenderError: Error, Equatable, CustomStringConvertible {
  case tooLarge(bytes: Int, limit: Int)

  public var description: String {
    switch self {
    case .tooLarge(let bytes, let limit):
      "the full message is \(bytes.groupedDigits) bytes, over the \(limit.groupedDigits) a post may carry"
    }
  }
}
