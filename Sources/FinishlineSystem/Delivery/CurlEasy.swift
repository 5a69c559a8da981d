internal import CCurl

/// Owns one libcurl easy handle and everything curl borrows from it (error buffer, header
/// list), so all of it is released together when the transfer object goes away.
///
/// This is the only file that sees libcurl's C types; callers speak in the Swift options below.
/// One instance serves one transfer on one thread, which is all a single-shot CLI needs.
final class CurlEasy {
  /// Options that take a whole number.
  enum NumberOption {
    case connectTimeoutMilliseconds
    case timeoutMilliseconds

    fileprivate var curlOption: CURLoption {
      switch self {
      case .connectTimeoutMilliseconds: CURLOPT_CONNECTTIMEOUT_MS
      case .timeoutMilliseconds: CURLOPT_TIMEOUT_MS
      }
    }
  }

  /// Options that take text; curl keeps its own copy.
  enum TextOption {
    case url
    /// Comma-separated scheme names curl may use, e.g. "http,https".
    case allowedProtocols

    fileprivate var curlOption: CURLoption {
      switch self {
      case .url: CURLOPT_URL
      case .allowedProtocols: CURLOPT_PROTOCOLS_STR
      }
    }
  }

  /// libcurl's version line, e.g. "libcurl/7.88.1 OpenSSL/3.0.11 zlib/1.2.13".
  static var version: String { String(cString: curl_version()) }

  /// `curl_global_init` must run once before any handle (older libcurls are not thread-safe
  /// about it) and spends milliseconds starting TLS, while most invocations never touch the
  /// network: a static runs it once, on the first handle, under Swift's thread-safe lazy
  /// initialisation.
  private static let globalInitCode = Int(curl_global_init(Int(CURL_GLOBAL_DEFAULT)).rawValue)

  private let handle: UnsafeMutableRawPointer
  private let errorBuffer: UnsafeMutablePointer<CChar>
  private var headerList: UnsafeMutablePointer<curl_slist>?
  private var bodyLimit = 0

  /// The start of the response body, at most the limit given to `captureResponse`.
  private(set) var responseBody: [UInt8] = []
  /// Header fields of the last response received (an interim `100 Continue` is forgotten).
  private(set) var responseHeaders: [HTTPHeader] = []

