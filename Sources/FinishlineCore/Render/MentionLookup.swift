internal import FoundationEssentials

/// Finding a chat handle for an email through the chat server's API, when a target has an
/// API token: Mattermost's users-by-email and Slack's `users.lookupByEmail`.
///
/// Pure: it says which URL to ask and reads the answer; the pipeline does the (short,
/// bounded) request, and a failed lookup only means no mention.
public enum MentionLookup {
  public static let slackAPI = "https://slack.com/api"

  /// The URL to ask, or `nil` when the target cannot look people up.
  public static func url(for email: String, target: NotifyTarget) -> String? {
    switch target.channel {
    case .mattermost(let settings) where settings.token != nil:
      let port = target.url.port.map { ":\($0)" } ?? ""
      let host = target.url.host.contains(":") ? "[\(target.url.host)]" : target.url.host
      let base = settings.apiURL ?? "\(target.url.scheme)://\(host)\(port)"
      return "\(trimmed(base))/api/v4/users/email/\(percentEncoded(email))"
    case .slack(let settings) where settings.token != nil:
      return "\(trimmed(settings.apiURL ?? slackAPI))/users.lookupByEmail?email=\(percentEncoded(email))"
    case .mattermost, .slack, .webhook, .email:
      return nil
    }
  }

  /// The handle in the server's answer: `@username` on Mattermost, `<@U123>` on Slack.
  public static func handle(fromResponse body: String, kind: NotifyTarget.Kind) -> String? {
    let data = Data(body.utf8)
    switch kind {
    case .mattermost:
      guard let user = try? JSONDecoder().decode(MattermostUser.self, from: data), !user.username.isEmpty else {
        return nil
      }
      return "@\(user.username)"
    case .slack:
      guard let answer = try? JSONDecoder().decode(SlackLookup.self, from: data), answer.ok,
        let id = answer.user?.id, !id.isEmpty
      else { return nil }
      return "<@\(id)>"
    case .webhook, .email:
      return nil
    }
  }

  private struct MattermostUser: Decodable {
    var username: String
  }

  private struct SlackLookup: Decodable {
    struct User: Decodable {
      var id: String
    }

    var ok: Bool
    var user: User?
  }

  static func trimmed(_ base: String) -> String {
    base.hasSuffix("/") ? String(base.dropLast()) : base
  }

  /// Everything but RFC 3986's unreserved characters is escaped (`@` and `+` included).
  static func percentEncoded(_ text: String) -> String {
    var result = ""
    for byte in text.utf8 {
      if (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
        || "-._~".utf8.contains(byte)
      {
        result.append(Character(Unicode.Scalar(byte)))
      } else {
        let hex = String(byte, radix: 16, uppercase: true)
        result += "%" + (hex.count == 1 ? "0" : "") + hex
      }
    }
    return result
  }
}
