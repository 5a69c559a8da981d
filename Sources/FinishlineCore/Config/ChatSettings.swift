/// What a Mattermost or Slack target may set beyond its webhook URL.
public struct ChatSettings: Sendable, Equatable {
  /// Channel override of the incoming webhook's own channel.
  public var channel: String?
  /// Display name override.
  public var username: String?
  /// An API token, to look up whom to mention by email.
  public var token: String?
  /// The chat server's API base, when it is not the webhook's host (Mattermost) or Slack's.
  public var apiURL: String?

  public init(channel: String? = nil, username: String? = nil, token: String? = nil, apiURL: String? = nil) {
    self.channel = channel
    self.username = username
    self.token = token
    self.apiURL = apiURL
  }
}
