/// What the TOML parser (toml++ inside TOMLKit) must never see, because it aborts the whole
/// process on it instead of reporting an error (both found by fuzzing, `scripts/fuzz`): a
/// non-ASCII character outside a string or comment (`[é]`), and a table header whose first
/// character is no key (`[#`, `[[ =`). TOML 1.0 allows neither, so this scan refuses them,
/// naming the line and column, before the parser runs.
enum TOMLPrecheck {
  /// The position of the first character TOML allows only inside a string or a comment.
  struct Problem: Equatable {
    var line: Int
    var column: Int
    var message: String
  }

  static func problem(in text: String) -> Problem? {
    var scanner = Scanner(scalars: Array(text.unicodeScalars))
    var lineStart = true
    // Open `[` and `{` of values (arrays and inline tables may span lines); a `[` that starts
    // a line outside any value opens a table header.
    var depth = 0
    while let scalar = scanner.next() {
      let header = lineStart && scalar == "[" && depth == 0
      lineStart = scalar == "\n" || (lineStart && (scalar == " " || scalar == "\t"))
      if header, let problem = scanner.checkHeaderStart() { return problem }
      switch scalar {
      case "[", "{": if !header { depth += 1 }
      case "]", "}": depth = max(0, depth - 1)
      case "#": scanner.skipComment()
      case "\"", "'":
        if let unterminated = scanner.skipString(opening: scalar) { return unterminated }
      default:
        guard scalar.isASCII else {
          return Problem(
            line: scanner.line, column: scanner.column,
            message: "`\(scalar)` outside a string: TOML allows only A-Z a-z 0-9 _ - in bare keys;"
              + " quote the key (\"\(scalar)\" = ...) or the value")
        }
      }
    }
    return nil
  }

  /// Walks the text keeping line and column (1-based, of the character last returned).
  struct Scanner {
    let scalars: [Unicode.Scalar]
    var index = 0
    var line = 1
    var column = 0

    mutating func next() -> Unicode.Scalar? {
      guard index < scalars.count else { return nil }
      let scalar = scalars[index]
      index += 1
      if scalar == "\n" {
        line += 1
        column = 0
      } else {
        column += 1
      }
      return scalar
    }

    func peek(_ offset: Int = 0) -> Unicode.Scalar? {
      index + offset < scalars.count ? scalars[index + offset] : nil
    }

    /// After a line's opening `[`: an optional second `[`, spaces, then a key must start.
    mutating func checkHeaderStart() -> Problem? {
      if peek() == "[" { _ = next() }
      while let scalar = peek(), scalar == " " || scalar == "\t" { _ = next() }
      guard let first = peek() else { return nil }
      let startsKey =
        first == "\"" || first == "'" || first == "_" || first == "-"
        || (first.isASCII && (first.properties.isAlphabetic || ("0"..."9").contains(first)))
      guard !startsKey else { return nil }
      return Problem(
        line: line, column: column + 1,
        message: "a table header must start with a key (`[run]`, `[[notify]]`), not `\(first)`")
    }

    mutating func skipComment() {
      while let scalar = peek(), scalar != "\n" { _ = next() }
    }

    /// Skips a basic or literal string, one-line or multi-line, escapes included; a string
    /// still open at the end of the text is left to the parser to report.
    mutating func skipString(opening quote: Unicode.Scalar) -> Problem? {
      let multiline = peek() == quote && peek(1) == quote
      if multiline {
        _ = next()
        _ = next()
      }
      while let scalar = next() {
        if scalar == "\\", quote == "\"" {
          _ = next()
          continue
        }
        if scalar == "\n", !multiline { return nil }
        guard scalar == quote else { continue }
        if !multiline { return nil }
        if peek() == quote, peek(1) == quote {
          _ = next()
          _ = next()
          // Up to two more quotes may close a multi-line string (`""""" ` ends in two quotes).
          while peek() == quote { _ = next() }
          return nil
        }
      }
      return nil
    }
  }
}
