internal import FinishlineCore
internal import FoundationEssentials

extension ParseCacheCodec {
  /// Reads what `Writer` wrote; every method answers `nil` past the end or on a bad value.
  /// It reads bytes borrowed for the length of a `withBytes` call, so it never outlives them.
  struct Reader {
    let bytes: UnsafeRawBufferPointer
    var offset = 0

    init(bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    var atEnd: Bool { offset == bytes.count }

    mutating func take(_ count: Int) -> UnsafeRawBufferPointer? {
      guard count >= 0, count <= bytes.count - offset else { return nil }
      defer { offset += count }
      return UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count])
    }

    /// The entries, each result left in `storage` behind its length.
    mutating func entries(in storage: MappedBytes) -> [ParseCache.Entry]? {
      guard let count = int(), count >= 0 else { return nil }
      var entries: [ParseCache.Entry] = []
      for _ in 0..<count {
        guard let key = key(), let length = int(), let encoded = take(length), encoded.first.map({ $0 <= 2 }) == true
        else { return nil }
        let range = (offset - length)..<offset
        entries.append(ParseCache.Entry(key: key, stored: .encoded(ParseCache.Encoded(storage: storage, range: range))))
      }
      return entries
    }

    /// Each machine's merge, naming its files by their indices in `entries`.
    mutating func memos(of entries: [ParseCache.Entry], in storage: MappedBytes) -> [String: ParseCache.Memo]? {
      guard let count = int(), count >= 0 else { return nil }
      var memos: [String: ParseCache.Memo] = [:]
      for _ in 0..<count {
        guard let machine = string(), let keyCount = int(), keyCount >= 0 else { return nil }
        var keys: [ParseCache.Key] = []
        for _ in 0..<keyCount {
          guard let index = int(), entries.indices.contains(index) else { return nil }
          keys.append(entries[index].key)
        }
        guard let results = self.machine(in: storage) else { return nil }
        memos[machine] = ParseCache.Memo(keys: keys, results: results)
      }
      return memos
    }

