/// A pull scanner over UTF-8 XML bytes, written for result files that may still be being written.
///
/// Foundation's `XMLParser` (libxml2) gives up on documents over 10 MB and cannot say whether a
/// document was cut short or is broken; finishline needs exactly that distinction, with a line.
/// The scanner checks well-formedness of structure (tags nest, one root) but is lenient about
/// content: unknown entities are kept literally, invalid character references become U+FFFD,
/// and bytes that are not UTF-8 are replaced rather than rejected.
///
/// Newlines inside attribute values are kept as written instead of being normalized to spaces
/// as XML prescribes: reporters such as jest-junit write multi-line failure messages into
/// attributes, and the lines are needed to strip stack frames from them.
struct XMLScanner {
  /// The document, or, when scanning a stream, the part of it not yet consumed.
  private var bytes: [UInt8]
  /// Where more of a streamed document comes from; `nil` once it has all arrived.
  private var source: (any ByteSource)?
  /// The stream failed (gone, grown past the read limit); the scan stopped there.
  private(set) var sourceFailed = false
  private var chunk = 0
  private var position: Int
  /// The 1-based line at the scanner's position.
  private(set) var line = 1
  /// The line on which the most recently returned event started.
  private(set) var eventLine = 1
  /// Open elements, innermost last: each name, and its line.
  private var open: [(name: String, line: Int)] = []
  /// The end event owed for a self-closing tag.
  private var pendingEnd: String?
  private var sawRoot = false

  init(_ bytes: [UInt8]) {
    self.bytes = bytes
    let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
    position = bytes.starts(with: byteOrderMark) ? byteOrderMark.count : 0
  }

  /// Scans UTF-8 from `source` a chunk at a time: memory holds the longest piece of markup or
  /// text, not the document. Events and errors are the ones the whole document would give.
  /// `chunk` is the least read at a time (small in tests, to cut events everywhere).
  init(streaming source: any ByteSource, chunk: Int = 256 << 10) {
    self.init([])
    self.source = source
    self.chunk = max(chunk, 1)
    while bytes.count < 3, self.source != nil { refill() }
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
  }

  /// The next event, or `nil` after the root element has closed and only trailing whitespace,
  /// comments or processing instructions remain.
  ///
  /// A streamed document is scanned in what has arrived; where an event may go on past it
  /// (markup cut short, text up to the end), the scan is undone, more is read, and it runs
  /// again.
  mutating func next() throws(XMLScanError) -> XMLEvent? {
    while true {
      let saved = (position, line, eventLine)
      do {
        let event = try scanEvent()
        // Text, or the end of the document, at the end of what has arrived may go on after it.
        let mayGoOn =
          switch event {
          case .text?, nil: true
          default: false
          }
        if source == nil || position < bytes.count || !mayGoOn { return event }
      } catch let error where error.kind == .truncated && source != nil {
        // Cut short by the end of what has arrived, not by the end of the file.
      }
      (position, line, eventLine) = saved
      refill()
    }
  }

  /// Drops what is consumed and reads at least as much again as is left, so an event that
  /// spans many chunks is rescanned a logarithmic number of times; at the end of the stream
  /// the scanner holds the whole rest of the document.
  private mutating func refill() {
    guard var stream = source else { return }
    if position > 0 {
      bytes.removeSubrange(..<position)
      position = 0
    }
    let wanted = max(bytes.count, chunk)
    var chunk = [UInt8](repeating: 0, count: wanted)
    var added = 0
    while added < wanted {
      let count: Int
      do {
        count = try chunk.withUnsafeMutableBufferPointer { buffer in
          try stream.read(into: UnsafeMutableBufferPointer(rebasing: buffer[added...]))
        }
      } catch {
        sourceFailed = true
        count = 0
      }
      guard count > 0 else {
        bytes += chunk[..<added]
        source = nil
        return
      }
      added += count
    }
    bytes += chunk
    source = stream
  }

  private mutating func scanEvent() throws(XMLScanError) -> XMLEvent? {
    if let name = pendingEnd {
      pendingEnd = nil
      open.removeLast()
      return .endElement(name: name)
    }
    while position < bytes.count {
      eventLine = line
      guard bytes[position] == ASCII.lessThan else {
        let text = scanText()
        if !open.isEmpty { return .text(text) }
        guard text.allSatisfy(\.isWhitespace) else {
          throw error(.malformed, "text outside the root element", at: eventLine)
        }
        continue
      }
      if position + 1 < bytes.count, bytes[position + 1] == ASCII.exclamation,
        matches("<!DOCTYPE")
      {
        try skipDoctype()
        continue
      }
      return try scanMarkup()
    }
    if let innermost = open.last {
      throw error(.truncated, "ends inside <\(innermost.name)> opened at line \(innermost.line)")
    }
    if !sawRoot { throw error(.truncated, "no root element") }
    return nil
  }

