/// The names a server certificate is issued for, read from the text libcurl's `CERTINFO`
/// gives for it, so a wrong-name failure can say which names would have matched.
public enum CertificateNames {
  /// - Parameters:
  ///   - subject: the `Subject:` value (`CN = shop.internal, O = Shop`, or OpenSSL's older
  ///     `/O=Shop/CN=shop.internal`).
  ///   - alternativeNames: the `X509v3 Subject Alternative Name:` value
  ///     (`DNS:shop.internal, DNS:*.shop.internal, IP Address:127.0.0.1`).
  /// - Returns: the alternative names (DNS and IP), which are what TLS clients match; the
  ///   subject's common name only when there are none.
  public static func parse(subject: String?, alternativeNames: String?) -> [String] {
    let alternatives = (alternativeNames ?? "").split(separator: ",").compactMap { entry -> String? in
      let trimmed = entry.trimmingWhitespace
      for prefix in ["DNS:", "IP Address:", "IP:"] where trimmed.hasPrefix(prefix) {
        return String(trimmed.dropFirst(prefix.count)).trimmingWhitespace.nonBlank
      }
      return nil
    }
    if !alternatives.isEmpty { return alternatives }
    let parts = (subject ?? "").split(whereSeparator: { $0 == "," || $0 == "/" })
    return parts.compactMap { part -> String? in
      let pair = part.split(separator: "=", maxSplits: 1)
      guard pair.count == 2, pair[0].trimmingWhitespace == "CN" else { return nil }
      return String(pair[1]).trimmingWhitespace.nonBlank
    }
  }
}
