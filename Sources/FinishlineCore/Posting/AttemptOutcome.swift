/// The facts about one HTTP attempt that decide its outcome, independent of libcurl.
public struct AttemptFacts: Sendable, Equatable {
  /// libcurl's result code; 0 = the transfer completed, whatever the HTTP status.
  public var curlCode: Int
  public var curlError: String?
  public var httpStatus: Int?
  /// The whole request reached the wire: after this, silence is ambiguous, not transient.
  public var requestFullySent: Bool
  public var retryAfter: Double?
  /// The host, target and CA bundle of the attempt, for the hint of a certificate failure.
  public var tls: TLSContext?

  public init(
    curlCode: Int, curlError: String? = nil, httpStatus: Int?, requestFullySent: Bool,
    retryAfter: Double? = nil, tls: TLSContext? = nil
  ) {
    self.tls = tls
    self.curlCode = curlCode
    self.curlError = curlError
    self.httpStatus = httpStatus
    self.requestFullySent = requestFullySent
    self.retryAfter = retryAfter
  }
}

/// What one attempt means for the exactly-once ledger (SPEC §6.2).
public enum AttemptOutcome: Sendable, Equatable {
  case delivered
  /// Worth retrying: the receiver did not act on it, or asked us to come back.
  case transient(detail: String, retryAfter: Double?)
  /// The receiver will always refuse it; retrying is load, not resilience.
  case terminal(detail: String)
  /// It may have been acted on; resending could post twice.
  case ambiguous(detail: String)

  /// Classifies an attempt. The order matters: an HTTP answer outranks a later read error.
  public static func classify(_ facts: AttemptFacts) -> AttemptOutcome {
    if let status = facts.httpStatus, status >= 200 {
      return classify(status: status, retryAfter: facts.retryAfter)
    }
    if facts.curlCode == 0 {
      return .ambiguous(detail: "transfer ended without an HTTP status")
    }
    if let refused = CertificateFailure.outcome(curlCode: facts.curlCode, curlError: facts.curlError, tls: facts.tls) {
      return refused
    }
    let detail = "curl error \(facts.curlCode): \(facts.curlError ?? "no detail")"
    if rejectedURLCodes.contains(facts.curlCode) { return .terminal(detail: detail + " (URL rejected)") }
    guard facts.requestFullySent else { return .transient(detail: detail, retryAfter: nil) }
    return .ambiguous(detail: detail + " after the request was completely sent")
  }

  static func classify(status: Int, retryAfter: Double?) -> AttemptOutcome {
    switch status {
    case 200..<300: return .delivered
    case 408, 425, 429, 500..<600:
      return .transient(detail: "HTTP \(status)", retryAfter: retryAfter)
    case 300..<400:
      return .terminal(detail: "HTTP \(status): the webhook redirects; configure its final URL")
    default:
      return .terminal(detail: "HTTP \(status)")
    }
  }

  /// libcurl codes meaning the URL itself is unusable: 1 unsupported protocol, 3 malformed.
  static let rejectedURLCodes: Set<Int> = [1, 3]

  public var recorded: DeliveryRecord.Outcome {
    switch self {
    case .delivered: .delivered
    case .transient: .transientFailure
    case .terminal: .terminalFailure
    case .ambiguous: .ambiguous
    }
  }

  public var detail: String? {
    switch self {
    case .delivered: nil
    case .transient(let detail, _), .terminal(let detail), .ambiguous(let detail): detail
    }
  }
}
