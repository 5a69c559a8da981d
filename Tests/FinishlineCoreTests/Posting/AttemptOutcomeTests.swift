import Testing

@testable import FinishlineCore

@Suite("delivery outcomes")
struct AttemptOutcomeTests {
  static let cases: [(String, AttemptFacts, DeliveryRecord.Outcome)] = [
    ("200 is delivered", AttemptFacts(curlCode: 0, httpStatus: 200, requestFullySent: true), .delivered),
    ("204 is delivered", AttemptFacts(curlCode: 0, httpStatus: 204, requestFullySent: true), .delivered),
    ("500 is transient", AttemptFacts(curlCode: 0, httpStatus: 500, requestFullySent: true), .transientFailure),
    ("503 is transient", AttemptFacts(curlCode: 0, httpStatus: 503, requestFullySent: true), .transientFailure),
    ("408 is transient", AttemptFacts(curlCode: 0, httpStatus: 408, requestFullySent: true), .transientFailure),
    ("425 is transient", AttemptFacts(curlCode: 0, httpStatus: 425, requestFullySent: true), .transientFailure),
    ("429 is transient", AttemptFacts(curlCode: 0, httpStatus: 429, requestFullySent: true), .transientFailure),
    ("400 is terminal", AttemptFacts(curlCode: 0, httpStatus: 400, requestFullySent: true), .terminalFailure),
    ("404 is terminal", AttemptFacts(curlCode: 0, httpStatus: 404, requestFullySent: true), .terminalFailure),
    ("413 is terminal", AttemptFacts(curlCode: 0, httpStatus: 413, requestFullySent: true), .terminalFailure),
    ("a redirect is terminal", AttemptFacts(curlCode: 0, httpStatus: 301, requestFullySent: true), .terminalFailure),
    (
      "a refused connection is transient", AttemptFacts(curlCode: 7, httpStatus: nil, requestFullySent: false),
      .transientFailure
    ),
    (
      "a DNS failure is transient", AttemptFacts(curlCode: 6, httpStatus: nil, requestFullySent: false),
      .transientFailure
    ),
    (
      "a connect timeout is transient", AttemptFacts(curlCode: 28, httpStatus: nil, requestFullySent: false),
      .transientFailure
    ),
    (
      "a TLS handshake failure is transient", AttemptFacts(curlCode: 35, httpStatus: nil, requestFullySent: false),
      .transientFailure
    ),
    (
      "a reset while sending is transient", AttemptFacts(curlCode: 55, httpStatus: nil, requestFullySent: false),
      .transientFailure
    ),
    (
      "a timeout after sending is ambiguous", AttemptFacts(curlCode: 28, httpStatus: nil, requestFullySent: true),
      .ambiguous
    ),
    (
      "a dropped connection after sending is ambiguous",
      AttemptFacts(curlCode: 52, httpStatus: nil, requestFullySent: true), .ambiguous
    ),
    (
      "a malformed URL is terminal", AttemptFacts(curlCode: 3, httpStatus: nil, requestFullySent: false),
      .terminalFailure
    ),
    (
      "an answer outranks a later read error", AttemptFacts(curlCode: 56, httpStatus: 200, requestFullySent: true),
      .delivered
    ),
  ]

  @Test(arguments: cases)
  func `classification`(_ name: String, _ facts: AttemptFacts, _ expected: DeliveryRecord.Outcome) {
    #expect(AttemptOutcome.classify(facts).recorded == expected, "\(name)")
  }

  @Test func `retry after is carried to the retry loop`() {
    let outcome = AttemptOutcome.classify(
      AttemptFacts(curlCode: 0, httpStatus: 429, requestFullySent: true, retryAfter: 1))
    #expect(outcome == .transient(detail: "HTTP 429", retryAfter: 1))
  }

  @Test(arguments: [(1, 0.5, 0.5), (2, 0.5, 1.0), (3, 1.0, 4.0), (10, 1.0, 30.0), (1, 0.0, 0.0)])
  func `backoff is exponential with full jitter`(attempt: Int, unit: Double, expected: Double) {
    #expect(RetryPolicy().delay(afterAttempt: attempt, retryAfter: nil, unit: unit) == expected)
  }

