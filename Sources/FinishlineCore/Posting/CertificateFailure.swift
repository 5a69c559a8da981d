/// Which host and target a TLS attempt was for, so a certificate failure can say where and
/// which key fixes it.
public struct TLSContext: Sendable, Equatable {
  public var host: String
  public var target: String
  /// The CA bundle the attempt trusted, when one was configured.
  public var caFile: String?
  /// The names the server's certificate is issued for (its subject alternative names, else
  /// its common name), as libcurl reported them for this attempt; empty when unknown.
  public var certificateNames: [String] = []

  public init(host: String, target: String, caFile: String?) {
    self.host = host
    self.target = target
    self.caFile = caFile
  }

  /// This context with the names one attempt's certificate was issued for.
  public func withCertificateNames(_ names: [String]) -> TLSContext {
    var context = self
    context.certificateNames = names
    return context
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

  /// Why a certificate was refused, in an operator's words.
  public enum Cause: String, Sendable, Equatable, CaseIterable {
    case caBundleUnreadable = "CA bundle unreadable"
    case expired
    case notYetValid = "not yet valid"
    case wrongName = "wrong name"
    case selfSigned = "self-signed, unknown issuer"
    case unknownIssuer = "unknown issuer"
    case refused

    /// The cause OpenSSL's text (as libcurl passes it on) names.
    public init(curlCode: Int, text: String) {
      let lower = text.lowercased()
      let named: [(Cause, [String])] = [
        (.expired, ["expired"]), (.wrongName, ["subject name", "does not match", "hostname mismatch"]),
        (.selfSigned, ["self-signed", "self signed"]), (.unknownIssuer, ["issuer", "unknown ca"]),
        (.notYetValid, ["not yet valid"]),
      ]
      if curlCode == 77 {
        self = .caBundleUnreadable
      } else {
        self = named.first { _, words in words.contains { lower.contains($0) } }?.0 ?? .refused
      }
    }
  }

  /// The terminal outcome for `curlCode`, or `nil` when it is no certificate failure.
  public static func outcome(curlCode: Int, curlError: String?, tls: TLSContext?) -> AttemptOutcome? {
    guard codes.contains(curlCode) else { return nil }
    let error = curlError ?? "no detail"
    let host = tls?.host ?? "the server"
    let cause = Cause(curlCode: curlCode, text: error)
    return .terminal(
      detail: "TLS certificate of \(host) does not verify (\(cause.rawValue)): curl error \(curlCode): \(error);"
        + " \(fix(for: cause, tls: tls))")
  }

  /// What to change, for each cause.
  static func fix(for cause: Cause, tls: TLSContext?) -> String {
    let host = tls?.host ?? "the server"
    switch cause {
    case .caBundleUnreadable: return "the CA bundle \(tls?.caFile ?? "configured") cannot be read: check `ca_file`"
    case .expired, .notYetValid: return "the certificate of \(host) must be renewed"
    case .wrongName:
      guard let names = tls?.certificateNames, !names.isEmpty else {
        return "the certificate is not for \(host): use the name it is issued for in the URL"
      }
      return "the certificate is issued for \(names.joined(separator: ", ")), not \(host): use one of those"
        + " names in the URL, or have the certificate reissued for \(host)"
    case .selfSigned, .unknownIssuer, .refused:
      return "trusted now: \(tls?.caFile ?? "the system's CAs"); if \(host) uses a private CA, set"
        + " `ca_file = \"/path/to/ca.pem\"` on target \(tls?.target ?? "the target") (or CURL_CA_BUNDLE)"
    }
  }
}
