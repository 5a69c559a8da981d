internal import FinishlineCore
internal import FoundationEssentials

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
  private(set) var statusLogCount = 0
  private var reports: [String: [ParsedReport]] = [:]
  private var files: [String: [String]] = [:]
  private var unreadable: [String: [UnreadableFile]] = [:]
  private var statuses: [String: StatusLine] = [:]
  /// Files larger than this are parsed one at a time.
  static let parallelSizeLimit: Int64 = 8 << 20
  /// Earlier results of unchanged files; `nil` reads every file.
  var cache: ParseCache?
  let now: Date

  init(runStart: RunStart, readLimit: Int, cache: ParseCache? = nil, now: Date) {
    self.runStart = runStart
    self.readLimit = readLimit
    self.cache = cache
    self.now = now
  }

  mutating func saw(_ date: Date) { newest = max(newest ?? date, date) }

  /// The files of `found` that belong to this run, recording what the pattern matched.
  mutating func current(_ found: [FoundArtifact], key: String, pattern: String) -> [FoundArtifact] {
    let kept = found.filter { !runStart.setsAside(modifiedAt: $0.modifiedAt, pattern: pattern) }
    patterns.append(
      PatternEvidence(key: key, pattern: pattern, matched: found.count, setAside: found.count - kept.count))
    return kept
  }

  mutating func readReports(
    _ found: [FoundArtifact], key: String, pattern: String, format: ReportFormat, retries: RetryMode
  ) {
    let artifacts = current(found, key: key, pattern: pattern)
    for (artifact, result) in zip(artifacts, results(of: artifacts, format: format, retries: retries)) {
      let machine = artifact.machine ?? SnapshotBuilder.defaultMachine
      switch result {
      case .parsed(let report):
        saw(artifact.modifiedAt)
        reports[machine, default: []].append(report)
        files[machine, default: []].append(artifact.relativePath)
      case .unreadable(let reason):
        saw(artifact.modifiedAt)
        unreadable[machine, default: []].append(UnreadableFile(path: artifact.relativePath, reason: reason))
      case .notAReport(let reason):
        ignored.append(UnreadableFile(path: artifact.relativePath, reason: reason))
        patterns[patterns.count - 1].ignored += 1
      }
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

  /// Every expected machine, plus any the evidence names, in name order.
  func machines(expected configured: [String]) -> [MachineEvidence] {
    var names = Set(configured).union(statuses.keys).union(files.keys).union(unreadable.keys)
    if names.isEmpty, !configured.isEmpty { names = Set(configured) }
    // Merging is pure and each machine's own: on every core, as parsing is.
    return ParallelMap.map(names.sorted()) { [self] name in
      MachineEvidence(
        name: name, status: statuses[name], resultFiles: files[name] ?? [], unreadableFiles: unreadable[name] ?? [],
        results: ResultMerge.merge(machine: name, reports: reports[name] ?? []))
    }
  }

  /// Each file's result, in order: the cache's when it knows the exact file, else a fresh
  /// read. Fresh reads run on every core at once; files are independent.
  private mutating func results(
    of artifacts: [FoundArtifact], format: ReportFormat, retries: RetryMode
  ) -> [ReportParseResult] {
    let keys = artifacts.map { artifact in
      artifact.identity.map { ParseCache.Key(path: artifact.path, format: format, retries: retries, identity: $0) }
    }
    let known = keys.map { key in key.flatMap { cache?.known($0) } }
    // Small files on every core; a large one alone, so two big documents are never in memory
    // at once (a 50 MB report takes about three times its size while it is decoded).
    let missing = known.indices.filter { known[$0] == nil }
    let isLarge = { (index: Int) in (artifacts[index].identity?.size ?? 0) > Self.parallelSizeLimit }
    let small = missing.filter { !isLarge($0) }
    var fresh: [Int: ReportParseResult] = [:]
    let parsed = ParallelMap.map(small) { [self] index in read(artifacts[index], format: format, retries: retries) }
    for (index, result) in zip(small, parsed) { fresh[index] = result }
    for index in missing where isLarge(index) {
      fresh[index] = read(artifacts[index], format: format, retries: retries)
    }
    return artifacts.indices.map { index in
      let result = known[index] ?? fresh[index] ?? read(artifacts[index], format: format, retries: retries)
      // In place (`cache?.`): a copy of the cache per file would copy all its entries each time.
      if let key = keys[index] { cache?.keep(key, result, reused: known[index] != nil, now: now) }
      return result
    }
  }

  /// A mochawesome file streams through the raw-byte reader; a file it cannot vouch for, and
  /// every JUnit file, is read whole by the reference reader of its format.
  private func read(_ artifact: FoundArtifact, format: ReportFormat, retries: RetryMode) -> ReportParseResult {
    if format == .mochawesome, let chunks = FileChunks(path: artifact.path, limit: readLimit),
      let result = MochawesomeReport.parse(streaming: chunks)
    {
      return result
    }
    do {
      switch try BoundedFileReader(limit: readLimit).read(artifact.path) {
      case .contents(let data):
        switch format {
        case .mochawesome: return MochawesomeReport.parse(data, path: artifact.relativePath)
        case .junit: return JUnitReport.parse(data, path: artifact.relativePath, retries: retries)
        }
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
