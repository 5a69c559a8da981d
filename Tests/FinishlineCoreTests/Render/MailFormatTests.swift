import Foundation
import Testing

@testable import FinishlineCore

/// The RFC 5322 framing of email: what every header and body line looks like on the wire.
@Suite("mail framing")
struct MailFormatTests {
  static let date = Date(timeIntervalSince1970: 1_739_440_800)

  static func lines(_ text: String) -> [String] {
    text.components(separatedBy: "\r\n")
  }

  /// What a mail reader does to a subject: unfold, then decode each encoded-word.
  static func decodedSubject(_ field: String) -> String {
    let value = String(field.dropFirst("Subject:".count))
    guard value.contains("=?UTF-8?B?") else {
      return String(value.replacingOccurrences(of: "\r\n", with: "").dropFirst())
    }
    let bytes = value.components(separatedBy: "\r\n").flatMap { line -> [UInt8] in
      let word = line.trimmingCharacters(in: .whitespaces).dropFirst("=?UTF-8?B?".count).dropLast(2)
      return Array(Data(base64Encoded: String(word)) ?? Data())
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// What a mail reader does to a quoted-printable body: join soft breaks, decode `=XX`.
  static func decodedBody(_ encoded: String) -> String {
    var bytes: [UInt8] = []
    let text = Array(encoded.replacingOccurrences(of: "=\r\n", with: "").utf8)
    var index = 0
    while index < text.count {
      if text[index] == UInt8(ascii: "="), index + 2 < text.count,
        let byte = UInt8(String(decoding: text[index + 1...index + 2], as: UTF8.self), radix: 16)
      {
        bytes.append(byte)
        index += 3
      } else {
        bytes.append(text[index])
        index += 1
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  @Test(arguments: [
    (0.0, "Thu, 01 Jan 1970 00:00:00 +0000"),
    (951_782_400, "Tue, 29 Feb 2000 00:00:00 +0000"),
    (1_709_251_199, "Thu, 29 Feb 2024 23:59:59 +0000"),
    (1_739_440_800.75, "Thu, 13 Feb 2025 10:00:00 +0000"),
    (4_102_444_799, "Thu, 31 Dec 2099 23:59:59 +0000"),
    (-1, "Wed, 31 Dec 1969 23:59:59 +0000"),
  ])
  func `dates are written as RFC 5322 in UTC`(_ seconds: Double, _ expected: String) {
    #expect(MailDate.text(Date(timeIntervalSince1970: seconds)) == expected)
  }

  @Test func `a short ASCII subject is one plain line`() {
    let subject = "[FAILED] BUILD-42 billing: 3 of 120 tests failed on 2 of 5 machines"
    #expect(MailHeaderField.unstructured("Subject", subject) == "Subject: " + subject)
  }

  @Test func `a non-ASCII subject is a UTF-8 encoded-word`() {
    #expect(MailHeaderField.unstructured("Subject", "Résumé ✓") == "Subject: =?UTF-8?B?UsOpc3Vtw6kg4pyT?=")
  }

  @Test(arguments: [
    String(repeating: "Prüfung fehlgeschlagen auf Maschine vm-03 ✗ ", count: 8),
    String(repeating: "😀", count: 60),
    String(repeating: "x", count: 2_000),
    "looks like =?UTF-8?B?encoded?= text",
  ])
  func `a subject that cannot be plain is encoded-words on lines of at most 76`(_ subject: String) {
    let field = MailHeaderField.unstructured("Subject", subject)
    #expect(Self.lines(field).allSatisfy { $0.utf8.count <= 76 })
    #expect(field.contains("=?UTF-8?B?"))
    #expect(Self.decodedSubject(field) == subject)
  }

  @Test func `a long ASCII subject folds at spaces and unfolds to the original`() {
    let subject = String(repeating: "machine vm-07 failed its smoke test; ", count: 6).trimmingCharacters(
      in: .whitespaces)
    let field = MailHeaderField.unstructured("Subject", subject)
    #expect(Self.lines(field).count > 1)
    #expect(Self.lines(field).allSatisfy { $0.utf8.count <= 78 })
    #expect(Self.lines(field).dropFirst().allSatisfy { $0.hasPrefix(" ") && $0.contains { $0 != " " } })
    #expect(Self.decodedSubject(field) == subject)
  }

  @Test(arguments: [
    "hi\r\nBcc: victim@example.com", "hi\nBcc: victim@example.com", "hi\u{2028}Bcc: x", "é\r\nBcc: x",
  ])
  func `a line break in a subject cannot start a header of its own`(_ subject: String) {
    let field = MailHeaderField.unstructured("Subject", subject)
    #expect(Self.lines(field).dropFirst().allSatisfy { $0.hasPrefix(" ") })
    #expect(!Self.decodedSubject(field).contains { $0.isNewline })
  }

  @Test func `many recipients fold between addresses`() {
    let addresses = (1...12).map { "qa-oncall-\($0)@example.com" }
    let field = MailHeaderField.addressList("To", addresses)
    #expect(Self.lines(field).count > 1)
    #expect(Self.lines(field).allSatisfy { $0.utf8.count <= 78 })
    #expect(field.replacingOccurrences(of: "\r\n", with: "") == "To: " + addresses.joined(separator: ", "))
  }

  @Test(arguments: [
    ("plain text", "plain text"),
    ("café", "caf=C3=A9"),
    ("a=b", "a=3Db"),
    ("ends with a space ", "ends with a space=20"),
    ("ends with a tab\t", "ends with a tab=09"),
    ("inner  spaces\tstay", "inner  spaces\tstay"),
    ("a\nb\r\nc\rd", "a\r\nb\r\nc\r\nd"),
    (".starts with a dot\n.", ".starts with a dot\r\n."),
    ("", ""),
  ])
  func `bodies are quoted-printable with CRLF line ends`(_ text: String, _ expected: String) {
    #expect(QuotedPrintable.encode(text) == expected)
  }

  @Test(arguments: [
    String(repeating: "x", count: 200),
    String(repeating: "é", count: 100),
    String(repeating: "word ", count: 40),
    "https://ci.example.com/job/e2e/42/artifact/" + String(repeating: "cypress/reports/", count: 20),
  ])
  func `long body lines get soft breaks and decode to the original`(_ text: String) {
    let encoded = QuotedPrintable.encode(text)
    #expect(Self.lines(encoded).count > 1)
    #expect(Self.lines(encoded).allSatisfy { $0.utf8.count <= 76 })
    #expect(Self.decodedBody(encoded) == text)
  }

  @Test func `a message has the documented headers in order, CRLF lines and a final CRLF`() throws {
    let bytes = MailFormat.message(
      from: "finishline@example.com", to: ["qa@example.com", "ops@example.com"],
      subject: "[FAILED] BUILD-42", body: "3 of 120 tests failed\n" + String(repeating: "long ", count: 400),
      date: Self.date, messageID: "<abc@example.com>")
    let text = String(decoding: bytes, as: UTF8.self)
    let parts = text.components(separatedBy: "\r\n\r\n")
    let headers = try #require(parts.first)
    #expect(
      Self.lines(headers) == [
        "Date: Thu, 13 Feb 2025 10:00:00 +0000",
        "From: finishline@example.com",
        "To: qa@example.com, ops@example.com",
        "Subject: [FAILED] BUILD-42",
        "Message-ID: <abc@example.com>",
        "Auto-Submitted: auto-generated",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
        "Content-Transfer-Encoding: quoted-printable",
      ])
    #expect(text.hasSuffix("\r\n"))
    #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains { $0 == "\r" || $0 == "\n" })
    #expect(Self.lines(text).allSatisfy { $0.utf8.count <= 998 })
    #expect(bytes.allSatisfy { $0 < 0x80 })
  }

  @Test func `a body ending without a newline still ends the message with CRLF`() {
    let text = String(
      decoding: MailFormat.message(
        from: "a@example.com", to: ["b@example.com"], subject: "s", body: "no newline", date: Self.date,
        messageID: "<x@example.com>"),
      as: UTF8.self)
    #expect(text.hasSuffix("\r\n\r\nno newline\r\n"))
  }

  @Test(arguments: [
    ("3f2a", "finishline@example.com", "<3f2a@example.com>"),
    ("a<b>\r\nc", "finishline@example.com", "<abc@example.com>"),
    ("3f2a", "no-domain", "<3f2a@finishline.invalid>"),
    ("", "finishline@example.com", "<finishline@example.com>"),
  ])
  func `message IDs take the key and the sender's domain`(_ key: String, _ from: String, _ expected: String) {
    #expect(MailFormat.messageID(key: key, from: from) == expected)
  }
}
