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
    let cause = curlCode == 77 ? "CA bundle unreadable" : cause(error)
    return .terminal(
      detail: "TLS certificate of \(host) does not verify (\(cause)): curl error \(curlCode): \(error);"
        + " \(fix(for: cause, tls: tls))")
  }

  /// What to change, for each cause.
  static func fix(for cause: String, tls: TLSContext?) -> String {
    let host = tls?.host ?? "the server"
    switch cause {
    case "CA bundle unreadable": return "the CA bundle \(tls?.caFile ?? "configured") cannot be read: check `ca_file`"
    case "expired", "not yet valid": return "the certificate of \(host) must be renewed"
    case "wrong name": return "the certificate is not for \(host): use the name it is issued for in the URL"
    default:
      return "trusted now: \(tls?.caFile ?? "the system's CAs"); if \(host) uses a private CA, set"
        + " `ca_file = \"/path/to/ca.pem\"` on target \(tls?.target ?? "the target") (or CURL_CA_BUNDLE)"
    }
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