  /// Dispatches on what follows `<` at `position`.
  private mutating func scanMarkup() throws(XMLScanError) -> XMLEvent {
    let second = position + 1 < bytes.count ? bytes[position + 1] : nil
    switch second {
    case ASCII.slash:
      return try scanEndTag()
    case ASCII.exclamation:
      return try scanDeclaration()
    case ASCII.questionMark:
      let body = try scan(through: "?>", from: position + 2, what: "a processing instruction")
      let content = bytes[body]
      let targetEnd = content.firstIndex(where: ASCII.isWhitespace) ?? content.endIndex
      let data = content[targetEnd...].drop(while: ASCII.isWhitespace)
      return .processingInstruction(
        target: String(decoding: content[..<targetEnd], as: UTF8.self),
        data: String(decoding: data, as: UTF8.self))
    default:
      return try scanStartTag()
    }
  }

  /// A comment or a CDATA section (`<!DOCTYPE` is skipped before this is reached).
  private mutating func scanDeclaration() throws(XMLScanError) -> XMLEvent {
    if matches("<!--") {
      let body = try scan(through: "-->", from: position + 4, what: "a comment")
      return .comment(String(decoding: bytes[body], as: UTF8.self))
    }
    if matches("<![CDATA[") {
      guard !open.isEmpty else { throw error(.malformed, "CDATA outside the root element") }
      let body = try scan(through: "]]>", from: position + 9, what: "a CDATA section")
      return .cdata(String(decoding: bytes[body], as: UTF8.self))
    }
    let rest = bytes[position...]
    let unfinished = ["<!--", "<![CDATA[", "<!DOCTYPE"].contains { $0.utf8.starts(with: rest) }
    guard unfinished else { throw error(.malformed, "unknown markup starting with `<!`") }
    throw error(.truncated, "ends inside markup starting with `<!`")
  }

  private mutating func scanStartTag() throws(XMLScanError) -> XMLEvent {
    let tagLine = line
    position += 1
    let nameRange = try scanName(in: .startTag, openedAt: tagLine)
    if open.isEmpty, sawRoot {
      throw error(.malformed, "a second root element <\(name(nameRange))>", at: tagLine)
    }
    var attributes: [XMLAttribute] = []
    while true {
      skipWhitespace()
      guard position < bytes.count else { throw unfinishedTag(nameRange, tagLine) }
      switch bytes[position] {
      case ASCII.greaterThan:
        position += 1
        let elementName = name(nameRange)
        open.append((elementName, tagLine))
        sawRoot = true
        return .startElement(name: elementName, attributes: attributes)
      case ASCII.slash:
        guard position + 1 < bytes.count else { throw unfinishedTag(nameRange, tagLine) }
        guard bytes[position + 1] == ASCII.greaterThan else {
          throw error(.malformed, "`/` inside <\(name(nameRange))> is not followed by `>`")
        }
        position += 2
        let elementName = name(nameRange)
        open.append((elementName, tagLine))
        sawRoot = true
        pendingEnd = elementName
        return .startElement(name: elementName, attributes: attributes)
      default:
        attributes.append(try scanAttribute(of: nameRange, tagLine: tagLine))
      }
    }
  }

  private mutating func scanAttribute(
    of element: Range<Int>, tagLine: Int
  ) throws(XMLScanError) -> XMLAttribute {
    let attributeName = try scanName(in: .attribute(of: element), openedAt: tagLine)
    skipWhitespace()
    guard position < bytes.count else { throw unfinishedTag(element, tagLine) }
    guard bytes[position] == ASCII.equals else {
      throw error(.malformed, "attribute `\(name(attributeName))` has no value")
    }
    position += 1
    skipWhitespace()
    guard position < bytes.count else { throw unfinishedTag(element, tagLine) }
    let quote = bytes[position]
    guard quote == ASCII.doubleQuote || quote == ASCII.singleQuote else {
      throw error(.malformed, "the value of `\(name(attributeName))` is not quoted")
    }
    let valueStart = position + 1
    var cursor = valueStart
    var hasReference = false
    while cursor < bytes.count, bytes[cursor] != quote {
      if bytes[cursor] == ASCII.newline { line += 1 }
      if bytes[cursor] == ASCII.ampersand { hasReference = true }
      cursor += 1
    }
    position = cursor
    guard cursor < bytes.count else { throw unfinishedTag(element, tagLine) }
    position += 1
    return XMLAttribute(
      name: name(attributeName), value: decode(valueStart..<cursor, hasReference: hasReference))
  }

  private mutating func scanEndTag() throws(XMLScanError) -> XMLEvent {
    let tagLine = line
    position += 2
    let nameRange = try scanName(in: .endTag, openedAt: tagLine)
    skipWhitespace()
    guard position < bytes.count else {
      throw error(.truncated, "ends inside </\(name(nameRange))> begun at line \(tagLine)")
    }
    guard bytes[position] == ASCII.greaterThan else {
      throw error(.malformed, "</\(name(nameRange))> is not closed by `>`")
    }
    position += 1
    guard let innermost = open.last else {
      throw error(.malformed, "</\(name(nameRange))> closes nothing", at: tagLine)
    }
    guard innermost.name.utf8.elementsEqual(bytes[nameRange]) else {
      throw error(
        .malformed,
        "</\(name(nameRange))> does not close <\(innermost.name)> opened at line "
          + "\(innermost.line)",
        at: tagLine)
    }
    open.removeLast()
    return .endElement(name: innermost.name)
  }

