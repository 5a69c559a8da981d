internal import CCurl
internal import FinishlineCore
internal import Glibc

/// Owns one libcurl easy handle and everything curl borrows from it (error buffer, header and
/// recipient lists, upload bytes), so all of it is released together when the transfer object
/// goes away.
///
/// This is the only file that sees libcurl's C types; callers speak in the Swift options below.
/// One instance serves one transfer on one thread, which is all a single-shot CLI needs.
final class CurlEasy {
  /// Options that take text; curl keeps its own copy.
  enum TextOption {
    case url
    /// Comma-separated scheme names curl may use, e.g. "http,https".
    case allowedProtocols
    /// Credentials for SMTP AUTH.
    case username
    case password
    /// A PEM bundle of CA certificates to trust instead of the system's.
    case caFile

    fileprivate var curlOption: CURLoption {
      switch self {
      case .url: CURLOPT_URL
      case .allowedProtocols: CURLOPT_PROTOCOLS_STR
      case .username: CURLOPT_USERNAME
      case .password: CURLOPT_PASSWORD
      case .caFile: CURLOPT_CAINFO
      }
    }
  }

  /// When a mail transfer on a plain `smtp://` connection switches to TLS with STARTTLS
  /// (`smtps://` is TLS from the first byte either way).
  enum MailTLS {
    /// Upgrade when the server offers STARTTLS, else stay plain.
    case whenOffered
    /// Fail before sending anything unless the connection is upgraded.
    case required

    fileprivate var curlValue: Int {
      switch self {
      case .whenOffered: Int(CURLUSESSL_TRY.rawValue)
      case .required: Int(CURLUSESSL_ALL.rawValue)
      }
    }
  }

  /// Longest timeout passed to curl, about 24 days; it also keeps the conversion in range.
  private static let maximumTimeoutMilliseconds = Int(Int32.max)

  /// libcurl, loaded (and `curl_global_init` run) on the first handle, never before: most
  /// invocations never touch the network, and loading libcurl with its dependencies costs
  /// milliseconds. A static makes it once, under Swift's thread-safe lazy initialisation.
  private static let library = CurlLibrary.load()

  private let api: UnsafePointer<ccurl_api>

  private let handle: UnsafeMutableRawPointer
  private let errorBuffer: UnsafeMutablePointer<CChar>
  private var headerList: UnsafeMutablePointer<curl_slist>?
  private var recipientList: UnsafeMutablePointer<curl_slist>?
  private var bodyLimit = 0
  /// The bytes an upload sends, and how many of them curl has taken so far.
  private var uploadBody: [UInt8] = []
  private var uploadOffset = 0

  /// The start of the response body, at most the limit given to `captureResponse`.
  private(set) var responseBody: [UInt8] = []
  /// Header fields of the last response received (an interim `100 Continue` is forgotten).
  private(set) var responseHeaders: [HTTPHeader] = []

  init() throws(CurlError) {
    switch Self.library {
    case .success(let library): api = library.api
    case .failure(let error): throw error
    }
    guard let handle = api.pointee.easy_init() else {
      throw CurlError(code: Int(CURLE_FAILED_INIT.rawValue), message: "curl_easy_init failed")
    }
    self.handle = handle
    errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
    errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
    // Without NOSIGNAL curl uses SIGALRM for DNS timeouts, which is unsafe in a threaded process.
    try check(ccurl_setopt_long(api, handle, CURLOPT_NOSIGNAL, 1), setting: "NOSIGNAL")
    try check(
      ccurl_setopt_pointer(api, handle, CURLOPT_ERRORBUFFER, errorBuffer), setting: "ERRORBUFFER")
    // The peer's certificate as text, so a wrong-name failure can say whose name it bears.
    try check(ccurl_setopt_long(api, handle, CURLOPT_CERTINFO, 1), setting: "CERTINFO")
  }

  deinit {
    // The handle may still point at the list and the buffer, so it goes first.
    api.pointee.easy_cleanup(handle)
    api.pointee.slist_free_all(headerList)
    api.pointee.slist_free_all(recipientList)
    errorBuffer.deallocate()
  }

