/// What the TOML parser (toml++ inside TOMLKit) must never see: it aborts the process on a
/// non-ASCII character where a bare key or a value starts (`[é]`, found by fuzzing) instead of
/// reporting an error. TOML 1.0 allows non-ASCII text only inside strings and comments, so this
/// scan refuses it anywhere else, naming the line and column, before the parser runs.
enum TOMLPrecheck {
  /// The position of the first character TOML allows only inside a string or a comment.
  struct Problem: Equatable {
    var line: Int
    var column: Int
    var message: String
  }

  static func problem(in text: String) -> Problem? {
    var scanner = Scanner(scalars: Array(text.unicodeScalars))
    while let scalar = scanner.next() {
      switch scalar {
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
