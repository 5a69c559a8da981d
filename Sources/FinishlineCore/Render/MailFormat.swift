public import FoundationEssentials

/// Frames a plain-text email as the bytes an SMTP client sends after `DATA` (RFC 5322 with
/// MIME), so the transport only moves bytes and every framing decision is testable here.
///
/// The result has CRLF line endings, no line over 998 octets (headers folded, the body
/// quoted-printable), and ends with CRLF. It is not dot-stuffed: libcurl escapes a "." that
/// starts a line while uploading SMTP data, so stuffing here would reach readers as "..".
public enum MailFormat {
  /// The message for one `DATA` command.
  /// - Parameters:
  ///   - from: the sender's address, as in the SMTP envelope.
  ///   - date: when the message is handed to the server (the transport reads the clock).
  ///   - messageID: the `Message-ID` value, `<…@…>`; see `messageID(key:from:)`.
  public static func message(
    from: String, to: [String], subject: String, body: String, date: Date, messageID: String
  ) -> [UInt8] {
    let headers = [
      "Date: " + MailDate.text(date),
      MailHeaderField.addressList("From", [from]),
      MailHeaderField.addressList("To", to),
      MailHeaderField.unstructured("Subject", subject),
      MailHeaderField.unstructured("Message-ID", messageID),
      // RFC 3834: out-of-office and other automatic replies are not sent back to this address.
      "Auto-Submitted: auto-generated",
      "MIME-Version: 1.0",
      "Content-Type: text/plain; charset=utf-8",
      "Content-Transfer-Encoding: quoted-printable",
    ]
    var text = headers.joined(separator: "\r\n") + "\r\n\r\n" + QuotedPrintable.encode(body)
    if !text.hasSuffix("\r\n") { text += "\r\n" }
    return Array(text.utf8)
  }

  /// A `Message-ID` made from `key` and the sender's domain, e.g. `<3f2a…@example.com>`.
  ///
  /// Derive `key` from what identifies the notice (such as `WebhookPayload.idempotencyKey`) and
  /// a resent notice carries the same ID, which mail systems use to drop the duplicate.
  /// Characters that may not appear in an ID are dropped.
  public static func messageID(key: String, from address: String) -> String {
    let local = key.filter { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
    let domainText = address.split(separator: "@").last.map(String.init) ?? ""
    let domain = domainText.filter { $0.isASCII && ($0.isLetter || $0.isNumber || "-.".contains($0)) }
    let hasDomain = address.contains("@") && !domain.isEmpty
    return "<\(local.isEmpty ? "finishline" : local)@\(hasDomain ? domain : "finishline.invalid")>"
  }
}
