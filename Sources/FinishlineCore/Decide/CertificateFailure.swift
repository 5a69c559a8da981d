/// Which host and target a TLS attempt was for, so a certificate failure can say where and
/// which key fixes it.
public struct TLSContext: Sendable, Equatable {
  public var host: String
  public var target: String
  /// The CA bundle the attempt trusted, when one was configured.
  public var caFile: String?

  public init(host: String, target: String, caFile: String?) {
    self.host = host
    self.target = target
    self.caFile = caFile
  }
}

/// A certificate that does not verify is terminal (SPEC §6.1): retrying it every minute for a
/// day changes nothing until someone trusts the right CA or fixes the certificate. A failed
/// handshake for other reasons (a reset, a timeout) stays transient.
public enum CertificateFailure {
  /// libcurl codes that mean "the certificate was checked and refused" or "the CA bundle
  /// cannot be used": 60 peer failed verification, 83 issuer check, 90 pinned key mismatch,
  /// 91 bad certificate status, 58 local client certificate, 77 CA bundle unreadable.
  public static let codes: Set<Int> = [58, 60, 77, 83, 90, 91]

  /// The terminal outcome for `curlCode`, or `nil` when it is no certificate failure.
  public static func outcome(curlCode: Int, curlError: String?, tls: TLSContext?) -> AttemptOutcome? {
    guard codes.contains(curlCode) else { return nil }
    let error = curlError ?? "no detail"
    let host = tls?.host ?? "the server"
    let fix: String
    if curlCode == 77 {
      fix = "the CA bundle \(tls?.caFile ?? "configured") cannot be read: check `ca_file`"
    } else if let caFile = tls?.caFile {
      fix = "it is not signed by a CA in \(caFile), or the certificate itself is wrong"
    } else {
      fix =
        "if \(host) uses a private CA, set `ca_file = \"/path/to/ca.pem\"` on target \(tls?.target ?? "the target")"
        + " (or CURL_CA_BUNDLE)"
    }
    return .terminal(
      detail: "TLS certificate of \(host) does not verify (\(cause(error))): curl error \(curlCode): \(error); \(fix)")
  }

  /// Why, in an operator's words, from OpenSSL's text as libcurl passes it on.
  static func cause(_ text: String) -> String {
    let lower = text.lowercased()
    if lower.contains("expired") { return "expired" }
    if lower.contains("subject name") || lower.contains("does not match") || lower.contains("hostname mismatch") {
      return "wrong name"
    }
    if lower.contains("self-signed") || lower.contains("self signed") { return "self-signed, unknown issuer" }
    if lower.contains("issuer") || lower.contains("unknown ca") { return "unknown issuer" }
    if lower.contains("not yet valid") { return "not yet valid" }
    return "refused"
  }
}
