internal import FinishlineCore
internal import FoundationEssentials
internal import Synchronization

/// The artifacts one snapshot has read so far, per machine, and what each pattern found.
///
/// Files older than the run's start under a pattern without `{run}` are set aside here (an
/// earlier build's, in a reused workspace); files that are no report of their format are
/// ignored. Neither is evidence, and neither counts as progress.
struct ArtifactCollection: Sendable {
  let runStart: RunStart
  let readLimit: Int
  private(set) var newest: Date?
  private(set) var patterns: [PatternEvidence] = []
  private(set) var ignored: [UnreadableFile] = []
  private(set) var misfiled: [MisfiledReport] = []
  private(set) var statusLogCount = 0
  private var reports: [String: [CollectedReport]] = [:]
  private var files: [String: [String]] = [:]
  private var unreadable: [String: [UnreadableFile]] = [:]
  private var statuses: [String: StatusLine] = [:]
  /// Files larger than this are parsed one at a time.
  static let parallelSizeLimit: Int64 = 8 << 20
  /// Earlier results of unchanged files; `nil` reads every file.
  var cache: ParseCache?
  /// The tests of the reports this snapshot holds as parsed, across every pattern.
  private let held: HeldTests
  let now: Date

  init(runStart: RunStart, readLimit: Int, cache: ParseCache? = nil, now: Date, heldTestLimit: Int = HeldTests.limit) {
    self.runStart = runStart
    self.readLimit = readLimit
    self.cache = cache
    self.now = now
    held = HeldTests(limit: heldTestLimit)
  }

  mutating func saw(_ date: Date) { newest = max(newest ?? date, date) }

  /// The files of `found` that belong to this run, recording what the pattern matched.
  mutating func current(_ found: [FoundArtifact], key: String, pattern: String) -> [FoundArtifact] {
    let kept = found.filter { !runStart.setsAside(modifiedAt: $0.modifiedAt, pattern: pattern) }
    patterns.append(
      PatternEvidence(key: key, pattern: pattern, matched: found.count, setAside: found.count - kept.count))
    return kept
  }

  mutating func readReports(_ found: [FoundArtifact], pattern: ReportPattern, retries: RetryMode) {
    let artifacts = current(found, key: pattern.key, pattern: pattern.pattern)
    for (artifact, result) in zip(artifacts, results(of: artifacts, expected: pattern.expected, retries: retries)) {
      let machine = artifact.machine ?? SnapshotBuilder.defaultMachine
      switch result.outcome {
      case .parsed(let report):
        saw(artifact.modifiedAt)
        reports[machine, default: []].append(CollectedReport(key: result.key, artifact: artifact, report: report))
        files[machine, default: []].append(artifact.relativePath)
        if let format = report.format { noteFormat(format, of: artifact, under: pattern) }
      case .unreadable(let reason):
        saw(artifact.modifiedAt)
        unreadable[machine, default: []].append(UnreadableFile(path: artifact.relativePath, reason: reason))
      case .notAReport(let reason):
        ignored.append(UnreadableFile(path: artifact.relativePath, reason: reason))
        patterns[patterns.count - 1].ignored += 1
      }
    }
  }

  /// Counts the format a file was read as, and notes one read as another than its key names.
  private mutating func noteFormat(_ format: ReportFormat, of artifact: FoundArtifact, under pattern: ReportPattern) {
    patterns[patterns.count - 1].formats[format, default: 0] += 1
    if case .named(let named) = pattern.expected, named != format {
      misfiled.append(MisfiledReport(path: artifact.relativePath, key: pattern.key, expected: named, read: format))
    }
  }

  mutating func readStatusLogs(_ found: [FoundArtifact], pattern: String, statusPattern: StatusLinePattern) {
    for log in current(found, key: "run.status_logs", pattern: pattern) {
      saw(log.modifiedAt)
      statusLogCount += 1
      guard case .contents(let data) = try? BoundedFileReader(limit: readLimit).read(log.path) else { continue }
      StatusLogParser.lastStatuses(
        in: String(decoding: TextEncoding.utf8([UInt8](data)), as: UTF8.self), source: log.relativePath,
        pattern: statusPattern, into: &statuses)
    }
  }

