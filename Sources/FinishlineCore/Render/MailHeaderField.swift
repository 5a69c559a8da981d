import FoundationEssentials

/// Writes one header field of a mail message (RFC 5322 §2.2), whatever text it is given.
///
/// Values reach headers from build names, reasons and configuration, so this is where header
/// injection is stopped: line breaks and other control characters become spaces before anything
/// else happens. Lines are folded to 78 characters where the text allows, and never exceed 998.
enum MailHeaderField {
  /// RFC 5322's recommended line length, and the limit a line may never exceed.
  static let preferredLineLength = 78
  static let maximumLineLength = 998
  /// RFC 2047: a line that holds an encoded-word is at most 76 characters long.
  static let encodedLineLength = 76

  /// A field of free text, such as `Subject`. Printable ASCII is written as it is, folded at
  /// spaces; anything else (non-ASCII, a word too long to fold, text that looks like an
  /// encoded-word) is written as RFC 2047 UTF-8 encoded-words, which mail readers decode.
  static func unstructured(_ name: String, _ value: String) -> String {
    let clean = String(
      String.UnicodeScalarView(value.unicodeScalars.map { isLineBreakOrControl($0) ? " " : $0 }))
    let isPlain =
      clean.unicodeScalars.allSatisfy { (0x20...0x7E).contains($0.value) } && !clean.contains("=?")
    if isPlain, let folded = foldedAtSpaces(name, clean) { return folded }
    return encodedWords(name, clean)
  }

  /// A field listing addresses, such as `To`, folded between addresses.
  static func addressList(_ name: String, _ addresses: [String]) -> String {
    let clean = addresses.map { address in
      String(String.UnicodeScalarView(address.unicodeScalars.filter { !isLineBreakOrControl($0) }))
    }
    var lines: [String] = []
    var line = name + ":"
    for (index, address) in clean.enumerated() {
      let separator = index < clean.count - 1 ? "," : ""
      if line.count > name.count + 1, line.count + 1 + address.count + separator.count > preferredLineLength {
        lines.append(line)
        line = ""
      }
      line += " " + address + separator
    }
    lines.append(line)
    return lines.joined(separator: "\r\n")
  }

  /// Line breaks (CR, LF, NEL, U+2028, U+2029) and other control characters: none may reach a
  /// header, not even inside an encoded-word, where a reader would decode them back.
  private static func isLineBreakOrControl(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.properties.generalCategory {
    case .control, .lineSeparator, .paragraphSeparator: true
    default: false
    }
  }

  /// Folds before a space wherever a line would pass 78 characters; `nil` when a single word
  /// would still leave a line over 998.
  private static func foldedAtSpaces(_ name: String, _ value: String) -> String? {
    var lines: [String] = []
    var line = name + ":"
    for word in value.split(separator: " ", omittingEmptySubsequences: false) {
      // A fold goes before a word, never before a run of spaces: a folded line must not be blank.
      if !word.isEmpty, line.count > name.count + 1, line.count + 1 + word.count > preferredLineLength {
        lines.append(line)
        line = ""
      }
      line += " " + word
    }
    lines.append(line)
    guard lines.allSatisfy({ $0.utf8.count <= maximumLineLength }) else { return nil }
    return lines.joined(separator: "\r\n")
  }

  /// `=?UTF-8?B?…?=` words, each holding whole Unicode scalars, so no line passes 76 characters.
  /// Readers join adjacent encoded-words without the folding space between them. `value` is not
  /// empty: an empty value is plain text.
  private static func encodedWords(_ name: String, _ value: String) -> String {
    var lines: [String] = []
    var line = name + ":"
    var pending: [UInt8] = []
    func flush() {
      line += " =?UTF-8?B?" + Data(pending).base64EncodedString() + "?="
      lines.append(line)
      line = ""
      pending = []
    }
    for scalar in value.unicodeScalars {
      let bytes = Array(String(scalar).utf8)
      let room = encodedLineLength - line.count - 1
      if !pending.isEmpty, encodedWordLength(pending.count + bytes.count) > room { flush() }
      pending += bytes
    }
    flush()
    return lines.joined(separator: "\r\n")
  }

  /// `=?UTF-8?B?` and `?=` around the base64 of `byteCount` bytes.
  private static func encodedWordLength(_ byteCount: Int) -> Int {
    12 + 4 * ((byteCount + 2) / 3)
  }
}
