/// `state_url`: a PostgreSQL connection URL, whose password must never be shown.
///
/// Kept as the user wrote it for libpq, which parses it itself (percent-encoding, several
/// hosts, `?sslmode=`); finishline reads only enough of it to name it safely.
public struct DatabaseURL: Sendable, Equatable, CustomStringConvertible {
  /// The whole URL, for libpq only.
  public let raw: String
  public let user: String?
  /// `host[:port][,host[:port]...]`; empty for the local socket.
  public let hosts: String
  public let database: String?
  let password: String?
  let query: String?

  public static let schemes: Set<String> = ["postgresql", "postgres"]

  public init(_ raw: String) throws(SecretURL.URLProblem) {
    guard let schemeEnd = raw.firstRange(of: "://") else { throw .notAbsolute }
    let scheme = raw[..<schemeEnd.lowerBound].lowercased()
    guard Self.schemes.contains(scheme) else { throw .scheme(scheme, allowed: Self.schemes.sorted()) }
    var rest = Substring(raw[schemeEnd.upperBound...])
    if let mark = rest.firstIndex(of: "?") {
      query = String(rest[rest.index(after: mark)...])
      rest = rest[..<mark]
    } else {
      query = nil
    }
    let authority = rest.prefix { $0 != "/" }
    let path = rest.dropFirst(authority.count).dropFirst()
    database = path.isEmpty ? nil : String(path)
    if let at = authority.lastIndex(of: "@") {
      let info = authority[..<at]
      let colon = info.firstIndex(of: ":")
      user = String(info[..<(colon ?? info.endIndex)])
      password = colon.map { String(info[info.index(after: $0)...]) }
      hosts = String(authority[authority.index(after: at)...])
    } else {
      user = nil
      password = nil
      hosts = String(authority)
    }
    guard !hosts.contains(where: \.isWhitespace) else { throw .noHost }
    self.raw = raw
  }

  /// The URL without its password or query, for logs, errors and `config check`:
  /// `postgresql://finishline@db.example.com:5432/finishline`.
  public var description: String {
    let userPart = user.map { "\($0)@" } ?? ""
    let queryPart = query == nil ? "" : "?[redacted]"
    return "postgresql://\(userPart)\(hosts)/\(database ?? "")\(queryPart)"
  }

  /// What must never appear in output: the URL itself and its password, in the URL's spelling
  /// and decoded. A query can carry `password=` too, so it counts as secret whole.
  public var secretFragments: [String] {
    var fragments = [raw]
    if let password, !password.isEmpty {
      fragments.append(password)
      let decoded = Self.percentDecoded(password)
      if decoded != password { fragments.append(decoded) }
    }
    if let query, !query.isEmpty { fragments.append(query) }
    return fragments
  }

  static func percentDecoded(_ text: String) -> String {
    var bytes: [UInt8] = []
    var index = text.utf8.startIndex
    let utf8 = text.utf8
    while index < utf8.endIndex {
      let byte = utf8[index]
      if byte == UInt8(ascii: "%"), let high = utf8.index(index, offsetBy: 1, limitedBy: utf8.endIndex),
        let low = utf8.index(index, offsetBy: 2, limitedBy: utf8.endIndex), low < utf8.endIndex,
        let value = UInt8(String(decoding: utf8[high...low], as: UTF8.self), radix: 16)
      {
        bytes.append(value)
        index = utf8.index(after: low)
      } else {
        bytes.append(byte)
        index = utf8.index(after: index)
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