  @Test func `retry after is a floor for the wait`() {
    #expect(RetryPolicy().delay(afterAttempt: 1, retryAfter: 3, unit: 0.1) == 3)
  }
}

/// A certificate that does not verify is terminal, with its cause and the fix.
@Suite("certificate failures")
struct CertificateFailureTests {
  static let tls = TLSContext(host: "chat.example.com", target: "atvm", caFile: nil)

  @Test(
    arguments: [
      ("SSL certificate problem: certificate has expired", "expired"),
      ("SSL certificate problem: unable to get local issuer certificate", "unknown issuer"),
      ("SSL certificate problem: self-signed certificate", "self-signed, unknown issuer"),
      ("SSL: no alternative certificate subject name matches target host name 'chat.example.com'", "wrong name"),
      ("SSL certificate problem: certificate is not yet valid", "not yet valid"),
      ("something else", "refused"),
    ])
  func `OpenSSL's words become a cause an operator reads`(text: String, cause: String) {
    #expect(CertificateFailure.Cause(curlCode: 60, text: text).rawValue == cause)
  }

  @Test func `an unreadable CA bundle is named by its code`() {
    #expect(CertificateFailure.Cause(curlCode: 77, text: "error setting certificate file") == .caBundleUnreadable)
  }

  @Test(arguments: [58, 60, 77, 83, 90, 91])
  func `certificate codes are terminal`(code: Int) {
    let outcome = AttemptOutcome.classify(
      AttemptFacts(
        curlCode: code, curlError: "SSL certificate problem: x", httpStatus: nil, requestFullySent: false, tls: Self.tls
      ))
    guard case .terminal(let detail) = outcome else {
      Issue.record("curl \(code) is terminal, got \(outcome)")
      return
    }
    #expect(detail.hasPrefix("TLS certificate of chat.example.com does not verify"), "\(detail)")
  }

  @Test func `a handshake that fails for another reason is still transient`() {
    let outcome = AttemptOutcome.classify(
      AttemptFacts(
        curlCode: 35, curlError: "SSL connect error", httpStatus: nil, requestFullySent: false, tls: Self.tls))
    #expect(outcome.recorded == .transientFailure)
  }

  @Test func `the fix fits the cause`() {
    #expect(
      CertificateFailure.fix(for: .unknownIssuer, tls: Self.tls).contains(
        "set `ca_file = \"/path/to/ca.pem\"` on target atvm"))
    #expect(CertificateFailure.fix(for: .expired, tls: Self.tls).contains("must be renewed"))
    #expect(CertificateFailure.fix(for: .wrongName, tls: Self.tls).contains("not for chat.example.com"))
  }

  @Test func `a wrong name says which names the certificate is for`() {
    let tls = Self.tls.withCertificateNames(["mattermost.internal", "chat.internal"])
    #expect(
      CertificateFailure.fix(for: .wrongName, tls: tls)
        == "the certificate is issued for mattermost.internal, chat.internal, not chat.example.com: use one"
        + " of those names in the URL, or have the certificate reissued for chat.example.com")
  }

  @Test(
    arguments: [
      (
        nil, "DNS:shop.internal, DNS:*.shop.internal, IP Address:127.0.0.1",
        ["shop.internal", "*.shop.internal", "127.0.0.1"]
      ),
      ("CN = shop.internal, O = Shop", nil, ["shop.internal"]),
      ("/O=Shop/CN=legacy.internal", "", ["legacy.internal"]),
      ("CN = ignored", "DNS:used.internal", ["used.internal"]),
      ("O = Shop", "email:ops@example.com", []),
      (nil, nil, []),
    ] as [(String?, String?, [String])])
  func `the names a certificate is issued for: its alternative names, else its common name`(
    subject: String?, alternatives: String?, names: [String]
  ) {
    #expect(CertificateNames.parse(subject: subject, alternativeNames: alternatives) == names)
  }
}
