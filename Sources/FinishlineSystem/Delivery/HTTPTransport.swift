public import FinishlineCore

/// One HTTP header line of a request, in the order it is sent.
public struct HTTPHeader: Sendable, Equatable {
  public var name: String
  public var value: String

  public init(name: String, value: String) {
    self.name = name
    self.value = value
  }
}

/// Everything needed to POST one webhook message; a plain value so decisions can be tested
/// without a socket.
public struct HTTPRequest: Sendable, Equatable {
  public var url: String
  public var headers: [HTTPHeader]
  public var body: [UInt8]
  /// Seconds allowed to establish the connection (including TLS).
  public var connectTimeout: Double
  /// Seconds allowed for the whole exchange, connection included.
  public var totalTimeout: Double
  /// `POST` for messages; `GET` for API lookups (no body is sent).
  public var method: Method = .post
  /// Response bytes kept: enough to show in a log why a receiver refused a message, or a
  /// whole (small) API answer.
  public var responseLimit = 512
  /// The CA bundle to trust (a target's `ca_file`, or `CURL_CA_BUNDLE`); `nil`: the system's.
  public var caFile: String?

  public enum Method: Sendable, Equatable {
    case post
    case get
  }

  public init(
    url: String,
    headers: [HTTPHeader] = [],
    body: [UInt8],
    connectTimeout: Double,
    totalTimeout: Double
  ) {
    self.url = url
    self.headers = headers
    self.body = body
    self.connectTimeout = connectTimeout
    self.totalTimeout = totalTimeout
  }
}

/// What happened on the wire for one request: the facts the delivery rules classify into
/// delivered, terminal, transient or ambiguous.
public struct HTTPExchange: Sendable, Equatable {
  /// curl's result code; 0 means the transfer completed, whatever the HTTP status.
  public var curlCode: Int
  /// curl's own explanation when `curlCode` is not 0.
  public var curlError: String?
  /// The final response's status; `nil` when no status line arrived.
  public var httpStatus: Int?
  /// Whether the request, body included, was handed to the connection in full. After a failure
  /// this separates "the receiver may have acted on it" (ambiguous) from "it cannot have"
  /// (transient).
  public var requestFullySent: Bool
  /// Seconds the receiver asked us to wait, from a `Retry-After` header.
  public var retryAfter: Double?
  /// The start of the response body, for logs.
  public var responseSnippet: String
  /// The names the server's certificate is issued for, when its name did not match.
  public var certificateNames: [String] = []

  public init(
    curlCode: Int,
    curlError: String? = nil,
    httpStatus: Int? = nil,
    requestFullySent: Bool,
    retryAfter: Double? = nil,
    responseSnippet: String = ""
  ) {
    self.curlCode = curlCode
    self.curlError = curlError
    self.httpStatus = httpStatus
    self.requestFullySent = requestFullySent
    self.retryAfter = retryAfter
    self.responseSnippet = responseSnippet
  }
}

extension HTTPExchange {
  /// The outcome for the delivery ledger (SPEC §6.2), with the host and target a certificate
  /// failure names.
  public func outcome(tls: TLSContext?) -> AttemptOutcome {
    var facts = AttemptFacts(
      curlCode: curlCode, curlError: curlError, httpStatus: httpStatus, requestFullySent: requestFullySent,
      retryAfter: retryAfter)
    facts.tls = tls.map { $0.withCertificateNames(certificateNames) }
    return AttemptOutcome.classify(facts)
  }
}

/// The seam between delivery decisions and the network, so tests of those decisions can answer
/// with plain values.
///
/// Synchronous on purpose: one invocation posts a handful of messages and exits, so there is
/// nothing to overlap and no event loop to own.
public protocol HTTPTransport: Sendable {
  /// Sends `request` once; never throws, because every failure is an outcome to classify.
  func send(_ request: HTTPRequest) -> HTTPExchange
}