    /// What `Writer.int` wrote: a zigzag LEB128 varint of at most ten bytes.
    mutating func int() -> Int? {
      var value: UInt64 = 0
      var shift: UInt64 = 0
      while offset < bytes.count, shift < 64 {
        let byte = bytes[offset]
        offset += 1
        value |= UInt64(byte & 0x7F) << shift
        if byte < 0x80 { return Int(Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1)) }
        shift += 7
      }
      return nil
    }

    mutating func double() -> Double? {
      guard let raw = take(8) else { return nil }
      // Little-endian, as the writer stores it, whatever this machine's order.
      return Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self)))
    }

    /// What `Writer.repeated` wrote: `.some(nil)` for none, `nil` for a bad file.
    mutating func repeated(after previous: String?) -> String?? {
      switch take(1)?.first {
      case 0: return .some(nil)
      case 1:
        guard let previous else { return nil }
        return .some(previous)
      case 2: return string().map { .some($0) }
      default: return nil
      }
    }

    mutating func bool() -> Bool? {
      guard let raw = take(1)?.first, raw <= 1 else { return nil }
      return raw == 1
    }

    mutating func string() -> String? {
      guard let count = int(), let raw = take(count) else { return nil }
      let utf8 = raw.assumingMemoryBound(to: UInt8.self)
      // ASCII is valid as it is; the generic validation showed in every re-check.
      if utf8.allSatisfy({ $0 < 0x80 }) { return String(decoding: utf8, as: UTF8.self) }
      return String(validating: utf8, as: UTF8.self)
    }

    /// `.some(nil)` for an absent value, `nil` for a bad file.
    mutating func optional<Value>(_ read: (inout Reader) -> Value?) -> Value?? {
      guard let present = bool() else { return nil }
      guard present else { return .some(nil) }
      guard let value = read(&self) else { return nil }
      return .some(value)
    }

    mutating func key() -> ParseCache.Key? {
      guard let path = string(), let expected = string().flatMap(ExpectedFormat.init(rawValue:)),
        let retries = string().flatMap(RetryMode.init(rawValue:)), let size = int(), let modified = int(),
        let changed = int(), let inode = int(), let device = int()
      else { return nil }
      let identity = FileIdentity(
        size: Int64(size), modifiedNanoseconds: Int64(modified), changedNanoseconds: Int64(changed),
        inode: UInt64(UInt(bitPattern: inode)), device: UInt64(UInt(bitPattern: device)))
      return ParseCache.Key(path: path, expected: expected, retries: retries, identity: identity)
    }

    mutating func result() -> ReportParseResult? {
      switch take(1)?.first {
      case 0: report().map { .parsed($0) }
      case 1: string().map { .unreadable(reason: $0) }
      case 2: string().map { .notAReport(reason: $0) }
      default: nil
      }
    }

    mutating func report() -> ParsedReport? {
      guard let format = string().flatMap(ReportFormat.init(rawValue:)), let count = int(), count >= 0 else {
        return nil
      }
      var tests: [TestResult] = []
      tests.reserveCapacity(min(count, bytes.count))
      for _ in 0..<count {
        guard let test = test(after: tests.last) else { return nil }
        tests.append(test)
      }
      guard let declared = optional({ $0.counts() }), let duration = optional({ $0.double() }),
        let hooks = hooks(), let names = strings(), let emptySpecs = int(), let started = date(), let ended = date()
      else { return nil }
      var report = ParsedReport(
        format: format, tests: tests, declaredCounts: declared, durationMs: duration, failedHooks: hooks,
        specNames: Set(names), startedAt: started, endedAt: ended)
      report.emptySpecs = emptySpecs
      return report
    }

    mutating func test(after previous: TestResult?) -> TestResult? {
      guard let spec = repeated(after: previous?.spec), let classname = repeated(after: previous?.classname),
        let title = string(), let place = take(1)?.first.map(Int.init), place < ParseCacheCodec.outcomes.count,
        let duration = optional({ $0.double() }), let message = optional({ $0.string() }),
        let uuid = optional({ $0.string() }), let flaky = bool(), let project = optional({ $0.string() })
      else { return nil }
      return TestResult(
        spec: spec, classname: classname, fullTitle: title, outcome: ParseCacheCodec.outcomes[place],
        durationMs: duration,
        failureMessage: message, uuid: uuid, flaky: flaky, project: project)
    }

    /// A machine's merge; its test log is left in `storage`, which this reader reads whole.
    mutating func machine(in storage: MappedBytes) -> MachineResults? {
      guard let counts = counts(), let failureCount = int(), failureCount >= 0 else { return nil }
      var failures: [TestFailure] = []
      failures.reserveCapacity(min(failureCount, bytes.count))
      for _ in 0..<failureCount {
        let previous = failures.last
        guard let machine = repeated(after: previous?.machine) ?? nil, let spec = repeated(after: previous?.spec),
          let classname = repeated(after: previous?.classname), let title = string(), let message = string()
        else { return nil }
        failures.append(TestFailure(machine: machine, spec: spec, classname: classname, title: title, message: message))
      }
      guard let duration = optional({ $0.double() }), let hooks = hooks(), let flaky = strings(),
        let names = strings(), let emptySpecs = int(), let started = date(), let ended = date(),
        let logLength = int(), take(logLength) != nil,
        let testLog = TestOutcomeLog(source: ParseCache.Encoded(storage: storage, range: (offset - logLength)..<offset))
      else { return nil }
      var results = MachineResults(
        counts: counts, failures: failures, durationMs: duration, failedHooks: hooks, flakyTests: flaky,
        specNames: Set(names), startedAt: started, endedAt: ended)
      results.emptySpecs = emptySpecs
      results.testLog = testLog
      return results
    }

    /// What `Writer.date` wrote: `.some(nil)` for no moment, `nil` for a bad file.
    mutating func date() -> Date?? {
      optional { $0.double() }.map { $0.map(Date.init(timeIntervalSinceReferenceDate:)) }
    }

    mutating func counts() -> TestCounts? {
      guard let passed = int(), let failed = int(), let pending = int(), let skipped = int(), let flaky = int()
      else { return nil }
      return TestCounts(passed: passed, failed: failed, pending: pending, skipped: skipped, flaky: flaky)
    }

    mutating func hooks() -> [HookFailure]? {
      guard let count = int(), count >= 0 else { return nil }
      var hooks: [HookFailure] = []
      for _ in 0..<count {
        guard let spec = optional({ $0.string() }), let title = string(), let message = string(),
          let skipped = int()
        else { return nil }
        hooks.append(HookFailure(spec: spec, title: title, message: message, skippedTests: skipped))
      }
      return hooks
    }

    mutating func strings() -> [String]? {
      guard let count = int(), count >= 0 else { return nil }
      var strings: [String] = []
      for _ in 0..<count {
        guard let text = string() else { return nil }
        strings.append(text)
      }
      return strings
    }
  }
}
