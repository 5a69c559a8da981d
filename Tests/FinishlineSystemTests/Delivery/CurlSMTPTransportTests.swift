import FinishlineCore
import Foundation
import TestSupport
import Testing

@testable import FinishlineSystem

/// The real libcurl SMTP client against a real local SMTP server (`scripts/smtp-sink`, aiosmtpd):
/// these pin what arrives, and the facts the delivery rules depend on, above all
/// `requestFullySent`.
@Suite(.timeLimit(.minutes(3))) struct CurlSMTPTransportTests {
  let transport = CurlSMTPTransport()

  static let subject = "[FAILED] BUILD-42 Prüfung: 3 of 120 tests failed on 2 of 5 machines ✗"
  /// Lines that SMTP treats specially (a lone "." ends the data unless stuffed), non-ASCII text,
  /// trailing blanks and a line longer than SMTP's 998-octet limit.
  static let body = [
    "3 of 120 tests failed on 2 of 5 machines.",
    ".hidden: a line that starts with a dot",
    ".",
    "..two dots",
    "Ünïcödé ✓ — 😀",
    "a trailing space ",
    "https://ci.example.com/job/e2e/42/" + String(repeating: "artifact/", count: 150),
    "",
    "end",
  ].joined(separator: "\n")

  func send(
    _ url: String, to recipients: [String] = ["qa-oncall@example.com", "ops@example.com"],
    subject: String = subject, body: String = body, username: String? = nil, password: String? = nil,
    totalTimeout: Double = 10
  ) -> MailExchange {
    transport.send(
      SMTPMessage(
        from: "finishline@example.com", to: recipients, subject: subject, body: body,
        messageID: "<b42-billing@example.com>"),
      via: SMTPRequest(
        url: url, username: username, password: password, connectTimeout: 5, totalTimeout: totalTimeout))
  }

  @Test func `a message arrives with its envelope, subject and body intact`() throws {
    let sink = try SMTPSink.start(script: "250")
    defer { sink.stop() }

    let exchange = send(sink.url)

    #expect(exchange == MailExchange(curlCode: 0, smtpStatus: 250, requestFullySent: true))
    #expect(exchange.outcome == .delivered)
    let received = try sink.messages()
    #expect(received.count == 1)
    let message = try #require(received.first)
    #expect(message.mailFrom == "finishline@example.com")
    #expect(message.rcptTos == ["qa-oncall@example.com", "ops@example.com"])
    #expect(message.subject == Self.subject)
    #expect(message.header("From") == "finishline@example.com")
    #expect(message.header("To") == "qa-oncall@example.com, ops@example.com")
    #expect(message.header("Message-ID") == "<b42-billing@example.com>")
    #expect(message.body?.replacingOccurrences(of: "\r\n", with: "\n") == Self.body + "\n")
    #expect(message.defects == [])
    #expect(message.data.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 998 })
  }

  @Test func `a large message arrives whole`() throws {
    let sink = try SMTPSink.start()
    defer { sink.stop() }
    let body = (1...5_000).map { "line \($0): " + String(repeating: "0123456789", count: 4) }.joined(
      separator: "\n")

    let exchange = send(sink.url, body: body)

    #expect(exchange.outcome == .delivered)
    #expect(try sink.messages().first?.body?.replacingOccurrences(of: "\r\n", with: "\n") == body + "\n")
  }

  @Test func `a 451 answer to the end of data is transient, after a full send`() throws {
    let sink = try SMTPSink.start(script: "451")
    defer { sink.stop() }

    let exchange = send(sink.url)

    #expect(exchange.curlCode != 0)
    #expect(exchange.smtpStatus == 451)
    #expect(exchange.requestFullySent)
    #expect(exchange.outcome.recorded == .transientFailure)
  }

  @Test func `a 550 answer to the end of data is terminal`() throws {
    let sink = try SMTPSink.start(script: "550")
    defer { sink.stop() }

    let exchange = send(sink.url)

    #expect(exchange.smtpStatus == 550)
    #expect(exchange.requestFullySent)
    #expect(exchange.outcome.recorded == .terminalFailure)
  }

  @Test func `each message gets the next scripted answer, so a retry after 451 is delivered`() throws {
    let sink = try SMTPSink.start(script: "451,250")
    defer { sink.stop() }

    #expect(send(sink.url).outcome.recorded == .transientFailure)
    #expect(send(sink.url).outcome == .delivered)
    #expect(try sink.messages().count == 2)
  }

  @Test func `one refused recipient ends the transaction before DATA, for every recipient`() throws {
    let sink = try SMTPSink.start(script: "rcpt=550:refused@example.com")
    defer { sink.stop() }

    let exchange = send(sink.url, to: ["qa-oncall@example.com", "refused@example.com"])

    #expect(exchange.smtpStatus == 550)
    #expect(!exchange.requestFullySent)
    #expect(exchange.outcome.recorded == .terminalFailure)
    #expect(try sink.messages().isEmpty)
  }

  @Test func `a refused connection sent nothing, which is transient`() throws {
    let exchange = send("smtp://127.0.0.1:\(try LocalPort.unused())")

    #expect(exchange.curlCode == 7)
    #expect(exchange.curlError != nil)
    #expect(exchange.smtpStatus == nil)
    #expect(!exchange.requestFullySent)
    #expect(exchange.outcome.recorded == .transientFailure)
  }

  @Test func `a server that never answers the end of data leaves the send ambiguous`() throws {
    let sink = try SMTPSink.start(script: "hang")
    defer { sink.stop() }

    let exchange = send(sink.url, totalTimeout: 1)

    #expect(exchange.curlCode == 28)
    #expect(exchange.requestFullySent)
    #expect(exchange.outcome.recorded == .ambiguous)
    #expect(try sink.messages(atLeast: 1).first?.subject == Self.subject)
  }

  @Test func `a connection dropped after the whole message is ambiguous`() throws {
    let sink = try SMTPSink.start(script: "close")
    defer { sink.stop() }

    let exchange = send(sink.url)

    #expect(exchange.curlCode != 0)
    #expect(exchange.requestFullySent)
    #expect(exchange.outcome.recorded == .ambiguous)
  }

  @Test func `credentials on plain smtp require STARTTLS, so a server without it gets no password`() throws {
    let sink = try SMTPSink.start()
    defer { sink.stop() }

    let exchange = send(sink.url, username: "finishline", password: "s3cret")

    #expect(exchange.curlCode == 64)
    #expect(!exchange.requestFullySent)
    #expect(exchange.outcome.recorded == .transientFailure)
    #expect(try sink.messages().isEmpty)
  }

  @Test(arguments: [
    ["qa@example.com\r\nRCPT TO:<victim@example.com>"], ["qa@example.com\n"], ["qa@example.com\0x"], [],
  ])
  func `an address that would break the dialogue is refused before connecting`(recipients: [String]) throws {
    // Nothing listens on the port: a connection attempt would be curl error 7, not 43.
    let exchange = send("smtp://127.0.0.1:\(try LocalPort.unused())", to: recipients)

    #expect(exchange.curlCode == 43)
    #expect(!exchange.requestFullySent)
    #expect(exchange.outcome.recorded == .terminalFailure)
  }

  @Test func `schemes other than smtp and smtps are refused before anything is sent`() {
    let exchange = send("http://127.0.0.1:9/")

    #expect(exchange.curlCode == 1)
    #expect(!exchange.requestFullySent)
    #expect(exchange.outcome.recorded == .terminalFailure)
  }

  @Test func `a request's description never shows the password`() {
    let request = SMTPRequest(
      url: "smtps://mail.example.com:465", username: "finishline", password: "s3cret", connectTimeout: 5,
      totalTimeout: 15)

    #expect(!request.description.contains("s3cret"))
    #expect(!"\(request)".contains("s3cret"))
    #expect(request.description.contains("password set"))
  }
}
