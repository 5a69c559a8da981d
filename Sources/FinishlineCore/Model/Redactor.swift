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

  /// Matched on UTF-8 bytes: a secret and the text are valid UTF-8, so a byte match starts
  /// and ends on scalar boundaries, and it masks wherever the Character-wise search did (and
  /// where only a combining mark follows, too). Searching by Character was half of the
  /// logging of a closed run's check.
  public func callAsFunction(_ text: String) -> String {
    guard !secrets.isEmpty else { return text }
    var bytes = Array(text.utf8)
    var masked = false
    for secret in secrets {
      guard let replaced = Self.masking(Array(secret.utf8), in: bytes) else { continue }
      bytes = replaced
      masked = true
    }
    return masked ? String(decoding: bytes, as: UTF8.self) : text
  }

  private static let maskBytes = Array(mask.utf8)

  /// `text` with every occurrence of `secret` replaced by the mask, left to right, or `nil`
  /// when there is none.
  static func masking(_ secret: [UInt8], in text: [UInt8]) -> [UInt8]? {
    guard let first = secret.first, text.count >= secret.count else { return nil }
    var result: [UInt8] = []
    var copied = 0
    var index = 0
    while index <= text.count - secret.count {
      if text[index] == first, text[index..<(index + secret.count)].elementsEqual(secret) {
        result += text[copied..<index]
        result += maskBytes
        index += secret.count
        copied = index
      } else {
        index += 1
      }
    }
    guard copied > 0 else { return nil }
    return result + text[copied...]
  }
}
