public import FoundationEssentials

/// Picks the channel's renderer, and never lets a rendering failure cost the post.
public enum MessageRenderer {
  /// The payload for `target`; if the full message cannot be built, a minimal one
  /// (state, build name, counts) is returned instead and `onError` is told why.
  public static func render(
    _ context: MessageContext, for target: NotifyTarget, onError: (any Error) -> Void
  ) -> Data {
    do {
      switch target.kind {
      case .mattermost:
        return MattermostMessage.payload(context, target: target)
      case .slack:
        return SlackMessage.payload(context, target: target)
      case .webhook:
        return WebhookPayload.payload(context, kind: context.kind, sentAt: context.snapshot.takenAt)
      case .email:
        // Email is framed by the SMTP path from `EmailMessage`, never sent as an HTTP body.
        throw RenderError.unsupportedChannel(target.kind)
      }
    } catch {
      onError(error)
      return minimal(context)
    }
  }

  /// Built from plain strings only, so it cannot fail.
  public static func minimal(_ context: MessageContext) -> Data {
    let text =
      (context.kind == .alert ? "NEEDS ATTENTION: " : "") + "\(context.verdict.state) \(context.scope): "
      + (context.kind == .alert ? context.verdict.reason : context.headline)
    return Data("{\"text\":\(JSONText.quote(text))}".utf8)
  }
}

/// Why a full message could not be built (the minimal message is sent instead).
public enum RenderError: Error, Equatable, CustomStringConvertible {
  /// An email target has no HTTP payload; reaching here is a bug.
  case unsupportedChannel(NotifyTarget.Kind)

  public var description: String {
    switch self {
    case .unsupportedChannel(let kind): "no renderer for \(kind.rawValue) targets"
    }
  }
}
