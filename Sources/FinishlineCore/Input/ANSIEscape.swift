/// Terminal colour codes that test runners leave in error messages (Playwright, Jest and the
/// CTRF reporters built on them): people read the message in a chat post, and failures are
/// grouped by it, so the codes go.
enum ANSIEscape {
  /// `text` without CSI sequences (`ESC [ … final byte`, such as `\u{1B}[31m`).
  static func strip(_ text: String) -> String {
    guard text.utf8.contains(0x1B) else { return text }
    var kept: [UInt8] = []
    kept.reserveCapacity(text.utf8.count)
    var bytes = text.utf8.makeIterator()
    while let byte = bytes.next() {
      guard byte == 0x1B else {
        kept.append(byte)
        continue
      }
      guard let introducer = bytes.next() else { break }
      guard introducer == UInt8(ascii: "[") else { continue }
      while let next = bytes.next(), !(0x40...0x7E).contains(next) {}
    }
    return String(decoding: kept, as: UTF8.self)
  }
}