  /// Every expected machine, plus any the evidence names, in name order; each machine's
  /// merge is the cache's when it was merged from the same files, and is kept for next time.
  mutating func machines(expected configured: [String]) -> [MachineEvidence] {
    var names = Set(configured).union(statuses.keys).union(files.keys).union(unreadable.keys)
    if names.isEmpty, !configured.isEmpty { names = Set(configured) }
    let sorted = names.sorted()
    // Merging is pure and each machine's own: on every core, as parsing is.
    let merges = ParallelMap.map(sorted) { [self] name in merge(name) }
    for (name, merge) in zip(sorted, merges) {
      if let keys = merge.keys {
        cache?.keepMerge(machine: name, keys: keys, results: merge.results, reused: merge.reused)
      }
    }
    return zip(sorted, merges).map { name, merge in
      MachineEvidence(
        name: name, status: statuses[name], resultFiles: files[name] ?? [], unreadableFiles: unreadable[name] ?? [],
        results: merge.results)
    }
  }

  /// A machine's merged results, whether they are the cache's, and the files they come from
  /// when every one has a cache key.
  private func merge(_ machine: String) -> (results: MachineResults, reused: Bool, keys: [ParseCache.Key]?) {
    let collected = reports[machine] ?? []
    let keys = collected.compactMap(\.key)
    let complete = keys.count == collected.count ? keys : nil
    if let complete, let results = cache?.merged(machine: machine, keys: complete) {
      return (results, true, complete)
    }
    let parsed = collected.map { decoded($0) }
    return (ResultMerge.merge(machine: machine, reports: parsed), false, complete)
  }

  /// The report itself, decoded if need be; an entry that does not decode means the file is
  /// read again.
  private func decoded(_ collected: CollectedReport) -> ParsedReport {
    switch collected.report {
    case .parsed(let report):
      return report
    case .encoded(let bytes):
      if case .parsed(let report)? = ParseCacheCodec.result(bytes) { return report }
      let expected = collected.key?.expected ?? .byContent
      let retries = collected.key?.retries ?? .auto
      if case .parsed(let report) = read(collected.artifact, expected: expected, retries: retries) { return report }
      return ParsedReport(format: ParseCacheCodec.format(bytes) ?? .junit, tests: [])
    }
  }

  /// Each file's result, in order: the cache's when it knows the exact file (left encoded
  /// when it is a report, until a merge needs it), else a fresh read. Fresh reads run on every
  /// core at once; files are independent.
  private mutating func results(
    of artifacts: [FoundArtifact], expected: ExpectedFormat, retries: RetryMode
  ) -> [FileResult] {
    let keys = artifacts.map { artifact in
      artifact.identity.map { ParseCache.Key(path: artifact.path, expected: expected, retries: retries, identity: $0) }
    }
    let known = keys.map { key in key.flatMap { cache?.known($0) }.flatMap(FileResult.Outcome.init(cached:)) }
    // Small files on every core; a large one alone, so two big documents are never in memory
    // at once (a report the streaming reader leaves to the reference is decoded whole).
    let missing = known.indices.filter { known[$0] == nil }
    let isLarge = { (index: Int) in (artifacts[index].identity?.size ?? 0) > Self.parallelSizeLimit }
    let small = missing.filter { !isLarge($0) }
    var fresh: [Int: FileResult.Outcome] = [:]
    let parsed = ParallelMap.map(small) { [self] index in
      FileResult.Outcome(read(artifacts[index], expected: expected, retries: retries), held: held)
    }
    for (index, result) in zip(small, parsed) { fresh[index] = result }
    for index in missing where isLarge(index) {
      fresh[index] = .init(read(artifacts[index], expected: expected, retries: retries), held: held)
    }
    return artifacts.indices.map { index in
      let outcome =
        known[index] ?? fresh[index]
        ?? .init(read(artifacts[index], expected: expected, retries: retries), held: held)
      // In place (`cache?.`): a copy of the cache per file would copy all its entries each time.
      if let key = keys[index] { cache?.keep(key, outcome.stored, reused: known[index] != nil, now: now) }
      return FileResult(key: keys[index], outcome: outcome)
    }
  }

  /// A file under `run.reports` is read by the reader its content names; one under a format's
  /// key by that format's reader, unless that reader finds no tests in it and its content is
  /// another known format's (Playwright JSON under `run.mochawesome`, SPEC §3.1).
  private func read(_ artifact: FoundArtifact, expected: ExpectedFormat, retries: RetryMode) -> ReportParseResult {
    switch expected {
    case .byContent:
      let shape = shape(of: artifact)
      guard let format = ReportFormat.recognizing(shape) else {
        return .notAReport(reason: "\(artifact.relativePath): no supported report format (\(shape))")
      }
      return read(artifact, as: format, retries: retries)
    case .named(let format):
      let result = read(artifact, as: format, retries: retries)
      guard !result.holdsTests, let other = ReportFormat.recognizing(shape(of: artifact)), other != format else {
        return result
      }
      return read(artifact, as: other, retries: retries)
    }
  }

