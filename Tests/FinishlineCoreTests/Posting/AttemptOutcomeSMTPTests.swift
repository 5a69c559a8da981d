import Testing

@testable import FinishlineCore

/// SPEC §6.2 for email: which SMTP attempts are delivered, retried, given up or flagged.
@Suite("SMTP delivery outcomes")
struct AttemptOutcomeSMTPTests {
  static func facts(_ curlCode: Int, _ status: Int?, sent: Bool) -> MailAttemptFacts {
    MailAttemptFacts(curlCode: curlCode, smtpStatus: status, requestFullySent: sent)
  }

  static let cases: [(String, MailAttemptFacts, DeliveryRecord.Outcome)] = [
    ("250 after the end of data is delivered", facts(0, 250, sent: true), .delivered),
    ("451 after the end of data is transient", facts(8, 451, sent: true), .transientFailure),
    ("452 insufficient storage is transient", facts(8, 452, sent: true), .transientFailure),
    ("421 at the greeting is transient", facts(8, 421, sent: false), .transientFailure),
    ("450 to a recipient is transient", facts(55, 450, sent: false), .transientFailure),
    ("550 after the end of data is terminal", facts(8, 550, sent: true), .terminalFailure),
    ("550 to a recipient is terminal", facts(55, 550, sent: false), .terminalFailure),
    ("553 to the sender is terminal", facts(55, 553, sent: false), .terminalFailure),
    ("535 to AUTH is terminal", facts(67, 535, sent: false), .terminalFailure),
    ("554 at the greeting is terminal", facts(8, 554, sent: false), .terminalFailure),
    ("a refused connection is transient", facts(7, nil, sent: false), .transientFailure),
    ("a DNS failure is transient", facts(6, nil, sent: false), .transientFailure),
    ("a connect timeout is transient", facts(28, nil, sent: false), .transientFailure),
    ("a TLS handshake failure is transient", facts(35, nil, sent: false), .transientFailure),
    ("STARTTLS required but not offered is transient", facts(64, 250, sent: false), .transientFailure),
    ("a 250 to RCPT then a dropped connection is transient", facts(55, 250, sent: false), .transientFailure),
    ("354 then a reset while sending data is transient", facts(55, 354, sent: false), .transientFailure),
    ("silence after the whole message is ambiguous", facts(28, 354, sent: true), .ambiguous),
    ("a dropped connection after the whole message is ambiguous", facts(56, 354, sent: true), .ambiguous),
    ("curl success without an acceptance is ambiguous", facts(0, nil, sent: true), .ambiguous),
    ("an unsupported scheme is terminal", facts(1, nil, sent: false), .terminalFailure),
    ("a malformed URL is terminal", facts(3, nil, sent: false), .terminalFailure),
    ("an address that would break the dialogue is terminal", facts(43, nil, sent: false), .terminalFailure),
  ]

  @Test(arguments: cases)
  func `classification`(_ name: String, _ facts: MailAttemptFacts, _ expected: DeliveryRecord.Outcome) {
    #expect(AttemptOutcome.classify(facts).recorded == expected, "\(name)")
  }

  @Test func `a refusal names the reply code and curl's words`() {
    let outcome = AttemptOutcome.classify(
      MailAttemptFacts(curlCode: 55, curlError: "RCPT failed: 550", smtpStatus: 550, requestFullySent: false))
    #expect(outcome == .terminal(detail: "SMTP 550: curl error 55: RCPT failed: 550"))
  }

  @Test func `a transient SMTP refusal carries no Retry-After`() {
    let outcome = AttemptOutcome.classify(Self.facts(8, 451, sent: true))
    guard case .transient(_, let retryAfter) = outcome else {
      Issue.record("expected transient, got \(outcome)")
      return
    }
    #expect(retryAfter == nil)
  }
}
