/// The bytes the byte-level scanners look for; named so the scanning loops read as prose.
///
/// Computed rather than stored: a stored `static let` is reached through a lazy-initialisation
/// check on every access, which showed up in the scanners' hot loops.
enum ASCII {
  static var tab: UInt8 { UInt8(ascii: "\t") }
  static var newline: UInt8 { UInt8(ascii: "\n") }
  static var carriageReturn: UInt8 { UInt8(ascii: "\r") }
  static var space: UInt8 { UInt8(ascii: " ") }
  static var exclamation: UInt8 { UInt8(ascii: "!") }
  static var doubleQuote: UInt8 { UInt8(ascii: "\"") }
  static var hash: UInt8 { UInt8(ascii: "#") }
  static var ampersand: UInt8 { UInt8(ascii: "&") }
  static var singleQuote: UInt8 { UInt8(ascii: "'") }
  static var slash: UInt8 { UInt8(ascii: "/") }
  static var semicolon: UInt8 { UInt8(ascii: ";") }
  static var questionMark: UInt8 { UInt8(ascii: "?") }
  static var lessThan: UInt8 { UInt8(ascii: "<") }
  static var equals: UInt8 { UInt8(ascii: "=") }
  static var greaterThan: UInt8 { UInt8(ascii: ">") }
  static var openBracket: UInt8 { UInt8(ascii: "[") }
  static var backslash: UInt8 { UInt8(ascii: "\\") }
  static var closeBracket: UInt8 { UInt8(ascii: "]") }
  static var openBrace: UInt8 { UInt8(ascii: "{") }
  static var closeBrace: UInt8 { UInt8(ascii: "}") }

  /// The four whitespace bytes of both XML and JSON.
  static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

  static func isWhitespace(_ byte: UInt8) -> Bool {
    byte == space || byte == newline || byte == tab || byte == carriageReturn
  }

  /// Bytes that end an XML element or attribute name.
  static func endsName(_ byte: UInt8) -> Bool {
    isWhitespace(byte) || byte == slash || byte == greaterThan || byte == equals
      || byte == lessThan
  }
}
