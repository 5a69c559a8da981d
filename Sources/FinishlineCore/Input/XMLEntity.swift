/// XML's entity and character references, which every attribute and text may contain
/// (`&lt;`, `&#10;`, `&#x1F600;`).
enum XMLEntity {
  /// The longest reference worth recognising: `&#x10FFFF;` is ten bytes, `&quot;` six.
  private static let longest = 12

  /// The character that the reference at the start of `bytes` stands for, and how many bytes
  /// the reference takes; `nil` when `bytes` does not start with a reference finishline knows,
  /// so the caller keeps the `&` literally (HTML entities such as `&nbsp;` are not XML).
  static func reference(in bytes: ArraySlice<UInt8>) -> (Unicode.Scalar, Int)? {
    guard bytes.first == ASCII.ampersand,
      let semicolon = bytes.prefix(longest).firstIndex(of: ASCII.semicolon)
    else { return nil }
    let body = bytes[(bytes.startIndex + 1)..<semicolon]
    let length = semicolon - bytes.startIndex + 1
    if body.first == ASCII.hash {
      return (characterReference(body.dropFirst()), length)
    }
    switch String(decoding: body, as: UTF8.self) {
    case "lt": return ("<", length)
    case "gt": return (">", length)
    case "amp": return ("&", length)
    case "quot": return ("\"", length)
    case "apos": return ("'", length)
    default: return nil
    }
  }

  /// The scalar of `NN` or `xHH` (after `&#`); U+FFFD when it names no valid character.
  private static func characterReference(_ digits: ArraySlice<UInt8>) -> Unicode.Scalar {
    let replacement: Unicode.Scalar = "\u{FFFD}"
    let hexadecimal = digits.first == UInt8(ascii: "x") || digits.first == UInt8(ascii: "X")
    let text = String(decoding: hexadecimal ? digits.dropFirst() : digits, as: UTF8.self)
    guard let value = UInt32(text, radix: hexadecimal ? 16 : 10), value != 0,
      let scalar = Unicode.Scalar(value)
    else { return replacement }
    return scalar
  }
}
