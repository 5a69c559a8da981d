internal import FoundationEssentials

/// One-line JSON for stdout (`check --json`, `status --json`), in the documented key order.
public enum JSONOutput {
  public static func line(_ value: some Encodable) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.withoutEscapingSlashes]
    guard let data = try? encoder.encode(value) else { return "{}" }
    return String(decoding: data, as: UTF8.self)
  }
}
