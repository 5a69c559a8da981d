internal import FinishlineCore
internal import FoundationEssentials

/// Each report file's parsed result, and each machine's merged results, kept in the state
/// directory between checks, so a timer that checks a long run every minute stats its files
/// and parses only those that changed, and merges again only the machines that have one.
///
/// Any doubt means parse again: an entry is used only when the path, expected format, retry mode and
/// the file's whole identity (size, mtime and ctime to the nanosecond, inode, device) match;
/// a machine's merge only when its files are the same entries in the same order; a cache file
/// that does not decode, or was written by another version, is ignored; a file changed in the
/// last two seconds is not kept, since a second write within the same clock tick could leave
/// its identity unchanged. Only the files of the latest snapshot are kept, and a cache over
/// `byteLimit` is not written at all. Entries stay encoded until a merge needs them, and so do
/// a snapshot's fresh parses past the first `HeldTests.limit` tests.
struct ParseCache: Sendable {
  static let formatVersion = 8
  static let byteLimit = 64 << 20
  static let settledAfterNanoseconds: Int64 = 2_000_000_000

  struct Key: Sendable, Hashable {
    var path: String
    var expected: ExpectedFormat
    var retries: RetryMode
    var identity: FileIdentity

    /// By the file's inode, device, size and times alone, which nearly always tell files apart
    /// (equality still compares every field): hashing each long path, for every lookup of
    /// every file, showed in an unchanged re-check.
    func hash(into hasher: inout Hasher) {
      hasher.combine(identity.inode)
      hasher.combine(identity.device)
      hasher.combine(identity.size)
      hasher.combine(identity.modifiedNanoseconds)
      hasher.combine(identity.changedNanoseconds)
    }
  }

  /// A stretch of the mapped cache file, read only when needed: a file's result (decoded by
  /// `ParseCacheCodec.result(_:)`), or a machine's test log, which stays here until read.
  struct Encoded: TestOutcomeLog.Source {
    let storage: MappedBytes
    let range: Range<Int>

    var first: UInt8? { range.isEmpty ? nil : storage.buffer[range.lowerBound] }

    func withLogBytes<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result { withBytes(body) }

    func withBytes<Result, Failure: Error>(
      _ body: (UnsafeRawBufferPointer) throws(Failure) -> Result
    ) throws(Failure) -> Result {
      try storage.withBytes(range, body)
    }
  }

  /// A result to keep: a report as parsed (encoded when the cache is written), or bytes.
  enum Stored: Sendable {
    case result(ReportParseResult)
    case encoded(Encoded)
  }

  struct Entry: Sendable {
    var key: Key
    var stored: Stored
  }

  /// One machine's merged results, and the report files they were merged from, in order.
  struct Memo: Sendable {
    var keys: [Key]
    var results: MachineResults
  }

  private var earlier: [Key: Encoded] = [:]
  private var earlierMemos: [String: Memo] = [:]
  private var current: [Entry] = []
  private var currentKeys: Set<Key> = []
  private var memos: [String: Memo] = [:]
  private(set) var reused = 0
  private(set) var mergesReused = 0

  init() {}

  init(entries: [Entry], memos: [String: Memo]) {
    for entry in entries {
      if case .encoded(let bytes) = entry.stored { earlier[entry.key] = bytes }
    }
    earlierMemos = memos
  }

  /// The cache at `path`; empty when there is none or it cannot be trusted.
  static func load(_ path: String) -> ParseCache {
    guard let bytes = try? AtomicFile.map(path, limit: byteLimit),
      let (entries, memos) = ParseCacheCodec.decode(bytes, version: formatVersion)
    else { return ParseCache() }
    return ParseCache(entries: entries, memos: memos)
  }

  /// The earlier result for this exact file, still encoded, if there is one.
  func known(_ key: Key) -> Encoded? { earlier[key] }

  /// Keeps a file's result for the next check (a file changed moments ago is not kept).
  mutating func keep(_ key: Key, _ stored: Stored, reused: Bool, now: Date) {
    if reused { self.reused += 1 }
    let nowNanoseconds = Int64(now.timeIntervalSince1970 * 1e9)
    guard reused || nowNanoseconds - key.identity.modifiedNanoseconds >= Self.settledAfterNanoseconds else { return }
    current.append(Entry(key: key, stored: stored))
    currentKeys.insert(key)
  }

  /// The machine's earlier merge, if it was merged from exactly these files.
  func merged(machine: String, keys: [Key]) -> MachineResults? {
    guard let memo = earlierMemos[machine], memo.keys == keys else { return nil }
    return memo.results
  }

  /// Keeps a machine's merge for the next check, when every one of its files is kept.
  mutating func keepMerge(machine: String, keys: [Key], results: MachineResults, reused: Bool) {
    if reused { mergesReused += 1 }
    guard keys.allSatisfy(currentKeys.contains) else { return }
    memos[machine] = Memo(keys: keys, results: results)
  }

  /// Whether this snapshot changed what the cache holds (a file parsed or gone, a machine
  /// merged again), so an unchanged re-check need not write the cache again.
  var changed: Bool {
    reused != current.count || reused != earlier.count || mergesReused != memos.count
      || mergesReused != earlierMemos.count
  }

  /// Writes the entries of this snapshot atomically, mode as the state files, replacing the
  /// earlier cache: a piece at a time, so a large run's cache is never also whole in memory.
  /// - Throws: `ParseCacheCodec.TooLarge` past `byteLimit`, when nothing is written.
  func save(_ path: String) throws {
    try AtomicFile.write(to: path) { file throws in
      try ParseCacheCodec.encode(current, memos: memos, version: Self.formatVersion, limit: Self.byteLimit) { piece in
        try file.writeAll(piece)
      }
    }
  }
}
