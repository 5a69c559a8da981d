internal import CCurl

/// libcurl's functions, looked up once with `dlopen` (see `Sources/CCurl/shim.h`), and
/// `curl_global_init` run: only when a request is about to be made.
struct CurlLibrary: @unchecked Sendable {
  /// Never freed: it lives as long as the process, like the library it points into.
  let api: UnsafePointer<ccurl_api>

  static func load() -> Result<CurlLibrary, CurlError> {
    // Filled by ccurl_load; on failure it is abandoned, never read.
    let table = UnsafeMutablePointer<ccurl_api>.allocate(capacity: 1)
    if let problem = ccurl_load(table) {
      return .failure(
        CurlError(
          code: Int(CURLE_FAILED_INIT.rawValue),
          message: "cannot load libcurl (\(String(cString: problem))); install it: apt-get install libcurl4"))
    }
    let code = table.pointee.global_init(Int(CURL_GLOBAL_DEFAULT))
    guard code == CURLE_OK else {
      return .failure(CurlError(code: Int(code.rawValue), message: "curl_global_init failed"))
    }
    return .success(CurlLibrary(api: UnsafePointer(table)))
  }
}
