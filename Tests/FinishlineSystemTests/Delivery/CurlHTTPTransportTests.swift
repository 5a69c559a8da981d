import TestSupport
import Testing

@testable import FinishlineSystem

/// The real libcurl transport against a real local HTTP server (`scripts/webhook-sink`): these
/// pin the facts the delivery rules depend on, above all `requestFullySent`.
@Suite(.timeLimit(.minutes(3))) struct CurlHTTPTransportTests {
  let transport = CurlHTTPTransport()

  func post(
    to url: String, body: String = #"{"text":"hello"}"#, totalTimeout: Double = 10
  ) -> HTTPExchange {
    transport.send(
      HTTPRequest(
        url: url,
        headers: [
          HTTPHeader(name: "Content-Type", value: "application/json"),
          HTTPHeader(name: "Idempotency-Key", value: "run-42/atvm"),
        ],
        body: Array(body.utf8),
        connectTimeout: 5,
        totalTimeout: totalTimeout
      ))
  }

  @Test func `a 200 answer is delivered with the body and headers the sink received`() throws {
    let sink = try WebhookSink.start(script: "200")
    defer { sink.stop() }

    let exchange = post(to: sink.url(path: "/hooks/abc"))

    #expect(
      exchange
        == HTTPExchange(
          curlCode: 0, httpStatus: 200, requestFullySent: true,
          responseSnippet: #"{"status": 200}"#))
    let received = try sink.requests()
    #expect(received.count == 1)
    #expect(received.first?.path == "/hooks/abc")
    #expect(received.first?.body == #"{"text":"hello"}"#)
    #expect(received.first?.header("Content-Type") == "application/json")
    #expect(received.first?.header("Idempotency-Key") == "run-42/atvm")
    #expect(received.first?.header("Expect") == nil)
  }

  @Test func `a large body arrives whole and without an Expect handshake`() throws {
    let sink = try WebhookSink.start()
    defer { sink.stop() }
    let body = String(repeating: "0123456789abcdef", count: 16_384)

    let exchange = post(to: sink.url(), body: body)

    #expect(exchange.httpStatus == 200)
    #expect(exchange.requestFullySent)
    let received = try sink.requests()
    #expect(received.first?.body == body)
    #expect(received.first?.header("Expect") == nil)
  }

  @Test func `an empty body still counts as fully sent`() throws {
    let sink = try WebhookSink.start()
    defer { sink.stop() }

    let exchange = post(to: sink.url(), body: "")

    #expect(exchange.httpStatus == 200)
    #expect(exchange.requestFullySent)
    #expect(try sink.requests().first?.body == "")
  }

  @Test func `a 500 answer is a status, not a curl error, after a full send`() throws {
    let sink = try WebhookSink.start(script: "500")
    defer { sink.stop() }

    let exchange = post(to: sink.url())

    #expect(exchange.curlCode == 0)
    #expect(exchange.curlError == nil)
    #expect(exchange.httpStatus == 500)
    #expect(exchange.requestFullySent)
  }

  @Test func `a 429 answer carries its Retry-After delay`() throws {
    let sink = try WebhookSink.start(script: "429:ra=1")
    defer { sink.stop() }

    let exchange = post(to: sink.url())

    #expect(exchange.httpStatus == 429)
    #expect(exchange.retryAfter == 1)
  }

  @Test func `each request gets the next scripted answer`() throws {
    let sink = try WebhookSink.start(script: "503,200")
    defer { sink.stop() }

    #expect(post(to: sink.url()).httpStatus == 503)
    #expect(post(to: sink.url()).httpStatus == 200)
    #expect(post(to: sink.url()).httpStatus == 200)
    #expect(try sink.requests().count == 3)
  }

  @Test func `a receiver that never answers times out after a full send, which is ambiguous`()
    throws
  {
    let sink = try WebhookSink.start(script: "hang")
    defer { sink.stop() }

    let exchange = post(to: sink.url(), totalTimeout: 0.5)

    #expect(exchange.curlCode == 28)
    #expect(exchange.curlError != nil)
    #expect(exchange.httpStatus == nil)
    #expect(exchange.requestFullySent)
    #expect(try sink.requests(atLeast: 1).first?.body == #"{"text":"hello"}"#)
  }

  @Test(arguments: ["", #"{"text":"hello"}"#])
  func `a refused connection sent nothing, which is transient`(body: String) throws {
    let exchange = post(to: "http://127.0.0.1:\(try LocalPort.unused())/hook", body: body)

    #expect(exchange.curlCode == 7)
    #expect(exchange.curlError != nil)
    #expect(exchange.httpStatus == nil)
    #expect(!exchange.requestFullySent)
  }

  @Test func `a connection closed without an answer after a full send is a curl error`() throws {
    let sink = try WebhookSink.start(script: "close")
    defer { sink.stop() }

    let exchange = post(to: sink.url())

    #expect(exchange.curlCode != 0)
    #expect(exchange.curlError != nil)
    #expect(exchange.httpStatus == nil)
    #expect(exchange.requestFullySent)
  }

  @Test func `schemes other than http and https are refused before anything is sent`() {
    let exchange = post(to: "file:///etc/passwd")

    #expect(exchange.curlCode == 1)
    #expect(!exchange.requestFullySent)
    #expect(exchange.responseSnippet == "")
  }
}
