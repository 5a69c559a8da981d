public import FinishlineCore

/// One plain-text email to send; a plain value so delivery decisions can be tested without a
/// socket. The transport frames it with `MailFormat`.
public struct SMTPMessage: Sendable, Equatable {
  /// The sender's address: the envelope's `MAIL FROM` and the `From` header.
  public var from: String
  /// The recipients' addresses: one `RCPT TO` each, and the `To` header.
  public var to: [String]
  public var subject: String
  public var body: String
  /// The `Message-ID` (`<…@…>`), made with `MailFormat.messageID(key:from:)` from a key that
  /// is the same on every attempt, so mail systems can drop a resent duplicate; `nil` makes a
  /// random one for each attempt.
  public var messageID: String?

  public init(from: String, to: [String], subject: String, body: String, messageID: String? = nil) {
    self.from = from
    self.to = to
    self.subject = subject
    self.body = body
    self.messageID = messageID
  }
}

/// Where and how to hand one message to a mail server.
public struct SMTPRequest: Sendable, Equatable, CustomStringConvertible {
  /// `smtp://host:port` (STARTTLS when offered) or `smtps://host:port` (TLS from the start).
  public var url: String
  /// Credentials for SMTP AUTH; with them, a plain `smtp://` server must offer STARTTLS.
  public var username: String?
  public var password: String?
  /// Seconds allowed to establish the connection (including TLS).
  public var connectTimeout: Double
  /// Seconds allowed for the whole exchange, connection included.
  public var totalTimeout: Double
  /// The CA bundle to trust for STARTTLS or smtps; `nil`: the system's.
  public var caFile: String?

  public init(
    url: String, username: String? = nil, password: String? = nil, connectTimeout: Double,
    totalTimeout: Double, caFile: String? = nil
  ) {
    self.caFile = caFile
    self.url = url
    self.username = username
    self.password = password
    self.connectTimeout = connectTimeout
    self.totalTimeout = totalTimeout
  }

  /// Never shows the password, so interpolating a request into a log line cannot leak it.
  public var description: String {
    let credentials = username.map { ", user \($0)" } ?? ""
    let password = password == nil ? "" : ", password set"
    return "SMTPRequest(\(url)\(credentials)\(password), connect \(connectTimeout)s, total \(totalTimeout)s)"
  }
}

/// What happened on the wire for one message: the facts `AttemptOutcome.classify` turns into
/// delivered, terminal, transient or ambiguous.
public struct MailExchange: Sendable, Equatable {
  /// curl's result code; 0 means the server accepted the message.
  public var curlCode: Int
  /// curl's own explanation when `curlCode` is not 0 (it quotes the failing step's reply).
  public var curlError: String?
  /// The last SMTP reply code received (`CURLINFO_RESPONSE_CODE`), whichever step it answered;
  /// `nil` when the server never replied.
  public var smtpStatus: Int?
  /// Whether the whole message after `DATA` was handed to the connection. After a failure this
  /// separates "the server may have accepted it" (ambiguous) from "it cannot have" (transient).
  public var requestFullySent: Bool
  /// The names the server's certificate is issued for, when its name did not match.
  public var certificateNames: [String] = []

  public init(curlCode: Int, curlError: String? = nil, smtpStatus: Int? = nil, requestFullySent: Bool) {
    self.curlCode = curlCode
    self.curlError = curlError
    self.smtpStatus = smtpStatus
    self.requestFullySent = requestFullySent
  }

  /// The outcome for the delivery ledger (SPEC §6.2).
  public var outcome: AttemptOutcome { outcome(tls: nil) }

  /// The outcome, with the host and target a certificate failure names.
  public func outcome(tls: TLSContext?) -> AttemptOutcome {
    AttemptOutcome.classify(
      MailAttemptFacts(
        curlCode: curlCode, curlError: curlError, smtpStatus: smtpStatus, requestFullySent: requestFullySent,
        tls: tls.map { $0.withCertificateNames(certificateNames) }))
  }
}

/// The seam between delivery decisions and the mail server, so tests of those decisions can
/// answer with plain values. Synchronous for the same reason as `HTTPTransport`.
public protocol MailTransport: Sendable {
  /// Sends `message` once; never throws, because every failure is an outcome to classify.
  func send(_ message: SMTPMessage, via request: SMTPRequest) -> MailExchange
}
