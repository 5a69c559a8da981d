/// A running `scripts/smtp-sink`: a real SMTP server (aiosmtpd) on 127.0.0.1 that records each
/// message, with what Python's email parser reads in it, and answers as scripted.
///
/// ```swift
/// let sink = try SMTPSink.start(script: "451,250")
/// defer { sink.stop() }
/// // ... send to sink.url ...
/// let received = try sink.messages()
/// ```
public struct SMTPSink: Sendable {
  /// One message as the sink logged it at the end of DATA.
  public struct Message: Decodable, Equatable, Sendable {
    /// The envelope sender and recipients, as given in `MAIL FROM` and `RCPT TO`.
    public var mailFrom: String
    public var rcptTos: [String]
    /// The message as received, with SMTP's dot-stuffing removed.
    public var data: String
    /// Header fields in order, values decoded (RFC 2047 words become text).
    public var headers: [[String]]
    public var subject: String?
    /// The body as a mail reader shows it (transfer encoding undone).
    public var body: String?
    /// What the parser found wrong with the message; empty for a well-formed one.
    public var defects: [String]

    enum CodingKeys: String, CodingKey {
      case mailFrom = "mail_from"
      case rcptTos = "rcpt_tos"
      case data, headers, subject, body, defects
    }

    /// The decoded value of the first header of that name, matched without regard to case.
    public func header(_ name: String) -> String? {
      headers.first { $0.first?.lowercased() == name.lowercased() }?.last
    }
  }

  private let sink: SinkProcess

  /// The port the sink listens on.
  public var port: Int { sink.port }

  /// `smtp://127.0.0.1:PORT`.
  public var url: String { "smtp://127.0.0.1:\(port)" }

  /// Starts a sink answering with `script` (see `scripts/smtp-sink`: `250`, `451`, `550`,
  /// `rcpt=550[:ADDRESS]`, `hang`, `close`), and returns once it accepts connections.
  /// How the sink speaks TLS, with which certificate and key (see `TestCertificates`).
  public enum TLS: Sendable {
    /// Plain SMTP that offers STARTTLS.
    case starttls(cert: String, key: String)
    /// TLS from the first byte (`smtps://`).
    case smtps(cert: String, key: String)

    var arguments: [String] {
      switch self {
      case .starttls(let cert, let key): ["--tls-cert", cert, "--tls-key", key, "--tls-mode", "starttls"]
      case .smtps(let cert, let key): ["--tls-cert", cert, "--tls-key", key, "--tls-mode", "smtps"]
      }
    }
  }

  public static func start(script: String = "250", tls: TLS? = nil) throws -> SMTPSink {
    SMTPSink(sink: try SinkProcess.start("smtp-sink", script: script, extra: tls?.arguments ?? []))
  }

  /// The messages logged so far, oldest first. With `atLeast`, waits (boundedly) for that many.
  public func messages(atLeast minimum: Int = 0) throws -> [Message] {
    try sink.records(Message.self, atLeast: minimum)
  }

  /// Stops the sink and removes its files; safe to call more than once.
  public func stop() {
    sink.stop()
  }
}
