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

  /// Results whose glob has no `{machine}` are attributed to this machine.
  public static let defaultMachine = "local"

  public init(sources: RunSources, stateDir: String, processes: any ProcessTable, readLimit: Int = 256 << 20) {
    self.sources = sources
    self.stateDir = stateDir
    self.processes = processes
    self.readLimit = readLimit
  }

  public func snapshot(scope: String, now: Date) throws(SnapshotError) -> RunSnapshot {
    var newest: Date?
    func saw(_ date: Date) { newest = max(newest ?? date, date) }

    var reports: [String: [ParsedReport]] = [:]
    var files: [String: [String]] = [:]
    var unreadable: [String: [UnreadableFile]] = [:]
    for (format, patterns) in [(ReportFormat.mochawesome, sources.mochawesome), (.junit, sources.junit)] {
      for artifact in try find(patterns, scope: scope) {
        saw(artifact.modifiedAt)
        let machine = artifact.machine ?? Self.defaultMachine
        switch read(artifact, format: format) {
        case .parsed(let report):
          reports[machine, default: []].append(report)
          files[machine, default: []].append(artifact.relativePath)
        case .unreadable(let reason):
          unreadable[machine, default: []].append(UnreadableFile(path: artifact.relativePath, reason: reason))
        }
      }
    }

    var statuses: [String: StatusLine] = [:]
    let logs = try find(sources.statusLogs, scope: scope)
    let statusPattern: StatusLinePattern
    do {
      statusPattern = try StatusLinePattern(sources.statusLine)
    } catch {
      throw .invalidPattern(key: "run.status_line", problem: "\(error)")
    }
    for log in logs {
      saw(log.modifiedAt)
      guard case .contents(let data) = try? BoundedFileReader(limit: readLimit).read(log.path) else { continue }
      StatusLogParser.lastStatuses(
        in: String(decoding: data, as: UTF8.self), source: log.relativePath, pattern: statusPattern,
        into: &statuses)
    }

    let configured = sources.expectedMachines
    var names = Set(configured).union(statuses.keys).union(files.keys).union(unreadable.keys)
    if names.isEmpty, !configured.isEmpty { names = Set(configured) }
    let machines = names.sorted().map { name in
      let merged = ResultMerge.merge(machine: name, reports: reports[name] ?? [])
      return MachineEvidence(
        name: name, status: statuses[name], resultFiles: files[name] ?? [],
        unreadableFiles: unreadable[name] ?? [], counts: merged.counts, failures: merged.failures,
        durationMs: merged.durationMs)
    }

    let endMarker = try marker(sources.endMarker, scope: scope)
    if let modified = endMarker.modifiedAt { saw(modified) }
    let cancelMarker = try marker(sources.cancelMarker ?? RunSources.defaultCancelMarker, scope: scope)
    return RunSnapshot(
      scope: scope, takenAt: now, machines: machines,
      expectedMachinesSource: !configured.isEmpty ? .configured : (logs.isEmpty ? .resultFiles : .statusLogs),
      runners: try runners(scope: scope), endMarker: endMarker, cancelMarker: cancelMarker,
      newestArtifactAt: newest, statusLogCount: logs.count)
  }

  func find(_ patterns: [String], scope: String) throws(SnapshotError) -> [FoundArtifact] {
    var found: [FoundArtifact] = []
    for text in patterns {
      let compiled = try pattern(text, scope: scope)
      do {
        found += try ArtifactFinder(root: sources.root).find(compiled)
      } catch {
        throw .unreadable(problem: error.description)
      }
    }
    return found.sorted { ($0.modifiedAt, $0.path) < ($1.modifiedAt, $1.path) }
  }

  func pattern(_ text: String, scope: String) throws(SnapshotError) -> PathPattern {
    do {
      return try PathPattern(text, run: scope, stateDir: stateDir)
    } catch {
      throw .invalidPattern(key: text, problem: "\(error)")
    }
  }

  func read(_ artifact: FoundArtifact, format: ReportFormat) -> ReportParseResult {
    do {
      switch try BoundedFileReader(limit: readLimit).read(artifact.path) {
      case .contents(let data):
        switch format {
        case .mochawesome: return MochawesomeReport.parse(data, path: artifact.relativePath)
        case .junit: return JUnitReport.parse(data, path: artifact.relativePath)
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

  /// A marker may be a plain path or a glob; any match makes it present.
  func marker(_ text: String?, scope: String) throws(SnapshotError) -> Marker {
    guard let text else { return .notConfigured }
    let compiled = try pattern(text, scope: scope)
    let shown = compiled.literalPath.map { compiled.isAbsolute ? $0 : "\(sources.root)/\($0)" } ?? text
    guard let newest = try find([text], scope: scope).last else { return Marker(path: shown, present: false) }
    return Marker(path: newest.path, present: true, modifiedAt: newest.modifiedAt)
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
      return try processes.processes().filter { match.matches($0.commandLine) }
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
