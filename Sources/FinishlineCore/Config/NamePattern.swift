/// A glob for one file or directory name: `*`, `?`, `[abc]`, `[a-z]`, `[!x]` and at most one
/// `{machine}` capture, as in `results-{machine}.json`.
///
/// Like the shell, a wildcard never matches a leading `.`: hidden files such as editors' and
/// reporters' temporary files are not artifacts unless a pattern names the dot itself.
public struct NamePattern: Sendable, Equatable {
  /// One matching step within a name.
  enum Element: Sendable, Equatable {
    case literal(Character)
    /// `?`
    case anyCharacter
    /// `*`
    case anyRun
    /// `[...]`
    case characterClass(CharacterClass)
    /// `{machine}`: one or more characters, reported as the machine name.
    case machine
  }

  /// A bracket expression: the characters and ranges listed, or everything else when negated.
  struct CharacterClass: Sendable, Equatable {
    var negated: Bool
    var ranges: [ClosedRange<Character>]

    func contains(_ character: Character) -> Bool {
      ranges.contains { $0.contains(character) } != negated
    }
  }

  let elements: [Element]
  /// For a pattern of ASCII literals around at most one `*` (`*.json`, `results-*.xml`), the
  /// bytes before and after it: an ASCII name is matched by comparing bytes, without the
  /// search, which a re-check runs for every file of the run.
  private let affixes: Affixes?

  init(elements: [Element]) {
    self.elements = elements
    affixes = Affixes(elements)
  }

  /// Whether this name pattern captures the machine name.
  public var capturesMachine: Bool { elements.contains(.machine) }

  /// Matches a whole name; returns `nil` when it does not match, or the match with the
  /// `{machine}` capture (the longest one that lets the rest match).
  public func match(_ name: String) -> NameMatch? {
    var name = name
    if let matched = name.withUTF8(matchByBytes) { return matched ? NameMatch() : nil }
    return matching(name)
  }

  /// `match`, for a path component.
  func match(_ name: Substring) -> NameMatch? {
    var name = name
    if let matched = name.withUTF8(matchByBytes) { return matched ? NameMatch() : nil }
    return matching(name)
  }

  /// Whether an ASCII name matches a one-star pattern, on its contiguous bytes; `nil` when the
  /// search must decide (another pattern, or a name that is not ASCII).
  private func matchByBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
    guard let affixes, bytes.allSatisfy({ $0 < 0x80 && $0 != ASCII.carriageReturn }) else { return nil }
    if bytes.first == UInt8(ascii: ".") && elements.first != .literal(".") { return false }
    return affixes.match(bytes)
  }

  private func matching(_ name: some StringProtocol) -> NameMatch? {
    // ASCII (nearly every file name) becomes Characters without grapheme breaking, which CR LF
    // alone would need.
    let ascii = name.utf8.allSatisfy { $0 < 0x80 && $0 != ASCII.carriageReturn }
    if Self.isHidden(name) && elements.first != .literal(".") { return nil }
    let characters = ascii ? name.utf8.map { Character(Unicode.Scalar($0)) } : Array(name)
    var search = Search(elements: elements, characters: characters)
    guard search.matches(element: 0, at: 0) else { return nil }
    return NameMatch(machine: search.machine.map { String(characters[$0]) })
  }

  /// Names starting with a dot are hidden: only a pattern spelling the dot out matches them.
  static func isHidden(_ name: some StringProtocol) -> Bool { name.first == "." }

  /// The literal bytes before and after a pattern's one `*` (all of them, without one).
  private struct Affixes: Sendable, Equatable {
    var prefix: [UInt8] = []
    var suffix: [UInt8] = []
    var hasRun = false

    init?(_ elements: [Element]) {
      for element in elements {
        switch element {
        case .anyRun where !hasRun: hasRun = true
        case .literal(let character) where character.utf8.count == 1 && character.isASCII:
          if hasRun { suffix += character.utf8 } else { prefix += character.utf8 }
        default: return nil
        }
      }
    }

    func match(_ name: some Collection<UInt8>) -> Bool {
      guard hasRun else { return name.elementsEqual(prefix) }
      return name.count >= prefix.count + suffix.count && name.starts(with: prefix)
        && name.dropFirst(name.count - suffix.count).elementsEqual(suffix)
    }
  }

  /// A backtracking match that remembers failed (element, position) pairs, so patterns with
  /// several `*` stay linear in practice instead of exponential.
  private struct Search {
    let elements: [Element]
    let characters: [Character]
    var failed: Set<Int> = []
    var machine: Range<Int>?

    init(elements: [Element], characters: [Character]) {
      self.elements = elements
      self.characters = characters
    }

    mutating func matches(element: Int, at position: Int) -> Bool {
      let key = element * (characters.count + 1) + position
      if failed.contains(key) { return false }
      if attempt(element: element, at: position) { return true }
      failed.insert(key)
      return false
    }

    private mutating func attempt(element: Int, at position: Int) -> Bool {
      guard element < elements.count else { return position == characters.count }
      let remaining = characters.count - position
      switch elements[element] {
      case .literal(let character):
        return remaining > 0 && characters[position] == character
          && matches(element: element + 1, at: position + 1)
      case .anyCharacter:
        return remaining > 0 && matches(element: element + 1, at: position + 1)
      case .characterClass(let characterClass):
        return remaining > 0 && characterClass.contains(characters[position])
          && matches(element: element + 1, at: position + 1)
      case .anyRun:
        for end in (position...characters.count).reversed()
        where matches(element: element + 1, at: end) {
          return true
        }
        return false
      case .machine:
        guard remaining > 0 else { return false }
        for end in (position + 1...characters.count).reversed()
        where matches(element: element + 1, at: end) {
          machine = position..<end
          return true
        }
        return false
      }
    }
  }
}

/// A name that matched a `NamePattern`, with what `{machine}` captured.
public struct NameMatch: Sendable, Equatable {
  public var machine: String?

  init(machine: String? = nil) { self.machine = machine }
}
