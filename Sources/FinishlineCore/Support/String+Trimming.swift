/// Report attributes and JSON fields are often present but blank; treating blank as absent lets
/// parsers fall back to the next source with `??`.
extension StringProtocol {
  /// The text without leading and trailing whitespace.
  public var trimmingWhitespace: SubSequence {
    guard let first = firstIndex(where: { !$0.isWhitespace }),
      let last = lastIndex(where: { !$0.isWhitespace })
    else { return self[endIndex...] }
    return self[first...last]
  }

  /// The text without trailing whitespace (aligned columns leave padding at a line's end).
  var trimmingTrailingWhitespace: SubSequence {
    guard let last = lastIndex(where: { !$0.isWhitespace }) else { return self[endIndex...] }
    return self[...last]
  }

  /// The text itself, or `nil` when it is empty or only whitespace.
  ///
  /// A printable ASCII byte other than space settles it without a walk over Characters: no
  /// Character that holds one is whitespace.
  var nonBlank: String? {
    if utf8.contains(where: { (0x21...0x7E).contains($0) }) { return String(self) }
    return allSatisfy(\.isWhitespace) ? nil : String(self)
  }
}
