public import FinishlineCore
public import FoundationEssentials

/// Reads one scope's evidence from disk and /proc into an immutable `RunSnapshot`.
///
/// All the I/O of classification happens here, once per invocation; everything after
/// works on the value it returns.
public struct SnapshotBuilder: Sendable {
  public var sources: RunSources
  public var stateDir: String
  public var processes: any ProcessTable
  /// Result files larger than this are reported unreadable instead of being read.
  public var readLimit: Int

  /// The categorized parent and group of the scope being read: patterns with `{group}` are
  /// compiled for them (SPEC §4), every other pattern for the scope's own build name.
  public var origin: SubRunOrigin?

  /// Whether report results are taken from, and kept in, `STATE_DIR/SCOPE.parse-cache`.
  public var parseCache = ParseCacheUse.off
  /// How many freshly parsed tests a snapshot holds as parsed before it keeps the rest encoded.
  var heldTestLimit = HeldTests.limit

  /// How a snapshot uses the parse cache: a check reads and rewrites it under the run's lock;
  /// a dry run, `explain` and `preview` only read it.
  public enum ParseCacheUse: Sendable {
    case off
    case read
    case readWrite
  }

  /// Results whose glob has no `{machine}` are attributed to this machine.
  public static let defaultMachine = "local"

  public init(sources: RunSources, stateDir: String, processes: any ProcessTable, readLimit: Int = 256 << 20) {
    self.sources = sources
    self.stateDir = stateDir
    self.processes = processes
    self.readLimit = readLimit
  }

  /// What is known of the run's start before the artifacts are read (SPEC §3 "Run start").
  public struct StartEvidence: Sendable {
    /// `--started-at`.
    public var flag: Date?
    /// The oldest runner start recorded by an earlier invocation.
    public var recordedRunner: Date?
    public var firstSeen: Date

    public init(flag: Date? = nil, recordedRunner: Date? = nil, firstSeen: Date) {
      self.flag = flag
      self.recordedRunner = recordedRunner
      self.firstSeen = firstSeen
    }
  }

  /// - Parameter sharedCancel: the scope's cancellation recorded in a shared state
  ///   (`StateBackend.cancellation`), which stands for a cancel marker file this host lacks.
  public func snapshot(
    scope: String, now: Date, start: StartEvidence? = nil, sharedCancel: Marker? = nil
  ) throws(SnapshotError) -> RunSnapshot {
    let start = start ?? StartEvidence(firstSeen: now)
    let runners = try runners(scope: scope)
    let runStart = try self.runStart(scope: scope, evidence: start, runners: runners)
    let cachePath = "\(stateDir)/\(scope).parse-cache"
    var collection = ArtifactCollection(
      runStart: runStart, readLimit: readLimit, cache: parseCache == .off ? nil : ParseCache.load(cachePath), now: now,
      heldTestLimit: heldTestLimit)
    for pattern in sources.reportPatterns {
      collection.readReports(try findEach(pattern.pattern, scope: scope), pattern: pattern, retries: sources.retries)
    }
    let statusPattern: StatusLinePattern
    do {
      statusPattern = try StatusLinePattern(sources.statusLine)
    } catch {
      throw .invalidPattern(key: "run.status_line", problem: "\(error)")
    }
    for pattern in sources.statusLogs {
      collection.readStatusLogs(try findEach(pattern, scope: scope), pattern: pattern, statusPattern: statusPattern)
    }
    let endMarker = try marker(sources.endMarker, scope: scope) { pattern, found in
      collection.current(found, key: "run.end_marker", pattern: pattern)
    }
    if let modified = endMarker.modifiedAt { collection.saw(modified) }
    let cancelMarker = try cancelMarker(scope: scope, shared: sharedCancel)
    let machines = collection.machines(expected: sources.expectedMachines)
    // The cache is only a shortcut: failing to keep it costs a parse next time, never the check.
    if parseCache == .readWrite, collection.cache?.changed == true { try? collection.cache?.save(cachePath) }
    var snapshot = RunSnapshot(
      scope: scope, takenAt: now, machines: machines,
      expectedMachinesSource: !sources.expectedMachines.isEmpty
        ? .configured : (collection.statusLogCount == 0 ? .resultFiles : .statusLogs),
      runners: runners, endMarker: endMarker, cancelMarker: cancelMarker,
      newestArtifactAt: collection.newest)
    snapshot.runStart = runStart
    snapshot.patterns = collection.patterns
    snapshot.ignoredFiles = collection.ignored
    snapshot.misfiledReports = collection.misfiled
    snapshot.specs = try specCoverage(machines, scope: scope)
    snapshot.reusedReports = collection.cache?.reused ?? 0
    snapshot.reusedMerges = collection.cache?.mergesReused ?? 0
    return snapshot
  }

