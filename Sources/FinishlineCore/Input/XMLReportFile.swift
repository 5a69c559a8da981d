internal import FoundationEssentials

/// What an XML report reader is: `XMLScanner` events in, one `ParsedReport` out, for a
/// document whose root element is one of `roots`.
protocol XMLReportReading {
  /// The local names a report of this format may have as its root, in the order errors name
  /// them.
  static var roots: [String] { get }
  init(retries: RetryMode)
  mutating func read(_ event: XMLEvent)
  var report: ParsedReport { get }
}

/// The whole-file read every XML report reader has: the encoding decoded, a file that is no
/// XML or has another root named, and a scan error (truncated or malformed, with its line)
/// reported as unreadable.
enum XMLReportFile {
  static func parse<Reader: XMLReportReading>(
    _ data: Data, path: String, format: String, reader: Reader.Type, retries: RetryMode
  ) -> ReportParseResult {
    let bytes = TextEncoding.utf8([UInt8](data))
    if let first = PrefixedSource.firstSignificantByte(of: bytes[...]), first != ASCII.lessThan {
      return .notAReport(reason: "\(path): not a \(format) report: it does not start with `<`")
    }
    var scanner = XMLScanner(bytes)
    return scan(&scanner, path: path, format: format, reader: Reader(retries: retries))
  }

  /// The same read a chunk at a time, for a UTF-8 file that starts with `<`; `nil` for any
  /// other (UTF-16, a declared single-byte encoding, no XML) and for a file that failed while
  /// it was read, which the whole-file read then decodes or names.
  static func parse<Reader: XMLReportReading>(
    streaming source: any ByteSource, path: String, format: String, reader: Reader.Type, retries: RetryMode
  ) -> ReportParseResult? {
    let head = PrefixedSource(source, prefix: 4096)
    let encoding = TextEncoding.declaredEncoding(head.prefix)
    guard !head.prefix.starts(with: [0xFF, 0xFE]), !head.prefix.starts(with: [0xFE, 0xFF]),
      encoding == nil || ["utf-8", "utf8", "us-ascii", "ascii"].contains(encoding),
      head.firstSignificantByte() == ASCII.lessThan
    else { return nil }
    var scanner = XMLScanner(streaming: head)
    let result = scan(&scanner, path: path, format: format, reader: Reader(retries: retries))
    return scanner.sourceFailed ? nil : result
  }

  private static func scan<Reader: XMLReportReading>(
    _ scanner: inout XMLScanner, path: String, format: String, reader: Reader
  ) -> ReportParseResult {
    var reader = reader
    var sawRoot = false
    do {
      while let event = try scanner.next() {
        if !sawRoot, case .startElement(let name, _) = event {
          sawRoot = true
          let root = name.localName
          guard Reader.roots.contains(root) else {
            let expected = Reader.roots.map { "<\($0)>" }.joined(separator: " or ")
            return .notAReport(
              reason: "\(path): not a \(format) report: the root element is <\(root)>, not \(expected)")
          }
        }
        reader.read(event)
      }
    } catch {
      return .unreadable(reason: "\(path): \(error)")
    }
    return .parsed(reader.report)
  }
}

extension String {
  /// An element name without its namespace prefix (`t:TestRun` is `TestRun`).
  var localName: String {
    guard let colon = utf8.lastIndex(of: UInt8(ascii: ":")) else { return self }
    return String(self[index(after: colon)...])
  }
}
