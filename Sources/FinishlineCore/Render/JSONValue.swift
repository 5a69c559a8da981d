/// A JSON document built in code, serialized with its members in the order they were given.
///
/// Payloads and `--json` output are read by people as well as parsers; a stable, documented
/// key order makes them diffable and matches the README.
public indirect enum JSONValue: Sendable, Equatable {
  case string(String)
  case number(Double)
  case int(Int)
  case bool(Bool)
  case null
  case array([JSONValue])
  case object([Member])

  /// One `"key": value` pair of an object.
  public struct Member: Sendable, Equatable {
    public var key: String
    public var value: JSONValue

    public init(_ key: String, _ value: JSONValue) {
      self.key = key
      self.value = value
    }
  }

  /// Compact JSON text on one line.
  public var text: String {
    var output = ""
    write(to: &output)
    return output
  }

  private func write(to output: inout String) {
    switch self {
    case .string(let value): output += JSONText.quote(value)
    case .number(let value): output += value.isFinite ? "\(value)" : "null"
    case .int(let value): output += String(value)
    case .bool(let value): output += value ? "true" : "false"
    case .null: output += "null"
    case .array(let values):
      output += "["
      for (index, value) in values.enumerated() {
        if index > 0 { output += "," }
        value.write(to: &output)
      }
      output += "]"
    case .object(let members):
      output += "{"
      for (index, member) in members.enumerated() {
        if index > 0 { output += "," }
        output += JSONText.quote(member.key) + ":"
        member.value.write(to: &output)
      }
      output += "}"
    }
  }
}

extension JSONValue {
  /// `nil` becomes `null`.
  public static func string(_ value: String?) -> JSONValue {
    value.map(JSONValue.string) ?? .null
  }
}
