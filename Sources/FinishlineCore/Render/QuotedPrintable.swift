/// Quoted-printable (RFC 2045 §6.7), the transfer encoding of every mail body finishline sends.
///
/// Chosen over 8bit because it is lossless under both limits SMTP puts on a body: every encoded
/// byte is 7-bit (8bit needs the server's 8BITMIME, which libcurl never asks for), and long lines
/// (stack traces, URLs) are split with soft breaks that readers join again, where 8bit would
/// need hard breaks that change the text. Plain ASCII text stays readable in the raw message.
enum QuotedPrintable {
  /// Encoded lines are at most 76 characters, the soft-break `=` included.
  static let lineLength = 76

  /// The UTF-8 text with every line break made CRLF (a lone CR or LF counts as one), each line
  /// encoded and split with soft breaks. A leading "." is left alone: SMTP dot-stuffing is the
  /// transport's job (libcurl does it), and doing it here too would double it.
  static func encode(_ text: String) -> String {
    lines(of: Array(text.utf8)).map(encode(line:)).joined(separator: "\r\n")
  }

  private static func lines(of bytes: [UInt8]) -> [ArraySlice<UInt8>] {
    var lines: [ArraySlice<UInt8>] = []
    var start = 0
    var index = 0
    while index < bytes.count {
      switch bytes[index] {
      case UInt8(ascii: "\r"):
        lines.append(bytes[start..<index])
        let crlf = index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\n")
        index += crlf ? 2 : 1
        start = index
      case UInt8(ascii: "\n"):
        lines.append(bytes[start..<index])
        index += 1
        start = index
      default:
        index += 1
      }
    }
    lines.append(bytes[start...])
    return lines
  }

  private static func encode(line: ArraySlice<UInt8>) -> String {
    var output = ""
    var current = ""
    for index in line.indices {
      let byte = line[index]
      let isLast = index == line.index(before: line.endIndex)
      // Spaces and tabs are literal inside a line, but one ending it would be lost in transit.
      let isBlank = byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t")
      let isLiteral = (33...126).contains(byte) && byte != UInt8(ascii: "=") || isBlank && !isLast
      let token = isLiteral ? String(UnicodeScalar(byte)) : escaped(byte)
      // Room is kept for a soft break's "=" unless this is the line's last token.
      if current.utf8.count + token.utf8.count > (isLast ? lineLength : lineLength - 1) {
        output += current + "=\r\n"
        current = ""
      }
      current += token
    }
    return output + current
  }

  private static func escaped(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return "=" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
  }
}