  /// The scope's start from the flag, its start marker, its runners (recorded, or `runners`
  /// alive now) and first sight, in that order (SPEC §3 "Run start").
  func runStart(scope: String, evidence: StartEvidence, runners: [RunnerProcess]?) throws(SnapshotError) -> RunStart {
    RunStart.resolve(
      flag: evidence.flag, marker: try marker(sources.startMarker, scope: scope).modifiedAt,
      runner: RunStart.oldestRunner(recorded: evidence.recordedRunner, alive: runners ?? []),
      firstSeen: evidence.firstSeen)
  }

  /// The spec files the `specs` globs match, and which of them no report accounts for.
  func specCoverage(_ machines: [MachineEvidence], scope: String) throws(SnapshotError) -> SpecCoverage? {
    guard !sources.specs.isEmpty else { return nil }
    var expected: Set<String> = []
    for pattern in sources.specs {
      expected.formUnion(try findEach(pattern, scope: scope).map(\.relativePath.fileName))
    }
    let reported = machines.reduce(into: Set<String>()) { $0.formUnion($1.specNames) }
    return SpecCoverage.of(
      expected: expected.sorted(), reported: reported, anonymous: machines.reduce(0) { $0 + $1.emptySpecs })
  }

  func find(_ patterns: [String], scope: String) throws(SnapshotError) -> [FoundArtifact] {
    var found: [FoundArtifact] = []
    for text in patterns { found += try findEach(text, scope: scope) }
    return found.sorted { ($0.modifiedAt, $0.path) < ($1.modifiedAt, $1.path) }
  }

  func findEach(_ text: String, scope: String) throws(SnapshotError) -> [FoundArtifact] {
    let compiled = try pattern(text, scope: scope)
    do {
      return try ArtifactFinder(root: sources.root).find(compiled)
    } catch {
      throw .unreadable(problem: error.description)
    }
  }

  func pattern(_ text: String, scope: String) throws(SnapshotError) -> PathPattern {
    do {
      if let origin, PatternEvidence.namesTheGroup(text) {
        return try PathPattern(text, run: origin.parent, stateDir: stateDir, group: origin.group)
      }
      return try PathPattern(text, run: scope, stateDir: stateDir)
    } catch {
      throw .invalidPattern(key: text, problem: "\(error)")
    }
  }

  /// A marker may be a plain path or a glob; any match makes it present.
  /// - Parameter keep: the matches that count, given the pattern (the end marker, like every
  ///   artifact, is set aside when it is an earlier build's).
  func marker(
    _ text: String?, scope: String, keep: (String, [FoundArtifact]) -> [FoundArtifact] = { $1 }
  ) throws(SnapshotError) -> Marker {
    guard let text else { return .notConfigured }
    let compiled = try pattern(text, scope: scope)
    let shown = compiled.literalPath.map { compiled.isAbsolute ? $0 : "\(sources.root)/\($0)" } ?? text
    guard let newest = keep(text, try find([text], scope: scope)).last else {
      return Marker(path: shown, present: false)
    }
    return Marker(
      path: newest.path, present: true, modifiedAt: newest.modifiedAt, note: Self.firstLine(of: newest.path))
  }

  /// The scope's cancel marker: its file, or else the cancellation a shared state recorded.
  func cancelMarker(scope: String, shared: Marker?) throws(SnapshotError) -> Marker {
    let file = try marker(sources.cancelMarker ?? RunSources.defaultCancelMarker, scope: scope)
    return file.present ? file : shared ?? file
  }

  /// The first line of a small marker file, for the reason that names it.
  static func firstLine(of path: String) -> String? {
    guard case .contents(let data)? = try? BoundedFileReader(limit: 4096).read(path) else { return nil }
    let line = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).first
    return line.map { String($0.prefix(300)) }.flatMap { $0.isEmpty ? nil : $0 }
  }

  func runners(scope: String) throws(SnapshotError) -> [RunnerProcess]? {
    guard let text = sources.runnerMatch else { return nil }
    let match: RunnerMatch
    do {
      match = try RunnerMatch(text, run: scope)
    } catch {
      throw .invalidPattern(key: "run.runner_match", problem: "\(error)")
    }
    do {
      return try processes.processes().filter { match.matches($0.commandLine) }.map { process in
        var runner = process
        runner.startedAt = runner.startedAt ?? processes.startTime(ofProcess: process.pid)
        return runner
      }
    } catch {
      throw .unreadable(problem: "cannot list processes to look for the runner: \(error)")
    }
  }
}

/// Why a snapshot could not be taken.
public enum SnapshotError: Error, Equatable, CustomStringConvertible {
  case invalidPattern(key: String, problem: String)
  /// Evidence could not be looked at (a directory or /proc not listable); deciding without
  /// it could call a live run dead, so the check stops instead.
  case unreadable(problem: String)

  public var description: String {
    switch self {
    case .invalidPattern(let key, let problem): "pattern `\(key)`: \(problem)"
    case .unreadable(let problem): "cannot read the run's evidence: \(problem)"
    }
  }
}
