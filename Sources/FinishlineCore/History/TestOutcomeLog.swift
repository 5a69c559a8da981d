/// Every test one machine counted, by the name failure groups give it, with its outcome: what a
/// series' history records once the run is judged.
///
/// Kept as one byte buffer (an outcome letter, the name, a newline per test) rather than a
/// string per test: merging builds it for every evaluation and the parse cache stores it, while
/// it is read only once per run, when the run is first judged COMPLETED or FAILED.
///
/// A log read back from the parse cache stays where the cache is mapped (`Source`) until it is
/// read or appended to: an unchanged re-check would otherwise copy every machine's log, a tenth
/// of its work on a large run, for nothing.
public struct TestOutcomeLog: Sendable, Equatable {
  /// Bytes held elsewhere, immutable, that outlive every log made from them.
  public protocol Source: Sendable {
    func withLogBytes<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result
  }

  private var owned: [UInt8] = []
  private var source: (any Source)?

  public init() {}

  /// A log as `bytes` holds it; `nil` when they are not one (a torn cache).
  public init?(bytes: [UInt8]) {
    guard bytes.isEmpty || bytes.last == ASCII.newline else { return nil }
    owned = bytes
  }

  /// A log as `source` holds it, left there; `nil` when its bytes are not one.
  public init?(source: any Source) {
    guard source.withLogBytes({ $0.isEmpty || $0.last == ASCII.newline }) else { return nil }
    self.source = source
  }

  /// The log's bytes, copied out of a `Source`.
  public var bytes: [UInt8] { withBytes { Array($0) } }

  /// The log's bytes, wherever they are, valid only inside `body`.
  public func withBytes<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result {
    if let source { return source.withLogBytes(body) }
    return owned.withUnsafeBytes(body)
  }

  public static func == (left: TestOutcomeLog, right: TestOutcomeLog) -> Bool {
    left.withBytes { leftBytes in right.withBytes { leftBytes.elementsEqual($0) } }
  }

  /// Before a change: a log still in its `Source` is copied out first.
  private mutating func own() {
    guard let source else { return }
    owned = source.withLogBytes { Array($0) }
    self.source = nil
  }

  /// Appends `test` named as `TestName.display` names it; a tab or line break in the name is
  /// a space, so a name is always one field of one line.
  public mutating func append(_ test: TestResult) {
    own()
    owned.append(HistoryOutcome(test).rawValue)
    let prefix = test.spec?.fileNameSlice ?? test.classname?.nonBlank?[...]
    let title = test.displayTitle
    if let prefix, prefix != title {
      appendName(prefix.utf8)
      owned.append(contentsOf: Self.separator)
    }
    appendName(title.utf8)
    owned.append(ASCII.newline)
  }

  /// Appends a test already named as failure groups name it.
  public mutating func append(name: String, _ outcome: HistoryOutcome) {
    own()
    owned.append(outcome.rawValue)
    appendName(name.utf8)
    owned.append(ASCII.newline)
  }

  /// Appends every test of `other`, after this log's.
  public mutating func append(contentsOf other: TestOutcomeLog) {
    own()
    other.withBytes { owned += $0 }
  }

  /// Calls `body` with each test's outcome and name bytes, in order, without making strings.
  public func forEach(_ body: (HistoryOutcome, UnsafeBufferPointer<UInt8>) -> Void) {
    withBytes { raw in
      let buffer = raw.assumingMemoryBound(to: UInt8.self)
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
      owned.append(byte == ASCII.tab || byte == ASCII.newline || byte == ASCII.carriageReturn ? ASCII.space : byte)
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