  /// Skips `<!DOCTYPE …>`, including an internal subset in brackets and quoted literals.
  private mutating func skipDoctype() throws(XMLScanError) {
    let start = line
    var depth = 0
    var quote: UInt8?
    position += 9
    while position < bytes.count {
      let byte = bytes[position]
      position += 1
      if byte == ASCII.newline { line += 1 }
      if let open = quote {
        if byte == open { quote = nil }
      } else if byte == ASCII.doubleQuote || byte == ASCII.singleQuote {
        quote = byte
      } else if byte == ASCII.openBracket {
        depth += 1
      } else if byte == ASCII.closeBracket {
        depth -= 1
      } else if byte == ASCII.greaterThan, depth <= 0 {
        return
      }
    }
    throw error(.truncated, "ends inside <!DOCTYPE> begun at line \(start)")
  }

  /// Character data up to the next `<` or the end, entities decoded.
  private mutating func scanText() -> String {
    let start = position
    var hasReference = false
    var lines = 0
    // Over the buffer, counting into locals: text is most of a report's bytes.
    position = bytes.withUnsafeBufferPointer { buffer in
      var index = start
      while index < buffer.count {
        let byte = buffer[index]
        if byte == ASCII.lessThan { break }
        if byte == ASCII.newline { lines += 1 } else if byte == ASCII.ampersand { hasReference = true }
        index += 1
      }
      return index
    }
    line += lines
    return decode(start..<position, hasReference: hasReference)
  }

  /// The body before `terminator`, leaving `position` after it.
  private mutating func scan(
    through terminator: String, from start: Int, what: String
  ) throws(XMLScanError) -> Range<Int> {
    let startLine = line
    let end = Array(terminator.utf8)
    let first = end[0]
    var lines = 0
    let found = bytes.withUnsafeBufferPointer { buffer -> Int? in
      var cursor = start
      while cursor < buffer.count {
        let byte = buffer[cursor]
        if byte == first, buffer[cursor...].starts(with: end) { return cursor }
        if byte == ASCII.newline { lines += 1 }
        cursor += 1
      }
      return nil
    }
    line += lines
    if let found {
      position = found + end.count
      return start..<found
    }
    position = bytes.count
    throw error(.truncated, "ends inside \(what) begun at line \(startLine)")
  }

  /// An element or attribute name: everything up to whitespace, `/`, `>`, `=` or `<`.
  private mutating func scanName(
    in site: NameSite, openedAt tagLine: Int
  ) throws(XMLScanError) -> Range<Int> {
    let start = position
    while position < bytes.count, !ASCII.endsName(bytes[position]) { position += 1 }
    guard position < bytes.count else {
      throw error(.truncated, "ends inside \(describe(site)) begun at line \(tagLine)")
    }
    guard position > start else {
      throw error(.malformed, "a name is missing in \(describe(site))")
    }
    return start..<position
  }

  /// Where a name is read, for error messages; built only when there is an error to report.
  private enum NameSite {
    case startTag
    case endTag
    case attribute(of: Range<Int>)
  }

  private func describe(_ site: NameSite) -> String {
    switch site {
    case .startTag: "a start tag"
    case .endTag: "an end tag"
    case .attribute(let element): "<\(name(element))>"
    }
  }

  private mutating func skipWhitespace() {
    while position < bytes.count, ASCII.isWhitespace(bytes[position]) {
      if bytes[position] == ASCII.newline { line += 1 }
      position += 1
    }
  }

  private func matches(_ literal: String) -> Bool {
    bytes[position...].starts(with: literal.utf8)
  }

  private func name(_ range: Range<Int>) -> String {
    String(decoding: bytes[range], as: UTF8.self)
  }

  private func unfinishedTag(_ element: Range<Int>, _ tagLine: Int) -> XMLScanError {
    error(.truncated, "ends inside the tag <\(name(element))> begun at line \(tagLine)")
  }

  private func error(_ kind: XMLScanError.Kind, _ detail: String, at line: Int? = nil)
    -> XMLScanError
  {
    XMLScanError(kind: kind, line: line ?? self.line, detail: detail)
  }

  /// The text of `range` with the five predefined entities and character references replaced.
  private func decode(_ range: Range<Int>, hasReference: Bool) -> String {
    guard hasReference else { return String(decoding: bytes[range], as: UTF8.self) }
    var output: [UInt8] = []
    output.reserveCapacity(range.count)
    var cursor = range.lowerBound
    while cursor < range.upperBound {
      let byte = bytes[cursor]
      if byte == ASCII.ampersand,
        let (scalar, length) = XMLEntity.reference(in: bytes[cursor..<range.upperBound])
      {
        UTF8.encode(scalar) { output.append($0) }
        cursor += length
      } else {
        output.append(byte)
        cursor += 1
      }
    }
    return String(decoding: output, as: UTF8.self)
  }
}
