/// One place a scope's outcome is told: a `[[notify]]` table.
public struct NotifyTarget: Sendable, Equatable {
  /// The channels finishline can deliver to, by name (`type`); `Channel` holds each one's settings.
  public enum Kind: String, Sendable, Equatable, CaseIterable, Codable {
    case mattermost
    case slack
    case webhook
    case email
  }

  /// What to do when a previous attempt may or may not have been acted on.
  public enum AmbiguousPolicy: String, Sendable, Equatable, CaseIterable {
    /// Do not resend; flag it for an operator (at most once).
    case skip
    /// Resend (at least once); generic webhooks carry an idempotency key.
    case resend
  }

  /// Unique among targets; the key of delivery records, so renaming a target re-posts.
  public var name: String
  /// The channel and the settings only it has.
  public var channel: Channel
  public var url: SecretURL
  /// States whose final status or alert goes to this target.
  public var on: Set<RunState>
  /// Plain http to a non-loopback host is refused unless this is set.
  public var allowInsecure: Bool
  public var onAmbiguous: AmbiguousPolicy
  /// A FAILED run whose every failure its series' baseline already had is not posted here.
  public var onlyNewFailures = false
  /// Longest message text the receiving server accepts in one post.
  public var maxChars: Int?
  /// A PEM bundle of CA certificates to trust for this target (a self-hosted server with a
  /// private CA); `nil`: `CURL_CA_BUNDLE` or `SSL_CERT_FILE` when set, else the system's.
  public var caFile: String?
  /// Seconds allowed to connect, and for the whole request.
  public var connectTimeout: Double
  public var requestTimeout: Double

  public init(
    name: String, channel: Channel, url: SecretURL, on: Set<RunState> = [.completed, .failed],
    allowInsecure: Bool = false,
    onAmbiguous: AmbiguousPolicy = .skip, maxChars: Int? = nil, connectTimeout: Double = 5,
    requestTimeout: Double = 15
  ) {
    self.name = name
    self.channel = channel
    self.url = url
    self.on = on
    self.allowInsecure = allowInsecure
    self.onAmbiguous = onAmbiguous
    self.maxChars = maxChars
    self.connectTimeout = connectTimeout
    self.requestTimeout = requestTimeout
  }

  public var kind: Kind { channel.kind }

  /// Every string of this target that must never be shown.
  public var secrets: [String] { url.secretFragments + channel.secrets }
}