  init() throws(CurlError) {
    if Self.globalInitCode != Int(CURLE_OK.rawValue) {
      throw CurlError(code: Self.globalInitCode, message: "curl_global_init failed")
    }
    guard let handle = curl_easy_init() else {
      throw CurlError(code: Int(CURLE_FAILED_INIT.rawValue), message: "curl_easy_init failed")
    }
    self.handle = handle
    errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
    errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    // Without NOSIGNAL curl uses SIGALRM for DNS timeouts, which is unsafe in a threaded process.
    try check(ccurl_setopt_long(handle, CURLOPT_NOSIGNAL, 1), setting: "NOSIGNAL")
    try check(
      ccurl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer), setting: "ERRORBUFFER")
  }

  deinit {
    // The handle may still point at the list and the buffer, so it goes first.
    curl_easy_cleanup(handle)
    curl_slist_free_all(headerList)
    errorBuffer.deallocate()
  }

  func set(_ option: NumberOption, _ value: Int) throws(CurlError) {
    try check(ccurl_setopt_long(handle, option.curlOption, value), setting: "\(option)")
  }

  func set(_ option: TextOption, _ value: String) throws(CurlError) {
    let code = value.withCString { ccurl_setopt_string(handle, option.curlOption, $0) }
    try check(code, setting: "\(option)")
  }

  /// Replaces the request header lines, each sent exactly as given ("Name: value").
  func setHeaderLines(_ lines: [String]) throws(CurlError) {
    var list: UnsafeMutablePointer<curl_slist>?
    for line in lines {
      guard let extended = curl_slist_append(list, line) else {
        curl_slist_free_all(list)
        throw CurlError(
          code: Int(CURLE_OUT_OF_MEMORY.rawValue), message: "could not build the header list")
      }
      list = extended
    }
    do {
      try check(ccurl_setopt_slist(handle, CURLOPT_HTTPHEADER, list), setting: "HTTPHEADER")
    } catch {
      curl_slist_free_all(list)
      throw error
    }
    curl_slist_free_all(headerList)
    headerList = list
  }

  /// Makes the transfer a POST of exactly these bytes; curl copies them, so the array need not
  /// outlive the call.
  func setPostBody(_ body: [UInt8]) throws(CurlError) {
    // The size must be set before the copy, or curl would stop at the first zero byte.
    let size = curl_off_t(body.count)
    try check(
      ccurl_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, size), setting: "POSTFIELDSIZE")
    let code = body.withUnsafeBytes { bytes in
      // An empty array may have no storage; curl still needs a real pointer for an empty POST.
      guard let start = bytes.baseAddress else {
        return ccurl_setopt_string(handle, CURLOPT_COPYPOSTFIELDS, "")
      }
      return ccurl_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, .init(mutating: start))
    }
    try check(code, setting: "COPYPOSTFIELDS")
  }

  /// Keeps the response headers and the first `bodyLimit` bytes of the body; the rest of the
  /// body is read and dropped, since only the start is worth logging.
  func captureResponse(bodyLimit: Int) throws(CurlError) {
    self.bodyLimit = bodyLimit
    // The handle never outlives `self`, so curl may hold an unretained reference to it.
    let context = Unmanaged.passUnretained(self).toOpaque()
    try check(
      ccurl_setopt_write_callback(handle, CURLOPT_WRITEFUNCTION, curlEasyReceiveBody),
      setting: "WRITEFUNCTION")
    try check(ccurl_setopt_pointer(handle, CURLOPT_WRITEDATA, context), setting: "WRITEDATA")
    try check(
      ccurl_setopt_header_callback(handle, CURLOPT_HEADERFUNCTION, curlEasyReceiveHeader),
      setting: "HEADERFUNCTION")
    try check(ccurl_setopt_pointer(handle, CURLOPT_HEADERDATA, context), setting: "HEADERDATA")
  }

  /// Runs the transfer to its end; HTTP error statuses are not failures here (read
  /// `responseCode`), only transfers curl could not complete are.
  func perform() throws(CurlError) {
    errorBuffer[0] = 0
    try check(curl_easy_perform(handle), setting: nil)
  }

  /// The last response's status code, or `nil` when no status line arrived.
  var responseCode: Int? {
    var code = 0
    guard ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &code) == CURLE_OK, code != 0 else {
      return nil
    }
    return code
  }

  /// Request body bytes handed to the connection so far.
  var uploadedBodyBytes: Int {
    var bytes: curl_off_t = 0
    guard ccurl_getinfo_off_t(handle, CURLINFO_SIZE_UPLOAD_T, &bytes) == CURLE_OK else { return 0 }
    return Int(bytes)
  }

  /// Request line and header bytes handed to the connection so far; 0 means nothing was sent.
  var requestHeaderBytes: Int {
    var bytes = 0
    guard ccurl_getinfo_long(handle, CURLINFO_REQUEST_SIZE, &bytes) == CURLE_OK else { return 0 }
    return bytes
  }

  /// Seconds since the epoch for an HTTP date in any of the three forms RFC 9110 allows, using
  /// curl's parser so Foundation's date formatting need not be loaded.
  static func epochSeconds(ofHTTPDate text: String) -> Int? {
    let seconds = curl_getdate(text, nil)
    return seconds == -1 ? nil : seconds
  }

  fileprivate func receiveBody(_ bytes: UnsafeRawBufferPointer) {
    let room = bodyLimit - responseBody.count
    if room > 0 { responseBody.append(contentsOf: bytes.prefix(room)) }
  }

  fileprivate func receiveHeaderLine(_ bytes: UnsafeRawBufferPointer) {
    let line = String(decoding: bytes, as: UTF8.self)
    if line.hasPrefix("HTTP/") {
      responseHeaders.removeAll()
      return
    }
    guard let colon = line.firstIndex(of: ":") else { return }
    let name = line[..<colon].trimmingWhitespace()
    let value = line[line.index(after: colon)...].trimmingWhitespace()
    responseHeaders.append(HTTPHeader(name: name, value: value))
  }

  private func check(_ code: CURLcode, setting option: String?) throws(CurlError) {
    guard code != CURLE_OK else { return }
    let buffered = String(cString: errorBuffer)
    var message = buffered.isEmpty ? String(cString: curl_easy_strerror(code)) : buffered
    if let option { message += " (setting \(option))" }
    throw CurlError(code: Int(code.rawValue), message: message)
  }
}

extension Substring {
  /// Drops spaces, tabs and the line ending; "\r\n" is a single `Character`, which
  /// `isWhitespace` covers.
  fileprivate func trimmingWhitespace() -> String {
    String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
  }
}

/// curl's write callback: a plain C function, because a closure would carry actor isolation.
private func curlEasyReceiveBody(
  _ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int,
  _ context: UnsafeMutableRawPointer?
) -> Int {
  // Without a context the data has nowhere to go; returning 0 makes curl fail loudly.
  guard let context else { return 0 }
  let easy = Unmanaged<CurlEasy>.fromOpaque(context).takeUnretainedValue()
  easy.receiveBody(UnsafeRawBufferPointer(start: data, count: size * count))
  return size * count
}

/// curl's header callback, called once per header line including the status line.
private func curlEasyReceiveHeader(
  _ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int,
  _ context: UnsafeMutableRawPointer?
) -> Int {
  guard let context else { return 0 }
  let easy = Unmanaged<CurlEasy>.fromOpaque(context).takeUnretainedValue()
  easy.receiveHeaderLine(UnsafeRawBufferPointer(start: data, count: size * count))
  return size * count
}
