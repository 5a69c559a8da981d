internal import FoundationEssentials

/// Posts webhook messages through libcurl, reporting what happened on the wire in enough detail
/// for the delivery rules to tell delivered, rejected, retryable and ambiguous apart.
///
/// Deliberate choices: TLS peer and host verification stay at curl's secure defaults; redirects
/// are not followed (a webhook URL that redirects is misconfigured, so its 3xx is reported);
/// only http and https are allowed, so a URL cannot reach file:// or other schemes; and
/// `Expect: 100-continue` is suppressed, since waiting for a go-ahead only adds a delay.
/// Callers name their `Content-Type`: without one, curl labels the body as form data.
public struct CurlHTTPTransport: HTTPTransport {
  public init() {}

  public func send(_ request: HTTPRequest) -> HTTPExchange {
    let easy: CurlEasy
    do {
      easy = try CurlEasy()
      try configure(easy, for: request)
    } catch {
      return HTTPExchange(curlCode: error.code, curlError: error.message, requestFullySent: false)
    }
    var failure: CurlError?
    do {
      try easy.perform()
    } catch {
      failure = error
    }
    let now = Date().timeIntervalSince1970
    let retryAfter = easy.responseHeaders.last { $0.name.lowercased() == "retry-after" }
      .flatMap { RetryAfter.seconds(fromHeaderValue: $0.value, now: now) }
    var exchange = HTTPExchange(
      curlCode: failure?.code ?? 0,
      curlError: failure?.message,
      httpStatus: easy.responseCode,
      // Headers went out and every body byte was handed to the connection: from here on the
      // receiver may have acted on the request, whatever happens to the answer.
      requestFullySent: easy.requestHeaderBytes > 0 && easy.uploadedBodyBytes == request.body.count,
      retryAfter: retryAfter,
      responseSnippet: String(decoding: easy.responseBody, as: UTF8.self)
    )
    exchange.certificateNames = easy.certificateNames(after: failure)
    return exchange
  }

  private func configure(_ easy: CurlEasy, for request: HTTPRequest) throws(CurlError) {
    try easy.set(.url, request.url)
    try easy.set(.allowedProtocols, "http,https")
    try easy.setTimeouts(connect: request.connectTimeout, total: request.totalTimeout)
    if let caFile = request.caFile { try easy.set(.caFile, caFile) }
    // "Expect:" with no value removes the header curl would add to larger bodies.
    try easy.setHeaderLines(request.headers.map(Self.headerLine) + ["Expect:"])
    switch request.method {
    case .post: try easy.setPostBody(request.body)
    case .get: try easy.setGet()
    }
    try easy.captureResponse(bodyLimit: request.responseLimit)
  }

  /// curl reads "Name:" as "remove this header", so an empty value is written "Name;".
  private static func headerLine(_ header: HTTPHeader) -> String {
    header.value.isEmpty ? "\(header.name);" : "\(header.name): \(header.value)"
  }
}
