internal import FinishlineCore
internal import FoundationEssentials

/// Each report file's parsed result, kept in the state directory between checks, so a timer
/// that checks a long run every minute stats its files and parses only those that changed.
///
/// Any doubt means parse again: an entry is used only when the path, format, retry mode and
/// the file's whole identity (size, mtime and ctime to the nanosecond, inode, device) match;
/// a cache file that does not decode, or was written by another version, is ignored; a file
/// changed in the last two seconds is not kept, since a second write within the same clock
/// tick could leave its identity unchanged. Only the files of the latest snapshot are kept,
/// and a cache over `byteLimit` is not written at all.
struct ParseCache: Sendable {
  static let formatVersion = 2
  static let byteLimit = 64 << 20
  static let settledAfterNanoseconds: Int64 = 2_000_000_000

  struct Key: Sendable, Hashable {
    var path: String
    var format: ReportFormat
    var retries: RetryMode
    var identity: FileIdentity
  }

  struct Entry: Sendable {
    var key: Key
    var result: ReportParseResult
  }

  private var earlier: [Key: ReportParseResult] = [:]
  private var current: [Entry] = []
  private(set) var reused = 0

  init() {}

  /// The cache at `path`; empty when there is none or it cannot be trusted.
  static func load(_ path: String) -> ParseCache {
    var cache = ParseCache()
    guard let data = try? AtomicFile.read(path, limit: byteLimit),
      let entries = ParseCacheCodec.decode([UInt8](data), version: formatVersion)
    else { return cache }
    for entry in entries { cache.earlier[entry.key] = entry.result }
    return cache
  }

  /// The earlier result for this exact file, if there is one.
  func known(_ key: Key) -> ReportParseResult? { earlier[key] }

  /// Keeps `result` for the next check (a file changed moments ago is not kept).
  mutating func keep(_ key: Key, _ result: ReportParseResult, reused: Bool, now: Date) {
    if reused { self.reused += 1 }
    let nowNanoseconds = Int64(now.timeIntervalSince1970 * 1e9)
    guard reused || nowNanoseconds - key.identity.modifiedNanoseconds >= Self.settledAfterNanoseconds else { return }
    current.append(Entry(key: key, result: result))
  }

  /// Whether this snapshot changed what the cache holds (a file parsed, or one gone), so an
  /// unchanged re-check need not write the cache again.
  var changed: Bool { reused != current.count || reused != earlier.count }

  /// Writes the entries of this snapshot atomically, mode as the state files, replacing the earlier cache.
  func save(_ path: String) throws {
    let bytes = ParseCacheCodec.encode(current, version: Self.formatVersion)
    guard bytes.count <= Self.byteLimit else { return }
    try AtomicFile.write(Data(bytes), to: path)
  }
}
