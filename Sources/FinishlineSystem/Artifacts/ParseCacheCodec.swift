internal import FinishlineCore
internal import FoundationEssentials

/// The parse cache's file format: compact binary, because an unchanged re-check reads it every
/// minute and decoding megabytes of JSON through Codable cost more than the parse it saved.
///
/// `FLPC`, a format version, the finishline version, the entries (each result behind its
/// length, so it can be left encoded until it is needed), then each machine's merge (the
/// indices of its entries and its results); every read is bounds-checked and any surprise (a
/// torn or foreign file) makes the whole cache `nil`, never wrong. A field added to
/// `ParsedReport`, `TestResult` or `MachineResults` must be added here, with the version
/// bumped; `ParseCacheTests` round-trips every fixture to catch one that is not.
enum ParseCacheCodec {
  static let magic: [UInt8] = Array("FLPC".utf8)
  /// A test's outcome is one byte, its place here: listed, so a new case cannot renumber them.
  static let outcomes: [TestOutcome] = [.passed, .failed, .pending, .skipped]

  /// Past `limit` bytes: a cache that large is not kept.
  struct TooLarge: Error {}

  /// The whole cache file, for tests and the fuzzer's seeds.
  static func encode(_ entries: [ParseCache.Entry], memos: [String: ParseCache.Memo], version: Int) -> [UInt8] {
    var bytes: [UInt8] = []
    // No limit is passed, so nothing throws.
    try? encode(entries, memos: memos, version: version, limit: .max) { bytes += $0 }
    return bytes
  }

  /// The cache file, handed to `write` a piece at a time (about a megabyte each, and a large
  /// entry's own bytes as they are held).
  /// - Throws: `TooLarge` once more than `limit` bytes would be written, or what `write` throws.
  static func encode(
    _ entries: [ParseCache.Entry], memos: [String: ParseCache.Memo], version: Int, limit: Int,
    write: (UnsafeRawBufferPointer) throws -> Void
  ) throws {
    var output = PieceWriter(limit: limit)
    var writer = Writer()
    writer.bytes = magic
    writer.int(version)
    writer.string(FinishlineVersion.current)
    writer.int(entries.count)
    var indices: [ParseCache.Key: Int] = [:]
    for (index, entry) in entries.enumerated() {
      writer.key(entry.key)
      switch entry.stored {
      case .result(let result):
        var inner = Writer()
        inner.result(result)
        writer.int(inner.bytes.count)
        writer.bytes += inner.bytes
        try output.flush(&writer, to: write)
      case .encoded(let encoded) where encoded.range.count < 1 << 16:
        writer.int(encoded.range.count)
        encoded.withBytes { writer.bytes += $0 }
        try output.flush(&writer, to: write)
      case .encoded(let encoded):
        // A large entry goes out as it is held, not copied into the buffer first.
        writer.int(encoded.range.count)
        try output.flush(&writer, to: write, always: true)
        try encoded.withBytes { try output.emit($0, to: write) }
      }
      indices[entry.key] = index
    }
    let written = memos.sorted { $0.key < $1.key }.filter { $0.value.keys.allSatisfy { indices[$0] != nil } }
    writer.int(written.count)
    for (machine, memo) in written {
      writer.string(machine)
      writer.int(memo.keys.count)
      for key in memo.keys { writer.int(indices[key] ?? -1) }
      writer.machine(memo.results)
      try output.flush(&writer, to: write)
    }
    try output.flush(&writer, to: write, always: true)
  }

  /// A result as the cache holds it: what a fresh parse past the held budget is kept as, too.
  static func encoded(_ result: ReportParseResult) -> ParseCache.Encoded {
    var writer = Writer()
    if case .parsed(let report) = result { writer.bytes.reserveCapacity(64 + report.tests.count * 96) }
    writer.result(result)
    return ParseCache.Encoded(storage: MappedBytes(copying: writer.bytes), range: 0..<writer.bytes.count)
  }

  /// Passes bytes on to a sink, counting them against a limit.
  private struct PieceWriter {
    let limit: Int
    var total = 0

    mutating func emit(_ piece: UnsafeRawBufferPointer, to write: (UnsafeRawBufferPointer) throws -> Void) throws {
      total += piece.count
      guard total <= limit else { throw TooLarge() }
      try write(piece)
    }

    /// Hands on what `writer` holds once it reaches a megabyte (or `always`), and empties it.
    mutating func flush(
      _ writer: inout Writer, to write: (UnsafeRawBufferPointer) throws -> Void, always: Bool = false
    ) throws {
      guard always || writer.bytes.count >= 1 << 20 else { return }
      try writer.bytes.withUnsafeBytes { try emit($0, to: write) }
      writer.bytes.removeAll(keepingCapacity: true)
    }
  }

  static func decode(
    _ bytes: [UInt8], version: Int
  ) -> (entries: [ParseCache.Entry], memos: [String: ParseCache.Memo])? {
    decode(MappedBytes(copying: bytes), version: version)
  }

  static func decode(
    _ storage: MappedBytes, version: Int
  ) -> (entries: [ParseCache.Entry], memos: [String: ParseCache.Memo])? {
    storage.withBytes(0..<storage.buffer.count) { bytes in
      var reader = Reader(bytes: bytes)
      guard reader.take(magic.count).map(Array.init) == magic, reader.int() == version,
        reader.string() == FinishlineVersion.current, let entries = reader.entries(in: storage),
        let memos = reader.memos(of: entries, in: storage), reader.atEnd
      else { return nil }
      return (entries, memos)
    }
  }