  /// Limits connecting (TLS included) and the whole transfer, in seconds; a fraction of a
  /// millisecond rounds up, so no limit becomes 0, which curl reads as "none".
  func setTimeouts(connect: Double, total: Double) throws(CurlError) {
    let connectCode = ccurl_setopt_long(api, handle, CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(connect))
    try check(connectCode, setting: "CONNECTTIMEOUT_MS")
    try check(ccurl_setopt_long(api, handle, CURLOPT_TIMEOUT_MS, Self.milliseconds(total)), setting: "TIMEOUT_MS")
  }

  func set(_ option: TextOption, _ value: String) throws(CurlError) {
    let code = value.withCString { ccurl_setopt_string(api, handle, option.curlOption, $0) }
    try check(code, setting: "\(option)")
  }

  /// Replaces the request header lines, each sent exactly as given ("Name: value").
  func setHeaderLines(_ lines: [String]) throws(CurlError) {
    try install(
      makeList(lines, purpose: "the header list"), as: CURLOPT_HTTPHEADER, setting: "HTTPHEADER",
      replacing: &headerList)
  }

  /// Sets the SMTP envelope: `MAIL FROM` and one `RCPT TO` per recipient. curl writes these
  /// into the dialogue as given, so an address holding a line break could add commands of its
  /// own; such an address, or an empty recipient list, is refused here with curl's code for a
  /// bad argument (43), before any connection is made.
  func setMailEnvelope(from sender: String, to recipients: [String]) throws(CurlError) {
    let badArgument = Int(CURLE_BAD_FUNCTION_ARGUMENT.rawValue)
    guard !recipients.isEmpty else { throw CurlError(code: badArgument, message: "no mail recipients") }
    let breaksLine: (Unicode.Scalar) -> Bool = { $0 == "\r" || $0 == "\n" || $0 == "\0" }
    for address in [sender] + recipients where address.unicodeScalars.contains(where: breaksLine) {
      throw CurlError(
        code: badArgument, message: "mail address \(address.debugDescription) contains a line break or NUL")
    }
    try check(sender.withCString { ccurl_setopt_string(api, handle, CURLOPT_MAIL_FROM, $0) }, setting: "MAIL_FROM")
    try install(
      makeList(recipients, purpose: "the recipient list"), as: CURLOPT_MAIL_RCPT, setting: "MAIL_RCPT",
      replacing: &recipientList)
  }

  /// Hands a list to curl, which keeps using it until the transfer ends: the list is freed at
  /// once if curl refuses it, and the one it replaces is freed only after it is replaced.
  private func install(
    _ list: UnsafeMutablePointer<curl_slist>?, as option: CURLoption, setting: String,
    replacing current: inout UnsafeMutablePointer<curl_slist>?
  ) throws(CurlError) {
    do {
      try check(ccurl_setopt_slist(api, handle, option, list), setting: setting)
    } catch {
      api.pointee.slist_free_all(list)
      throw error
    }
    api.pointee.slist_free_all(current)
    current = list
  }

  func setMailTLS(_ use: MailTLS) throws(CurlError) {
    try check(ccurl_setopt_long(api, handle, CURLOPT_USE_SSL, use.curlValue), setting: "USE_SSL")
  }

  /// Makes the transfer an upload of exactly these bytes (for SMTP, the message after `DATA`),
  /// fed to curl from a copy that lives as long as the handle.
  func setUpload(_ body: [UInt8]) throws(CurlError) {
    uploadBody = body
    uploadOffset = 0
    let context = Unmanaged.passUnretained(self).toOpaque()
    try check(ccurl_setopt_long(api, handle, CURLOPT_UPLOAD, 1), setting: "UPLOAD")
    try check(
      ccurl_setopt_off_t(api, handle, CURLOPT_INFILESIZE_LARGE, curl_off_t(body.count)), setting: "INFILESIZE")
    try check(
      ccurl_setopt_read_callback(api, handle, CURLOPT_READFUNCTION, curlEasySendBody), setting: "READFUNCTION")
    try check(ccurl_setopt_pointer(api, handle, CURLOPT_READDATA, context), setting: "READDATA")
  }

