internal import FinishlineCore
internal import FoundationEssentials

/// Sends email through libcurl's SMTP client, reporting what happened on the wire in enough
/// detail for the delivery rules to tell delivered, rejected, retryable and ambiguous apart.
///
/// Deliberate choices: only smtp and smtps are allowed, so a URL cannot reach another scheme.
/// On `smtp://` STARTTLS is used when the server offers it, as the spec asks; that is
/// opportunistic (someone on the path can hide the offer), so when credentials are configured
/// TLS is required instead, and a password never crosses the network in the clear. TLS peer and
/// host verification stay at curl's secure defaults. If any recipient is refused, curl ends the
/// transaction before `DATA`, so a message reaches all recipients or none and a retry cannot
/// repeat it for some. libcurl dot-stuffs the upload and ends it with `CRLF.CRLF` itself. The
/// connection is dropped without `QUIT` once the transfer ends, so a server that stops answering
/// cannot hold the invocation past `totalTimeout` (see `CurlEasy.dropConnection`).
public struct CurlSMTPTransport: MailTransport {
  public init() {}

  public func send(_ message: SMTPMessage, via request: SMTPRequest) -> MailExchange {
    let messageID =
      message.messageID ?? MailFormat.messageID(key: UUID().uuidString.lowercased(), from: message.from)
    let content = MailFormat.message(
      from: message.from, to: message.to, subject: message.subject, body: message.body, date: Date(),
      messageID: messageID)
    let easy: CurlEasy
    do {
      easy = try CurlEasy()
      try configure(easy, for: request, from: message.from, to: message.to, content: content)
    } catch {
      return MailExchange(curlCode: error.code, curlError: error.message, requestFullySent: false)
    }
    var failure: CurlError?
    do {
      try easy.perform()
    } catch {
      failure = error
    }
    easy.dropConnection()
    var exchange = MailExchange(
      curlCode: failure?.code ?? 0,
      curlError: failure?.message,
      smtpStatus: easy.responseCode,
      // Every byte of the message went to the connection: from here on the server may accept it,
      // whatever happens to its answer. (curl's count includes the dots it adds, hence >=.)
      requestFullySent: easy.uploadedBodyBytes >= content.count
    )
    exchange.certificateNames = easy.certificateNames(after: failure)
    return exchange
  }

  private func configure(
    _ easy: CurlEasy, for request: SMTPRequest, from sender: String, to recipients: [String], content: [UInt8]
  ) throws(CurlError) {
    try easy.set(.url, request.url)
    try easy.set(.allowedProtocols, "smtp,smtps")
    try easy.setTimeouts(connect: request.connectTimeout, total: request.totalTimeout)
    if let caFile = request.caFile { try easy.set(.caFile, caFile) }
    let hasCredentials = request.username != nil || request.password != nil
    try easy.setMailTLS(hasCredentials ? .required : .whenOffered)
    if let username = request.username { try easy.set(.username, username) }
    if let password = request.password { try easy.set(.password, password) }
    // The envelope takes bare addresses; the headers keep display names as configured.
    try easy.setMailEnvelope(
      from: MailAddress.envelope(of: sender), to: recipients.map(MailAddress.envelope(of:)))
    try easy.setUpload(content)
  }
}
