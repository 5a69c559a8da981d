/// Turns a report's bytes into UTF-8, as the readers expect, from the encodings reporters use.
///
/// UTF-8 (with or without a byte-order mark) passes through; UTF-16 with a byte-order mark
/// (what Windows tools and PowerShell write) is decoded; an XML declaration naming ISO-8859-1
/// or windows-1252 (older Java and .NET tools) is honoured, so "Größe" arrives as "Größe"
/// instead of replacement characters.
public enum TextEncoding {
  public static func utf8(_ bytes: [UInt8]) -> [UInt8] {
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return Array(bytes.dropFirst(3)) }
    if bytes.starts(with: [0xFF, 0xFE]) { return utf16(bytes.dropFirst(2), bigEndian: false) }
    if bytes.starts(with: [0xFE, 0xFF]) { return utf16(bytes.dropFirst(2), bigEndian: true) }
    switch declaredEncoding(bytes) {
    case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "iso_8859-1":
      return singleByte(bytes, table: nil)
    case "windows-1252", "cp1252", "x-cp1252":
      return singleByte(bytes, table: windows1252)
    default:
      return bytes
    }
  }

  /// The `encoding` of an `<?xml … ?>` declaration at the very start, lower-cased.
  static func declaredEncoding(_ bytes: [UInt8]) -> String? {
    guard bytes.starts(with: Array("<?xml".utf8)) else { return nil }
    let head = bytes.prefix(200)
    guard let end = head.firstIndex(of: ASCII.greaterThan) else { return nil }
    let declaration = String(decoding: head[..<end], as: UTF8.self).lowercased()
    guard let range = declaration.firstRange(of: "encoding") else { return nil }
    let rest = declaration[range.upperBound...].drop { $0 == " " || $0 == "=" }
    guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
    return String(rest.dropFirst().prefix { $0 != quote })
  }

  private static func utf16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> [UInt8] {
    var units: [UInt16] = []
    units.reserveCapacity(bytes.count / 2)
    var index = bytes.startIndex
    while index + 1 < bytes.endIndex {
      let first = UInt16(bytes[index])
      let second = UInt16(bytes[index + 1])
      units.append(bigEndian ? first << 8 | second : second << 8 | first)
      index += 2
    }
    return Array(String(decoding: units, as: UTF16.self).utf8)
  }

  /// Latin-1 maps each byte to the scalar of the same number; windows-1252 differs in 0x80–0x9F.
  private static func singleByte(_ bytes: [UInt8], table: [UInt32]?) -> [UInt8] {
    var scalars = String.UnicodeScalarView()
    for byte in bytes {
      var value = UInt32(byte)
      if let table, (0x80...0x9F).contains(byte) { value = table[Int(byte) - 0x80] }
      scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
    }
    return Array(String(scalars).utf8)
  }

  /// windows-1252 for 0x80–0x9F; the five unassigned bytes keep their Latin-1 meaning.
  private static let windows1252: [UInt32] = [
    0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,
    0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A,
    0x0153, 0x9D, 0x017E, 0x0178,
  ]
}