  /// Makes the transfer a plain GET (an API lookup).
  func setGet() throws(CurlError) {
    try check(ccurl_setopt_long(api, handle, CURLOPT_HTTPGET, 1), setting: "HTTPGET")
  }

  /// Makes the transfer a POST of exactly these bytes; curl copies them, so the array need not
  /// outlive the call.
  func setPostBody(_ body: [UInt8]) throws(CurlError) {
    // The size must be set before the copy, or curl would stop at the first zero byte.
    let size = curl_off_t(body.count)
    try check(
      ccurl_setopt_off_t(api, handle, CURLOPT_POSTFIELDSIZE_LARGE, size), setting: "POSTFIELDSIZE")
    let code = body.withUnsafeBytes { bytes in
      // An empty array may have no storage; curl still needs a real pointer for an empty POST.
      guard let start = bytes.baseAddress else {
        return ccurl_setopt_string(api, handle, CURLOPT_COPYPOSTFIELDS, "")
      }
      return ccurl_setopt_pointer(api, handle, CURLOPT_COPYPOSTFIELDS, .init(mutating: start))
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
      ccurl_setopt_write_callback(api, handle, CURLOPT_WRITEFUNCTION, curlEasyReceiveBody),
      setting: "WRITEFUNCTION")
    try check(ccurl_setopt_pointer(api, handle, CURLOPT_WRITEDATA, context), setting: "WRITEDATA")
    try check(
      ccurl_setopt_header_callback(api, handle, CURLOPT_HEADERFUNCTION, curlEasyReceiveHeader),
      setting: "HEADERFUNCTION")
    try check(ccurl_setopt_pointer(api, handle, CURLOPT_HEADERDATA, context), setting: "HEADERDATA")
  }

  /// Runs the transfer to its end; HTTP error statuses are not failures here (read
  /// `responseCode`), only transfers curl could not complete are.
  func perform() throws(CurlError) {
    errorBuffer[0] = 0
    try check(api.pointee.easy_perform(handle), setting: nil)
  }

  /// Shuts down the connection the transfer used, if curl still holds one open, so releasing the
  /// handle does not wait on it. For SMTP that skips the closing `QUIT`, which is safe once the
  /// transfer has ended (after the reply to the end of data the server has the message, or
  /// never will) and necessary: libcurl 7.88 keeps a connection whose end-of-data reply timed
  /// out, then at cleanup sends `QUIT` on it and waits up to 120 s for the silent server.
  func dropConnection() {
    var socket = CURL_SOCKET_BAD
    guard ccurl_getinfo_socket(api, handle, CURLINFO_ACTIVESOCKET, &socket) == CURLE_OK, socket != CURL_SOCKET_BAD
    else { return }
    _ = shutdown(socket, Int32(SHUT_RDWR))
  }

  /// The last response's status code, or `nil` when no status line arrived.
  var responseCode: Int? {
    var code = 0
    guard ccurl_getinfo_long(api, handle, CURLINFO_RESPONSE_CODE, &code) == CURLE_OK, code != 0 else {
      return nil
    }
    return code
  }

  /// The names the server's certificate is issued for, when `failure` is a certificate that
  /// did not verify (curl 60); read only then, since nothing else needs them.
  func certificateNames(after failure: CurlError?) -> [String] {
    failure?.code == Int(CURLE_PEER_FAILED_VERIFICATION.rawValue) ? peerCertificateNames : []
  }

  /// The names the server's certificate is issued for (`CertificateNames`), from the chain
  /// libcurl kept for this transfer; empty for plain connections.
  private var peerCertificateNames: [String] {
    var info: UnsafeMutablePointer<curl_certinfo>?
    guard ccurl_getinfo_certinfo(api, handle, CURLINFO_CERTINFO, &info) == CURLE_OK, let info,
      info.pointee.num_of_certs > 0, let fields = info.pointee.certinfo?[0]
    else { return [] }
    var subject: String?
    var alternatives: String?
    var entry: UnsafeMutablePointer<curl_slist>? = fields
    for _ in 0..<64 {
      guard let current = entry else { break }
      if let data = current.pointee.data {
        let text = String(cString: data)
        if text.hasPrefix("Subject:") { subject = String(text.dropFirst("Subject:".count)) }
        let san = "X509v3 Subject Alternative Name:"
        if text.hasPrefix(san) { alternatives = String(text.dropFirst(san.count)) }
      }
      entry = current.pointee.next
    }
    return CertificateNames.parse(subject: subject, alternativeNames: alternatives)
  }

