/// A running `scripts/webhook-sink`: a real HTTP server on 127.0.0.1 that records what it
/// receives and answers as scripted, so transport and end-to-end tests exercise real sockets.
///
/// ```swift
/// let sink = try WebhookSink.start(script: "500,200")
/// defer { sink.stop() }
/// // ... post to sink.url(path: "/hook") ...
/// let received = try sink.requests()
/// ```
public struct WebhookSink: Sendable {
  /// One request as the sink logged it.
  public struct Request: Decodable, Equatable, Sendable {
    public var path: String
    public var headers: [String: String]
    public var body: String

    /// The value of a header, matched without regard to case as HTTP does.
    public func header(_ name: String) -> String? {
      headers.first { $0.key.lowercased() == name.lowercased() }?.value
    }
  }

  private let sink: SinkProcess

  /// The port the sink listens on.
  public var port: Int { sink.port }

  /// Starts a sink answering with `script` (see `scripts/webhook-sink`), and returns once it
  /// accepts connections.
  /// - Parameter port: 0 for any free port, or a port to listen on (to come up where a
  ///   client earlier found nothing listening).
  /// - Parameter getBody: the JSON answered to every GET (an API lookup).
  /// - Parameter tls: serve HTTPS with this certificate and key (see `TestCertificates`).
  public static func start(
    script: String = "200", port: Int = 0, getBody: String = "{}", tls: (cert: String, key: String)? = nil
  ) throws -> WebhookSink {
    let tlsArguments = tls.map { ["--tls-cert", $0.cert, "--tls-key", $0.key] } ?? []
    return WebhookSink(
      sink: try SinkProcess.start(
        "webhook-sink", script: script, port: port, extra: ["--get-body", getBody] + tlsArguments),
      scheme: tls == nil ? "http" : "https")
  }

  private let scheme: String

  private init(sink: SinkProcess, scheme: String) {
    self.sink = sink
    self.scheme = scheme
  }

  /// An `http://127.0.0.1:PORT/...` (or `https://`) URL on this sink; `host` names it otherwise.
  public func url(path: String = "/hook", host: String = "127.0.0.1") -> String {
    "\(scheme)://\(host):\(port)\(path.hasPrefix("/") ? path : "/" + path)"
  }

  /// The requests logged so far, oldest first. With `atLeast`, waits (boundedly) for that many,
  /// for answers such as `hang` where the client may finish before the sink's log write.
  public func requests(atLeast minimum: Int = 0) throws -> [Request] {
    try sink.records(Request.self, atLeast: minimum)
  }

  /// Stops the sink and removes its files; safe to call more than once.
  public func stop() {
    sink.stop()
  }
}
