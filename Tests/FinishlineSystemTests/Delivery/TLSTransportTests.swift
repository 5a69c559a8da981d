import FinishlineCore
import FinishlineSystem
import Foundation
import TestSupport
import Testing

/// HTTPS through libcurl against a real local TLS server whose CA the test makes with openssl.
@Suite("TLS with a private CA", .timeLimit(.minutes(3)))
struct TLSTransportTests {
  func post(_ url: String, caFile: String?) -> HTTPExchange {
    var request = HTTPRequest(url: url, body: Array("{}".utf8), connectTimeout: 5, totalTimeout: 10)
    request.headers = [HTTPHeader(name: "Content-Type", value: "application/json")]
    request.caFile = caFile
    return CurlHTTPTransport().send(request)
  }

  func outcome(_ exchange: HTTPExchange, caFile: String?) -> AttemptOutcome {
    AttemptOutcome.classify(
      AttemptFacts(
        curlCode: exchange.curlCode, curlError: exchange.curlError, httpStatus: exchange.httpStatus,
        requestFullySent: exchange.requestFullySent,
        tls: TLSContext(host: "127.0.0.1", target: "atvm", caFile: caFile)))
  }

  @Test func `a server signed by the configured CA is verified and reached`() throws {
    let certificates = try TestCertificates.make()
    let sink = try WebhookSink.start(tls: certificates.server)
    defer { sink.stop() }
    let exchange = post(sink.url(path: "/hooks/tls"), caFile: certificates.caFile)
    #expect(exchange.curlCode == 0, "\(exchange.curlError ?? "")")
    #expect(exchange.httpStatus == 200)
    #expect(try sink.requests().count == 1)
  }

  @Test func `without the CA it is refused for good naming the host and the key to set`() throws {
    let certificates = try TestCertificates.make()
    let sink = try WebhookSink.start(tls: certificates.server)
    defer { sink.stop() }
    let exchange = post(sink.url(path: "/hooks/tls"), caFile: nil)
    #expect(exchange.curlCode == 60, "\(exchange.curlError ?? "")")
    guard case .terminal(let detail) = outcome(exchange, caFile: nil) else {
      Issue.record("a certificate that does not verify is terminal, not retried")
      return
    }
    #expect(detail.contains("TLS certificate of 127.0.0.1 does not verify (unknown issuer"), "\(detail)")
    #expect(detail.contains("set `ca_file = \"/path/to/ca.pem\"` on target atvm"), "\(detail)")
    #expect(try sink.requests().isEmpty)
  }

  @Test func `a certificate for another name is refused even from the trusted CA`() throws {
    let certificates = try TestCertificates.make()
    let sink = try WebhookSink.start(tls: certificates.wrongName)
    defer { sink.stop() }
    let exchange = post(sink.url(path: "/hooks/tls"), caFile: certificates.caFile)
    #expect(exchange.curlCode == 60, "\(exchange.curlError ?? "")")
    guard case .terminal(let detail) = outcome(exchange, caFile: certificates.caFile) else {
      Issue.record("a wrong name is terminal")
      return
    }
    #expect(detail.contains("(wrong name)"), "\(detail)")
  }

  @Test func `a CA file that cannot be read is terminal and says so`() throws {
    let certificates = try TestCertificates.make()
    let sink = try WebhookSink.start(tls: certificates.server)
    defer { sink.stop() }
    let missing = certificates.directory.appendingPathComponent("nope.pem").path
    let exchange = post(sink.url(path: "/hooks/tls"), caFile: missing)
    #expect(exchange.curlCode == 77, "\(exchange.curlError ?? "")")
    guard case .terminal(let detail) = outcome(exchange, caFile: missing) else {
      Issue.record("an unreadable CA bundle is terminal")
      return
    }
    #expect(detail.contains("the CA bundle \(missing) cannot be read"), "\(detail)")
  }
}

/// Mail over STARTTLS and smtps against a real aiosmtpd with a certificate from a test CA.
@Suite("mail TLS with a private CA", .timeLimit(.minutes(3)))
struct MailTLSTransportTests {
  func send(_ url: String, caFile: String?, username: String? = nil, password: String? = nil) -> MailExchange {
    CurlSMTPTransport().send(
      SMTPMessage(from: "Finishline Bot <bot@example.com>", to: ["qa@example.com"], subject: "s", body: "b"),
      via: SMTPRequest(
        url: url, username: username, password: password, connectTimeout: 5, totalTimeout: 10, caFile: caFile))
  }

  @Test func `STARTTLS when offered is verified against the CA file`() throws {
    let certificates = try TestCertificates.make()
    let sink = try SMTPSink.start(tls: .starttls(cert: certificates.server.cert, key: certificates.server.key))
    defer { sink.stop() }
    let exchange = send("smtp://127.0.0.1:\(sink.port)", caFile: certificates.caFile)
    #expect(exchange.outcome == .delivered, "\(exchange)")
    let message = try #require(try sink.messages().first)
    #expect(message.mailFrom == "bot@example.com", "the envelope takes the bare address")
    #expect(message.header("From") == "Finishline Bot <bot@example.com>")
  }

  @Test func `STARTTLS with an untrusted certificate is terminal and sends nothing`() throws {
    let certificates = try TestCertificates.make()
    let sink = try SMTPSink.start(tls: .starttls(cert: certificates.server.cert, key: certificates.server.key))
    defer { sink.stop() }
    let exchange = send("smtp://127.0.0.1:\(sink.port)", caFile: nil, username: "bot", password: "pa55word")
    #expect(exchange.curlCode == 60, "\(exchange)")
    guard case .terminal(let detail) = exchange.outcome(tls: TLSContext(host: "127.0.0.1", target: "mail", caFile: nil))
    else {
      Issue.record("a certificate failure is terminal")
      return
    }
    #expect(detail.contains("set `ca_file"), "\(detail)")
    #expect(try sink.messages().isEmpty)
  }

  @Test func `smtps is TLS from the first byte and verified`() throws {
    let certificates = try TestCertificates.make()
    let sink = try SMTPSink.start(tls: .smtps(cert: certificates.server.cert, key: certificates.server.key))
    defer { sink.stop() }
    #expect(send("smtps://127.0.0.1:\(sink.port)", caFile: certificates.caFile).outcome == .delivered)
    #expect(send("smtps://127.0.0.1:\(sink.port)", caFile: nil).curlCode == 60)
    let wrong = try TestCertificates()
    #expect(send("smtps://127.0.0.1:\(sink.port)", caFile: wrong.caFile).curlCode == 60, "another CA is not trusted")
    #expect(try sink.messages().count == 1)
  }
}
