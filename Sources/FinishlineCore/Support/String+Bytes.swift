extension StringProtocol {
  /// Whether `needle` occurs in the text, compared byte by byte in UTF-8.
  ///
  /// `contains` on Strings compares Characters, which made it a visible part of reading
  /// every report file; the needles finishline looks for are ASCII, where bytes and
  /// Characters agree.
  func containsUTF8(_ needle: StaticString) -> Bool {
    let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
    guard let first = pattern.first else { return true }
    let bytes = utf8
    var start = bytes.startIndex
    while let found = bytes[start...].firstIndex(of: first) {
      if bytes[found...].starts(with: pattern) { return true }
      start = bytes.index(after: found)
    }
    return false
  }
}
