public import FoundationEssentials

/// The JSON form of state files: snake_case keys, ISO 8601 times, stable key order.
public enum StateCoding {
  public static var encoder: JSONEncoder {
    let encoder = JSONEncoder()
    encoder.keyEncodingStrategy = .convertToSnakeCase
    encoder.dateEncodingStrategy = .iso8601
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return encoder
  }

  public static var decoder: JSONDecoder {
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    decoder.dateDecodingStrategy = .iso8601
    return decoder
  }

  /// What `decoder` decodes from `data`: read by `StateJSONDecoder` when it is sure of the
  /// bytes (every file finishline writes), else by `decoder` itself, for its answer or error.
  public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
    if let value = try? StateJSONDecoder.decode(type, from: data) { return value }
    return try decoder.decode(type, from: data)
  }

  /// A decoding error as a short phrase naming the key path ("missing key `scopes[0].since`").
  public static func describe(_ error: any Error) -> String {
    guard let decoding = error as? DecodingError else { return "\(error)" }
    func path(_ context: DecodingError.Context) -> String {
      context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        .trimmingPrefix(".").description
    }
    switch decoding {
    case .keyNotFound(let key, let context):
      let prefix = path(context)
      return "missing key `\(prefix.isEmpty ? "" : prefix + ".")\(key.stringValue)`"
    case .typeMismatch(_, let context), .valueNotFound(_, let context):
      return "wrong type at `\(path(context))`: \(context.debugDescription)"
    case .dataCorrupted(let context):
      return "invalid JSON\(path(context).isEmpty ? "" : " at `\(path(context))`"): \(context.debugDescription)"
    @unknown default:
      return "\(decoding)"
    }
  }
}
