/// An email address as a configuration writes it: `bot@example.com`, or with an RFC 5322
/// display name, `Finishline Bot <bot@example.com>` or `"QA, on call" <qa@example.com>`.
///
/// Checked when the configuration is loaded, so a typo or an address the SMTP server will
/// refuse (SMTPUTF8 is not assumed: the address itself must be ASCII) fails `config check`,
/// not the first post.
public struct MailAddress: Sendable, Equatable {
  /// What the configuration wrote, used for the `From:` and `To:` headers.
  public var written: String
  /// The bare address, for the SMTP envelope (`MAIL FROM`, `RCPT TO`).
  public var address: String

  /// Why a text is not an address, in words for a configuration error.
  public enum Problem: Error, Equatable, CustomStringConvertible {
    case notAnAddress(String)
    case notASCII(String)

    public var description: String {
      switch self {
      case .notAnAddress(let text):
        "`\(text)` is not an email address (write `name@example.com` or `Display Name <name@example.com>`)"
      case .notASCII(let text):
        "`\(text)` has characters outside ASCII in the address, which SMTP servers without SMTPUTF8 refuse"
          + " (a display name may have them)"
      }
    }
  }

  public init(_ text: String) throws(Problem) {
    let trimmed = String(text.trimmingWhitespace)
    var address = trimmed
    if let open = trimmed.lastIndex(of: "<") {
      guard trimmed.hasSuffix(">") else { throw .notAnAddress(text) }
      address = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
      let name = trimmed[..<open].trimmingWhitespace
      guard !name.contains(where: { "<>\r\n".contains($0) }) else { throw .notAnAddress(text) }
    }
    try Self.check(address, in: text)
    written = trimmed
    self.address = address
  }

  /// The bare address inside `text` for the SMTP envelope (`Bot <bot@example.com>` gives
  /// `bot@example.com`), nothing else changed: whatever else is wrong with it stays for the
  /// transport's own checks to refuse.
  public static func envelope(of text: String) -> String {
    // A control character means an injection attempt or a broken value: hand it on unchanged.
    guard !text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }),
      let open = text.lastIndex(of: "<"), let close = text.lastIndex(of: ">"), open < close
    else { return text }
    return String(text[text.index(after: open)..<close])
  }

  /// `local@domain`: one `@`, both sides non-empty, no spaces, brackets or controls, ASCII.
  private static func check(_ address: String, in text: String) throws(Problem) {
    let parts = address.split(separator: "@", omittingEmptySubsequences: false)
    guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty,
      !address.contains(where: { $0.isWhitespace || "<>()[],;:\\\"".contains($0) }),
      !parts[1].hasPrefix("."), !parts[1].hasSuffix(".")
    else { throw .notAnAddress(text) }
    guard address.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x21 && $0.value < 0x7F }) else {
      throw .notASCII(text)
    }
  }
}
