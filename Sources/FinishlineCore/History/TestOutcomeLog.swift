/// Every test one machine counted, by the name failure groups give it, with its outcome: what a
/// series' history records once the run is judged.
///
/// Kept as one byte buffer (an outcome letter, the name, a newline per test) rather than a
/// string per test: merging builds it for every evaluation and the parse cache stores it, while
/// it is read only once per run, when the run is first judged COMPLETED or FAILED.
public struct TestOutcomeLog: Sendable, Equatable {
  public private(set) var bytes: [UInt8] = []

  public init() {}

  /// A log as `bytes` holds it; `nil` when they are not one (a torn cache).
  public init?(bytes: [UInt8]) {
    guard bytes.isEmpty || bytes.last == ASCII.newline else { return nil }
    self.bytes = bytes
  }

  /// Appends `test` named as `TestName.display` names it; a tab or line break in the name is
  /// a space, so a name is always one field of one line.
  public mutating func append(_ test: TestResult) {
    bytes.append(HistoryOutcome(test).rawValue)
    let prefix = test.spec?.fileNameSlice ?? test.classname?.nonBlank?[...]
    let title = test.displayTitle
    if let prefix, prefix != title {
      appendName(prefix.utf8)
      bytes.append(contentsOf: Self.separator)
    }
    appendName(title.utf8)
    bytes.append(ASCII.newline)
  }

  /// Appends a test already named as failure groups name it.
  public mutating func append(name: String, _ outcome: HistoryOutcome) {
    bytes.append(outcome.rawValue)
    appendName(name.utf8)
    bytes.append(ASCII.newline)
  }

  /// Appends every test of `other`, after this log's.
  public mutating func append(contentsOf other: TestOutcomeLog) {
    bytes += other.bytes
  }

  /// Calls `body` with each test's outcome and name bytes, in order, without making strings.
  public func forEach(_ body: (HistoryOutcome, UnsafeBufferPointer<UInt8>) -> Void) {
    bytes.withUnsafeBufferPointer { buffer in
      var start = 0
      while start < buffer.count {
        var end = start
        while end < buffer.count, buffer[end] != ASCII.newline { end += 1 }
        if let outcome = HistoryOutcome(rawValue: buffer[start]) {
          body(outcome, UnsafeBufferPointer(rebasing: buffer[(start + 1)..<end]))
        }
        start = end + 1
      }
    }
  }

  private mutating func appendName(_ name: some Collection<UInt8>) {
    for byte in name {
      bytes.append(byte == ASCII.tab || byte == ASCII.newline || byte == ASCII.carriageReturn ? ASCII.space : byte)
    }
  }

  private static let separator = Array(" › ".utf8)

  /// Each test and its outcome, in the order appended.
  public var tests: [(name: String, outcome: HistoryOutcome)] {
    bytes.split(separator: ASCII.newline).compactMap { line in
      guard let outcome = line.first.flatMap(HistoryOutcome.init(rawValue:)) else { return nil }
      return (String(decoding: line.dropFirst(), as: UTF8.self), outcome)
    }
  }
}
