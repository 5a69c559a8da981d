/// A webhook or SMTP URL whose path, query and credentials are secret (they carry the token).
public struct SecretURL: Sendable, Equatable, CustomStringConvertible {
  /// The full URL, for the transport only.
  public let raw: String
  public let scheme: String
  public let host: String
  public let port: Int?

  /// Parses and validates an absolute URL of one of `schemes`.
  public init(_ raw: String, schemes: Set<String>) throws(URLProblem) {
    guard let schemeEnd = raw.firstRange(of: "://") else { throw .notAbsolute }
    let scheme = raw[..<schemeEnd.lowerBound].lowercased()
    guard schemes.contains(scheme) else { throw .scheme(scheme, allowed: schemes.sorted()) }
    let rest = raw[schemeEnd.upperBound...]
    var authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
    if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
    var host = Substring(authority)
    var port: Int?
    if authority.hasPrefix("[") {
      guard let close = authority.firstIndex(of: "]") else { throw .noHost }
      host = authority[authority.index(after: authority.startIndex)..<close]
      let after = authority[authority.index(after: close)...]
      if after.hasPrefix(":") { port = Int(after.dropFirst()) }
    } else if let colon = authority.lastIndex(of: ":") {
      host = authority[..<colon]
      guard let number = Int(authority[authority.index(after: colon)...]) else { throw .port }
      port = number
    }
    guard !host.isEmpty, !host.contains(where: \.isWhitespace) else { throw .noHost }
    self.raw = raw
    self.scheme = scheme
    self.host = host.lowercased()
    self.port = port
  }

  /// The URL with everything that may be secret replaced, safe for logs, state and `status`:
  /// scheme, host and port stay (an SMTP server's `smtp://mail.example.com:587` is no secret,
  /// and an operator needs it), credentials go, and a path or query becomes `[redacted]`.
  public var description: String {
    let hostPart = host.contains(":") ? "[\(host)]" : host
    return "\(scheme)://\(hostPart)\(port.map { ":\($0)" } ?? "")" + (secretTail == nil ? "" : "/[redacted]")
  }

  /// The path and query (a webhook's token lives there), when there is more than a `/`.
  private var secretTail: String? {
    guard let schemeEnd = raw.firstRange(of: "://") else { return nil }
    let rest = raw[schemeEnd.upperBound...]
    guard let slash = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) else { return nil }
    let tail = String(rest[slash...])
    return tail.count > 1 ? tail : nil
  }

  /// The `user:password` before the host, when there is one.
  private var userInfo: String? {
    guard let schemeEnd = raw.firstRange(of: "://") else { return nil }
    let rest = raw[schemeEnd.upperBound...]
    guard let at = rest.prefix(while: { $0 != "/" }).lastIndex(of: "@") else { return nil }
    return String(rest[..<at])
  }

  /// Loopback hosts may be reached over plain http (a local relay or a test sink).
  public var isLoopback: Bool {
    host == "localhost" || host == "::1" || host.hasPrefix("127.")
  }

  /// The pieces that must never appear in output: its path/query tail and credentials, and the
  /// whole URL when it has either. A URL with neither (`smtp://127.0.0.1:25`) holds no secret.
  public var secretFragments: [String] {
    guard raw.firstRange(of: "://") != nil else { return [raw] }
    let parts = [secretTail, userInfo].compactMap { $0 }
    return parts.isEmpty ? [] : [raw] + parts
  }

  /// What is wrong with a URL, in words for a configuration error.
  public enum URLProblem: Error, Equatable, CustomStringConvertible {
    case notAbsolute
    case scheme(String, allowed: [String])
    case noHost
    case port

    public var description: String {
      switch self {
      case .notAbsolute: "is not an absolute URL (expected scheme://host/...)"
      case .scheme(let scheme, let allowed):
        "scheme `\(scheme)` is not allowed here (use \(allowed.joined(separator: " or ")))"
      case .noHost: "has no host"
      case .port: "has an invalid port"
      }
    }
  }
}
