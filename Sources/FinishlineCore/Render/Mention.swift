/// Turns the email of whoever triggered a run into their chat handle, so the message reaches
/// the person who is waiting for it ("cc @alice").
///
/// Only the `[mentions]` table is consulted here; a lookup through a chat server's API is I/O
/// and lives at the edges.
public enum Mention {
  /// The handle `[mentions]` gives for `email`, or `nil`.
  ///
  /// Emails match case-insensitively (mail systems treat them so, and CI tools disagree on
  /// case), and `Alice <alice@example.com>` is read as its address, as git and CI often write
  /// it. The handle is written as `MentionHandle.mention(for:)` writes it.
  ///
  /// - Parameter channel: the target's kind; a `{ mattermost = "@bob", slack = "<@U024BE7LH>" }`
  ///   entry answers per channel, a plain string for every channel.
  public static func handle(
    for email: String?, in mentions: [String: MentionHandle], channel: NotifyTarget.Kind? = nil
  ) -> String? {
    guard let email, let address = address(in: email) else { return nil }
    // Sorted, so two keys differing only in case resolve the same way on every run.
    let match = mentions.sorted { $0.key < $1.key }.first { key, _ in
      Mention.address(in: key) == address
    }
    return match?.value.mention(for: channel)
  }

  /// The lower-cased address inside `text`, or `nil` when it is blank.
  private static func address(in text: String) -> String? {
    var address = Substring(text)
    if let open = address.lastIndex(of: "<"), let close = address.lastIndex(of: ">"), open < close {
      address = address[address.index(after: open)..<close]
    }
    return address.trimmingWhitespace.nonBlank?.lowercased()
  }
}