  /// Request body bytes handed to the connection so far.
  var uploadedBodyBytes: Int {
    var bytes: curl_off_t = 0
    guard ccurl_getinfo_off_t(api, handle, CURLINFO_SIZE_UPLOAD_T, &bytes) == CURLE_OK else { return 0 }
    return Int(bytes)
  }

  /// Request line and header bytes handed to the connection so far; 0 means nothing was sent.
  var requestHeaderBytes: Int {
    var bytes = 0
    guard ccurl_getinfo_long(api, handle, CURLINFO_REQUEST_SIZE, &bytes) == CURLE_OK else { return 0 }
    return bytes
  }

  /// Seconds since the epoch for an HTTP date in any of the three forms RFC 9110 allows, using
  /// curl's parser so Foundation's date formatting need not be loaded.
  static func epochSeconds(ofHTTPDate text: String) -> Int? {
    guard case .success(let library) = library else { return nil }
    let seconds = library.api.pointee.getdate(text, nil)
    return seconds == -1 ? nil : seconds
  }

  /// Whole milliseconds, at least 1: curl reads 0 as "no limit", which no caller means.
  private static func milliseconds(_ seconds: Double) -> Int {
    guard !seconds.isNaN else { return 1 }
    let milliseconds = (seconds * 1000).rounded(.up)
    return Int(min(max(milliseconds, 1), Double(maximumTimeoutMilliseconds)))
  }

  /// A curl string list the caller owns (and must free), or `nil` for no lines.
  private func makeList(
    _ lines: [String], purpose: String
  ) throws(CurlError) -> UnsafeMutablePointer<curl_slist>? {
    var list: UnsafeMutablePointer<curl_slist>?
    for line in lines {
      guard let extended = api.pointee.slist_append(list, line) else {
        api.pointee.slist_free_all(list)
        throw CurlError(code: Int(CURLE_OUT_OF_MEMORY.rawValue), message: "could not build \(purpose)")
      }
      list = extended
    }
    return list
  }

  /// Copies the next upload bytes into curl's buffer; 0 tells curl the body is complete.
  fileprivate func sendBody(into buffer: UnsafeMutableRawBufferPointer) -> Int {
    let count = min(buffer.count, uploadBody.count - uploadOffset)
    guard count > 0 else { return 0 }
    uploadBody.withUnsafeBytes { bytes in
      buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[uploadOffset..<uploadOffset + count]))
    }
    uploadOffset += count
    return count
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
    // "\r\n" is a single `Character`, which whitespace trimming covers.
    let name = String(line[..<colon].trimmingWhitespace)
    let value = String(line[line.index(after: colon)...].trimmingWhitespace)
    responseHeaders.append(HTTPHeader(name: name, value: value))
  }

  private func check(_ code: CURLcode, setting option: String?) throws(CurlError) {
    guard code != CURLE_OK else { return }
    let buffered = String(cString: errorBuffer)
    let described = api.pointee.easy_strerror(code).map { String(cString: $0) } ?? "curl error \(code.rawValue)"
    var message = buffered.isEmpty ? described : buffered
    if let option { message += " (setting \(option))" }
    throw CurlError(code: Int(code.rawValue), message: message)
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

/// curl's read callback, asked for the next upload bytes until it returns 0.
private func curlEasySendBody(
  _ buffer: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?
) -> Int {
  // Without a context or a buffer there is nothing to send; aborting makes curl fail loudly.
  guard let context, let buffer else { return Int(CURL_READFUNC_ABORT) }
  let easy = Unmanaged<CurlEasy>.fromOpaque(context).takeUnretainedValue()
  return easy.sendBody(into: UnsafeMutableRawBufferPointer(start: buffer, count: size * count))
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
