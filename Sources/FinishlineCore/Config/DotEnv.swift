/// Parses a dotenv-style credentials file (`KEY=value`, `export KEY=value`, `#` comments).
public enum DotEnv {
  public struct ParseError: Error, Equatable, CustomStringConvertible {
    public var line: Int
    public var problem: String

    public var description: String { "line \(line): \(problem)" }
  }

  public static func parse(_ text: String) throws(ParseError) -> [String: String] {
    var values: [String: String] = [:]
    for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      var line = rawLine.trimmingWhitespace
      if line.isEmpty || line.hasPrefix("#") { continue }
      if line.hasPrefix("export ") { line = line.dropFirst(7).trimmingWhitespace }
      guard let equals = line.firstIndex(of: "=") else {
        throw ParseError(line: index + 1, problem: "expected KEY=value")
      }
      let key = line[..<equals].trimmingWhitespace
      guard let first = key.first, first.isLetter || first == "_",
        key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" })
      else {
        throw ParseError(line: index + 1, problem: "`\(key)` is not a variable name")
      }
      values[String(key)] = try value(line[line.index(after: equals)...].trimmingWhitespace, line: index + 1)
    }
    return values
  }

  static func value(_ text: Substring, line: Int) throws(ParseError) -> String {
    guard let quote = text.first, quote == "\"" || quote == "'" else {
      let comment = text.firstRange(of: " #")?.lowerBound ?? text.endIndex
      return String(text[..<comment].trimmingWhitespace)
    }
    let body = text.dropFirst()
    guard let close = body.lastIndex(of: quote) else {
      throw ParseError(line: line, problem: "unterminated \(quote) quote")
    }
    let inner = String(body[..<close])
    guard quote == "\"" else { return inner }
    return inner.replacing("\\n", with: "\n").replacing("\\\"", with: "\"").replacing("\\\\", with: "\\")
  }
}
