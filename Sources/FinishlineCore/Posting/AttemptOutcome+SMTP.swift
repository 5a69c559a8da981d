/// The facts about one SMTP attempt that decide its outcome, independent of libcurl.
public struct MailAttemptFacts: Sendable, Equatable {
  /// libcurl's result code; 0 = the server accepted the message with its final reply.
  public var curlCode: Int
  public var curlError: String?
  /// The last SMTP reply code received (libcurl's `CURLINFO_RESPONSE_CODE`); `nil` when none.
  public var smtpStatus: Int?
  /// The whole message was handed to the connection: after this, silence is ambiguous.
  public var requestFullySent: Bool
  /// The host, target and CA bundle of the attempt, for the hint of a certificate failure.
  public var tls: TLSContext?

  public init(
    curlCode: Int, curlError: String? = nil, smtpStatus: Int?, requestFullySent: Bool, tls: TLSContext? = nil
  ) {
    self.tls = tls
    self.curlCode = curlCode
    self.curlError = curlError
    self.smtpStatus = smtpStatus
    self.requestFullySent = requestFullySent
  }
}

extension AttemptOutcome {
  /// Classifies an SMTP attempt (SPEC §6.2): a 4xx reply is transient and a 5xx terminal, at
  /// whichever step it came (greeting, AUTH, MAIL, RCPT, DATA or the end of data). Without one,
  /// a failure before the message was completely sent is transient, and one after it ambiguous.
  ///
  /// Unlike HTTP, a 2xx reply is not an answer about the message: the server says 250 to every
  /// step, so a "250" from RCPT followed by a dropped connection is not a delivery. Only
  /// libcurl's success, which needs 250 after the end of data, is.
  public static func classify(_ facts: MailAttemptFacts) -> AttemptOutcome {
    let detail = "curl error \(facts.curlCode): \(facts.curlError ?? "no detail")"
    if let status = facts.smtpStatus {
      switch status {
      case 400..<500: return .transient(detail: "SMTP \(status): \(detail)", retryAfter: nil)
      case 500..<600: return .terminal(detail: "SMTP \(status): \(detail)")
      default: break
      }
    }
    if let refused = CertificateFailure.outcome(curlCode: facts.curlCode, curlError: facts.curlError, tls: facts.tls) {
      return refused
    }
    if facts.curlCode == 0 {
      guard let status = facts.smtpStatus, (200..<300).contains(status) else {
        return .ambiguous(detail: "transfer ended without the server accepting the message")
      }
      return .delivered
    }
    if refusedMessageCodes.contains(facts.curlCode) {
      return .terminal(detail: detail + " (URL or address rejected)")
    }
    guard facts.requestFullySent else { return .transient(detail: detail, retryAfter: nil) }
    return .ambiguous(detail: detail + " after the message was completely sent")
  }

  /// libcurl codes meaning the message cannot be sent as configured: an unusable URL, or (43)
  /// an address finishline refused to hand to curl because it would break the SMTP dialogue.
  static let refusedMessageCodes = rejectedURLCodes.union([43])
}