  /// The format of an entry that is a report, read without decoding the rest.
  static func format(_ encoded: ParseCache.Encoded) -> ReportFormat? {
    encoded.withBytes { bytes in
      var reader = Reader(bytes: bytes)
      guard reader.take(1)?.first == 0 else { return nil }
      return reader.string().flatMap(ReportFormat.init(rawValue:))
    }
  }

  /// An entry's result; `nil` when its bytes do not decode to exactly one.
  static func result(_ encoded: ParseCache.Encoded) -> ReportParseResult? {
    encoded.withBytes { bytes in
      var reader = Reader(bytes: bytes)
      guard let result = reader.result(), reader.atEnd else { return nil }
      return result
    }
  }
}

extension ParseCacheCodec {
  struct Writer {
    var bytes: [UInt8] = []

    /// A zigzag LEB128 varint: most numbers here are lengths and counts of one or two bytes.
    mutating func int(_ value: Int) {
      var rest = UInt64(bitPattern: Int64(value) << 1 ^ Int64(value) >> 63)
      while rest >= 0x80 {
        bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
        rest >>= 7
      }
      bytes.append(UInt8(rest))
    }

    mutating func double(_ value: Double) { withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes += $0 } }
    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func string(_ value: String) {
      var value = value
      // Contiguous UTF-8 (every native string after this), copied without an array between.
      value.withUTF8 { utf8 in
        int(utf8.count)
        bytes.append(contentsOf: utf8)
      }
    }

    mutating func optional<Value>(_ value: Value?, _ write: (inout Writer, Value) -> Void) {
      bool(value != nil)
      if let value { write(&self, value) }
    }

    mutating func key(_ key: ParseCache.Key) {
      string(key.path)
      string(key.expected.rawValue)
      string(key.retries.rawValue)
      for field in [key.identity.size, key.identity.modifiedNanoseconds, key.identity.changedNanoseconds] {
        int(Int(field))
      }
      int(Int(bitPattern: UInt(key.identity.inode)))
      int(Int(bitPattern: UInt(key.identity.device)))
    }

    mutating func result(_ result: ReportParseResult) {
      switch result {
      case .parsed(let report):
        bytes.append(0)
        self.report(report)
      case .unreadable(let reason):
        bytes.append(1)
        string(reason)
      case .notAReport(let reason):
        bytes.append(2)
        string(reason)
      }
    }

    mutating func report(_ report: ParsedReport) {
      string(report.format.rawValue)
      int(report.tests.count)
      for (index, test) in report.tests.enumerated() {
        self.test(test, after: index > 0 ? report.tests[index - 1] : nil)
      }
      optional(report.declaredCounts) { $0.counts($1) }
      optional(report.durationMs) { $0.double($1) }
      hooks(report.failedHooks)
      strings(report.specNames.sorted())
      int(report.emptySpecs)
      date(report.startedAt)
      date(report.endedAt)
    }

    mutating func machine(_ results: MachineResults) {
      counts(results.counts)
      int(results.failures.count)
      for (index, failure) in results.failures.enumerated() {
        let previous = index > 0 ? results.failures[index - 1] : nil
        repeated(failure.machine, after: previous?.machine)
        repeated(failure.spec, after: previous?.spec)
        repeated(failure.classname, after: previous?.classname)
        string(failure.title)
        string(failure.message)
      }
      optional(results.durationMs) { $0.double($1) }
      hooks(results.failedHooks)
      strings(results.flakyTests)
      strings(results.specNames.sorted())
      int(results.emptySpecs)
      date(results.startedAt)
      date(results.endedAt)
      results.testLog.withBytes { log in
        int(log.count)
        bytes += log
      }
    }

    /// An optional moment, as seconds since the reference date.
    mutating func date(_ value: Date?) { optional(value) { $0.double($1.timeIntervalSinceReferenceDate) } }

    mutating func counts(_ counts: TestCounts) {
      for value in [counts.passed, counts.failed, counts.pending, counts.skipped, counts.flaky] { int(value) }
    }

    mutating func hooks(_ hooks: [HookFailure]) {
      int(hooks.count)
      for hook in hooks {
        optional(hook.spec) { $0.string($1) }
        string(hook.title)
        string(hook.message)
        int(hook.skippedTests)
      }
    }

    mutating func strings(_ strings: [String]) {
      int(strings.count)
      for text in strings { string(text) }
    }

    /// A report's tests mostly share their spec and class: each is written once per run of them.
    mutating func repeated(_ value: String?, after previous: String?) {
      if let value, value == previous {
        bytes.append(1)
      } else if let value {
        bytes.append(2)
        string(value)
      } else {
        bytes.append(0)
      }
    }

    mutating func test(_ test: TestResult, after previous: TestResult?) {
      repeated(test.spec, after: previous?.spec)
      repeated(test.classname, after: previous?.classname)
      string(test.fullTitle)
      bytes.append(ParseCacheCodec.outcomes.firstIndex(of: test.outcome).map(UInt8.init) ?? .max)
      optional(test.durationMs) { $0.double($1) }
      optional(test.failureMessage) { $0.string($1) }
      optional(test.uuid) { $0.string($1) }
      bool(test.flaky)
      optional(test.project) { $0.string($1) }
    }
  }
}
