extension String {
  /// The file name a path ends in, `/` or `\` separated: reporters name the same spec relative,
  /// absolute or with Windows separators, and only its file name identifies it everywhere.
  ///
  /// Found in the UTF-8 bytes (both separators are ASCII): it is asked for every test of every
  /// report, where splitting into Characters was a measurable part of a cold evaluation.
  public var fileName: String {
    let slice = fileNameSlice
    return slice.startIndex == startIndex && slice.endIndex == endIndex ? self : String(slice)
  }

  /// `fileName` without a copy, for keys built once per test.
  var fileNameSlice: Substring {
    let bytes = utf8
    let isSeparator = { (byte: UInt8) in byte == UInt8(ascii: "/") || byte == UInt8(ascii: "\\") }
    guard let last = bytes.lastIndex(where: { !isSeparator($0) }) else { return self[...] }
    let end = bytes.index(after: last)
    let start = bytes[..<last].lastIndex(where: isSeparator).map(bytes.index(after:)) ?? bytes.startIndex
    return self[start..<end]
  }
}
