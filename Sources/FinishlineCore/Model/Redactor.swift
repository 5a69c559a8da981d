/// Removes secrets from any text before it is logged, stored or printed.
///
/// Applied at the last moment (every log line, every stored error) so a secret that reaches
/// a message by an unexpected path is still caught.
public struct Redactor: Sendable {
  public static let mask = "[redacted]"
  private let secrets: [String]

  /// Longest first, so a URL is masked whole rather than leaving its host glued to a mask.
  public init(secrets: [String]) {
    self.secrets = Array(Set(secrets.filter { $0.count >= 4 })).sorted { $0.count > $1.count }
  }

  /// A redactor that also removes `more`.
  public func adding(_ more: [String]) -> Redactor {
    Redactor(secrets: secrets + more)
  }

  public func callAsFunction(_ text: String) -> String {
    var result = text
    for secret in secrets where result.contains(secret) {
      result = result.replacing(secret, with: Self.mask)
    }
    return result
  }
}
