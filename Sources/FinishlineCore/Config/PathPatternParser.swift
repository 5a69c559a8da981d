/// Turns pattern text into segments. Placeholders are expanded while parsing, into literal
/// characters, so a build name containing `*`, `?` or `[` can never act as a wildcard.
struct PathPatternParser {
  /// What the parser produced: the segments and whether they start at `/`.
  struct Parsed {
    var isAbsolute: Bool
    var segments: [PathSegment]
  }

  private let pattern: String
  private let run: String
  private let stateDir: String
  private let group: String?
  private let characters: [Character]
  private var position = 0
  private var isAbsolute = false
  private var producedAnything = false
  private var segments: [PathSegment] = []
  private var current: [NamePattern.Element] = []
  private var machineCount = 0

  init(pattern: String, run: String, stateDir: String, group: String?) {
    self.pattern = pattern
    self.run = run
    self.stateDir = stateDir
    self.group = group
    characters = Array(pattern)
  }

  mutating func parse() throws(PathPatternError) -> Parsed {
    while let character = next() {
      switch character {
      case "/": endSegment()
      case "\\":
        guard let escaped = next() else { throw .trailingBackslash(pattern: pattern) }
        append(.literal(escaped))
      case "*": try parseStar()
      case "?": append(.anyCharacter)
      case "[": append(.characterClass(try parseBracket()))
      case "{": try parsePlaceholder()
      default: append(.literal(character))
      }
    }
    endSegment()
    guard let last = segments.last else { throw .empty(pattern: pattern) }
    // A trailing `**` means every file below, as `**/*` does.
    if last == .anyDirectories { segments.append(.wildcard(NamePattern(elements: [.anyRun]))) }
    return Parsed(isAbsolute: isAbsolute, segments: segments)
  }

  private mutating func next() -> Character? {
    guard position < characters.count else { return nil }
    defer { position += 1 }
    return characters[position]
  }

  private func peek(_ offset: Int = 0) -> Character? {
    position + offset < characters.count ? characters[position + offset] : nil
  }

  private mutating func append(_ element: NamePattern.Element) {
    producedAnything = true
    current.append(element)
  }

  /// Closes the segment being built; empty segments (`a//b`) and `.` vanish.
  private mutating func endSegment() {
    if !producedAnything { isAbsolute = true }
    producedAnything = true
    defer { current = [] }
    guard !current.isEmpty else { return }
    let literal = current.compactMap { element -> Character? in
      guard case .literal(let character) = element else { return nil }
      return character
    }
    guard literal.count == current.count else {
      segments.append(.wildcard(NamePattern(elements: current)))
      return
    }
    let name = String(literal)
    guard name != "." else { return }
    segments.append(.literal(name))
  }

  /// `*` within a name, or `**` standing alone as a segment.
  private mutating func parseStar() throws(PathPatternError) {
    guard peek() == "*" else { return append(.anyRun) }
    position += 1
    guard current.isEmpty, peek() == nil || peek() == "/" else {
      throw .globstarInsideSegment(pattern: pattern)
    }
    producedAnything = true
    // `**/**` means no more than `**` does; keeping one avoids walking the tree twice.
    if segments.last != .anyDirectories { segments.append(.anyDirectories) }
  }

  /// Parses after `[` up to the closing `]`; a `]` first in the list is a member.
  private mutating func parseBracket() throws(PathPatternError) -> NamePattern.CharacterClass {
    var characterClass = NamePattern.CharacterClass(negated: false, ranges: [])
    if peek() == "!" || peek() == "^" {
      characterClass.negated = true
      position += 1
    }
    while true {
      let (low, escaped) = try classMember()
      if low == "]" && !escaped && !characterClass.ranges.isEmpty { return characterClass }
      guard peek() == "-", let afterDash = peek(1), afterDash != "]" else {
        characterClass.ranges.append(low...low)
        continue
      }
      position += 1
      let (high, _) = try classMember()
      guard low <= high else { throw .reversedRange("\(low)-\(high)", pattern: pattern) }
      characterClass.ranges.append(low...high)
    }
  }

  /// One character inside brackets, unescaping `\x`; a class never spans a `/`.
  private mutating func classMember() throws(PathPatternError) -> (Character, escaped: Bool) {
    guard let character = next(), character != "/" else {
      throw .unclosedBracket(pattern: pattern)
    }
    guard character == "\\" else { return (character, false) }
    guard let escaped = next(), escaped != "/" else { throw .unclosedBracket(pattern: pattern) }
    return (escaped, true)
  }

  /// Expands `{run}`, `{state_dir}` and `{group}` as literal text and records `{machine}`;
  /// `{group}` without a group (a plain check, config validation) matches any one name.
  private mutating func parsePlaceholder() throws(PathPatternError) {
    var name = ""
    while true {
      guard let character = next() else { throw .unclosedBrace(pattern: pattern) }
      if character == "}" { break }
      name.append(character)
    }
    switch name {
    case "run": appendLiteral(run)
    case "state_dir": appendLiteral(stateDir)
    case "group":
      if let group { appendLiteral(group) } else { append(.anyRun) }
    case "machine":
      machineCount += 1
      guard machineCount == 1 else { throw .repeatedMachine(pattern: pattern) }
      append(.machine)
    default:
      throw .unknownPlaceholder(name, pattern: pattern)
    }
  }

  /// Inserts text character by character; a `/` in it still separates directories.
  private mutating func appendLiteral(_ text: String) {
    for character in text {
      if character == "/" { endSegment() } else { append(.literal(character)) }
    }
  }
}