  /// What the file looks like, read a chunk at a time within the read limit.
  private func shape(of artifact: FoundArtifact) -> ReportShape {
    ReportShape.of(FileChunks(path: artifact.path, limit: readLimit))
  }

  /// A reader that streams reads the file a chunk at a time; a file it cannot vouch for, and
  /// every file of a reader that does not stream, is read whole.
  private func read(_ artifact: FoundArtifact, as format: ReportFormat, retries: RetryMode) -> ReportParseResult {
    let reader = format.reader
    let path = artifact.relativePath
    if let result = reader.parse(
      streaming: FileChunks(path: artifact.path, limit: readLimit), path: path, retries: retries)
    {
      return result
    }
    do {
      switch try BoundedFileReader(limit: readLimit).read(artifact.path) {
      case .contents(let data):
        return reader.parse(data, path: path, retries: retries)
      case .tooLarge(let size):
        return .unreadable(reason: "\(size) bytes is over the \(readLimit)-byte read limit")
      case .missing:
        return .unreadable(reason: "vanished while being read")
      }
    } catch {
      return .unreadable(reason: "\(error)")
    }
  }
}

/// A report file of one machine: its cache key, when it has one, and its report.
private struct CollectedReport: Sendable {
  var key: ParseCache.Key?
  var artifact: FoundArtifact
  var report: FileResult.Report
}

/// How many tests the reports a snapshot holds as parsed have, counted from every core at
/// once: past `limit`, a fresh parse is kept encoded as the cache holds it and decoded when its
/// machine is merged. Encoding every report cost a cold evaluation 8 % more instructions, so
/// only runs larger than `limit` pay for it (issue 26: 200,000 small tests peaked at 101 MB
/// held as parsed, 65 MB with all but the first 50,000 encoded).
final class HeldTests: Sendable {
  static let limit = 50_000
  let limit: Int
  private let count = Atomic<Int>(0)

  init(limit: Int) { self.limit = limit }

  /// Counts `tests` more; whether they fit within `limit`.
  func hold(_ tests: Int) -> Bool {
    count.add(tests, ordering: .relaxed).newValue <= limit
  }
}

/// What one file of a snapshot came to.
private struct FileResult {
  /// A report, parsed or encoded as the cache holds it.
  enum Report: Sendable {
    case parsed(ParsedReport)
    case encoded(ParseCache.Encoded)

    /// The format it was read as; an entry that does not say is no report to count.
    var format: ReportFormat? {
      switch self {
      case .parsed(let report): report.format
      case .encoded(let bytes): ParseCacheCodec.format(bytes)
      }
    }
  }

  enum Outcome: Sendable {
    case parsed(Report)
    case unreadable(reason: String)
    case notAReport(reason: String)

    /// A fresh parse: a report is kept as parsed while `held` has room for its tests.
    init(_ result: ReportParseResult, held: HeldTests) {
      switch result {
      case .parsed(let report) where held.hold(report.tests.count): self = .parsed(.parsed(report))
      case .parsed: self = .parsed(.encoded(ParseCacheCodec.encoded(result)))
      case .unreadable(let reason): self = .unreadable(reason: reason)
      case .notAReport(let reason): self = .notAReport(reason: reason)
      }
    }

    /// A cache entry: a report stays encoded; a reason is decoded now (`nil`: read again).
    init?(cached bytes: ParseCache.Encoded) {
      guard bytes.first != 0 else {
        self = .parsed(.encoded(bytes))
        return
      }
      switch ParseCacheCodec.result(bytes) {
      case .unreadable(let reason)?: self = .unreadable(reason: reason)
      case .notAReport(let reason)?: self = .notAReport(reason: reason)
      case .parsed?, nil: return nil
      }
    }

    /// What the cache keeps of it.
    var stored: ParseCache.Stored {
      switch self {
      case .parsed(.encoded(let bytes)): .encoded(bytes)
      case .parsed(.parsed(let report)): .result(.parsed(report))
      case .unreadable(let reason): .result(.unreadable(reason: reason))
      case .notAReport(let reason): .result(.notAReport(reason: reason))
      }
    }
  }

  var key: ParseCache.Key?
  var outcome: Outcome
}
