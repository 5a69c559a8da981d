internal import FinishlineCore
internal import FoundationEssentials

/// The parse cache's file format: compact binary, because an unchanged re-check reads it every
/// minute and decoding megabytes of JSON through Codable cost more than the parse it saved.
///
/// `FLPC`, a format version, the finishline version, then the entries; every read is bounds-
/// checked and any surprise (a torn or foreign file) makes the whole cache `nil`, never wrong.
/// A field added to `ParsedReport` or `TestResult` must be added here, with the version bumped;
/// `ParseCacheTests` round-trips every fixture to catch one that is not.
enum ParseCacheCodec {
  static let magic: [UInt8] = Array("FLPC".utf8)

  static func encode(_ entries: [ParseCache.Entry], version: Int) -> [UInt8] {
    var writer = Writer()
    writer.bytes = magic
    writer.int(version)
    writer.string(FinishlineVersion.current)
    writer.int(entries.count)
    for entry in entries {
      writer.key(entry.key)
      writer.result(entry.result)
    }
    return writer.bytes
  }

  static func decode(_ bytes: [UInt8], version: Int) -> [ParseCache.Entry]? {
    var reader = Reader(bytes: bytes)
    guard reader.take(magic.count).map(Array.init) == magic, reader.int() == version,
      reader.string() == FinishlineVersion.current, let count = reader.int(), count >= 0
    else { return nil }
    var entries: [ParseCache.Entry] = []
    for _ in 0..<count {
      guard let key = reader.key(), let result = reader.result() else { return nil }
      entries.append(ParseCache.Entry(key: key, result: result))
    }
    return reader.atEnd ? entries : nil
  }
}

extension ParseCacheCodec {
  struct Writer {
    var bytes: [UInt8] = []

    mutating func int(_ value: Int) { withUnsafeBytes(of: Int64(value).littleEndian) { bytes += $0 } }
    mutating func double(_ value: Double) { withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes += $0 } }
    mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

    mutating func string(_ value: String) {
      let utf8 = Array(value.utf8)
      int(utf8.count)
      bytes += utf8
    }

    mutating func optional<Value>(_ value: Value?, _ write: (inout Writer, Value) -> Void) {
      bool(value != nil)
      if let value { write(&self, value) }
    }

    mutating func key(_ key: ParseCache.Key) {
      string(key.path)
      string(key.format.rawValue)
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
      for test in report.tests { self.test(test) }
      optional(report.declaredCounts) { writer, counts in
        for value in [counts.passed, counts.failed, counts.pending, counts.skipped, counts.flaky] { writer.int(value) }
      }
      optional(report.durationMs) { $0.double($1) }
      int(report.failedHooks.count)
      for hook in report.failedHooks {
        optional(hook.spec) { $0.string($1) }
        string(hook.title)
        string(hook.message)
        int(hook.skippedTests)
      }
      int(report.specNames.count)
      for name in report.specNames.sorted() { string(name) }
      int(report.emptySpecs)
      optional(report.startedAt) { $0.double($1.timeIntervalSinceReferenceDate) }
      optional(report.endedAt) { $0.double($1.timeIntervalSinceReferenceDate) }
    }

    mutating func test(_ test: TestResult) {
      optional(test.spec) { $0.string($1) }
      optional(test.classname) { $0.string($1) }
      string(test.fullTitle)
      string(test.outcome.rawValue)
      optional(test.durationMs) { $0.double($1) }
      optional(test.failureMessage) { $0.string($1) }
      optional(test.uuid) { $0.string($1) }
      bool(test.flaky)
    }
  }
}
