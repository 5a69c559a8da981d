public import FoundationEssentials

/// The facts the decision table reads, derived once from a `ClassificationInput`.
///
/// Keeping them in one value makes each rule a one-line predicate and lets `explain` show
/// exactly what the rules saw.
public struct EvidenceFacts: Sendable {
  public let input: ClassificationInput
  /// `nil` when no `runner_match` is configured: liveness cannot be observed.
  public let runnerAlive: Bool?
  /// The later of the newest artifact change and the last runner sighting.
  public let quietSince: Date
  public let cancelledMachines: [MachineEvidence]
  /// Machines still RUNNING or NOT STARTED by their status line.
  public let unfinishedMachines: [MachineEvidence]
  /// Machines with neither a status line nor result files.
  public let silentMachines: [MachineEvidence]
  /// Machines whose status is final (or absent) but whose result files are missing.
  public let machinesWithoutResults: [MachineEvidence]
  public let unreadableFiles: [UnreadableFile]
  public let failedMachines: [MachineEvidence]
  /// The newest change to the run's own artifacts, never earlier than a start known from
  /// evidence (SPEC §4): a run that has just started in an old workspace has just progressed.
  public let progressAt: Date?
  /// Specs of the configured spec list that no report accounts for yet.
  public let missingSpecs: [String]

  public init(_ input: ClassificationInput) {
    self.input = input
    let snapshot = input.snapshot
    runnerAlive = snapshot.runners.map { !$0.isEmpty }
    let lastRunner = runnerAlive == true ? input.now : input.lastRunnerSeen
    let start = snapshot.runStart.flatMap { $0.isEvidence ? $0.date : nil }
    progressAt = [snapshot.newestArtifactAt, start].compactMap { $0 }.max()
    quietSince = [progressAt, lastRunner].compactMap { $0 }.max() ?? input.firstSeen
    missingSpecs = snapshot.specs?.missing ?? []
    let machines = snapshot.machines
    cancelledMachines = machines.filter { $0.status?.status == .cancelled }
    unfinishedMachines = machines.filter { $0.status?.status.isUnfinished == true }
    silentMachines = machines.filter {
      $0.status == nil && $0.resultFiles.isEmpty && $0.unreadableFiles.isEmpty
    }
    machinesWithoutResults =
      input.resultFilesExpected
      ? machines.filter {
        $0.resultFiles.isEmpty && $0.unreadableFiles.isEmpty && $0.status != nil
          && $0.status?.status.isUnfinished != true
      } : []
    unreadableFiles = machines.flatMap(\.unreadableFiles)
    failedMachines = machines.filter(\.failed)
  }

  public var watchedFor: Double { input.now.timeIntervalSince(input.firstSeen) }
  public var quietFor: Double { input.now.timeIntervalSince(quietSince) }
  public var sinceProgress: Double {
    input.now.timeIntervalSince(progressAt ?? input.firstSeen)
  }

  /// SPEC §4: no live runner, every expected machine final with result artifacts, none
  /// RUNNING or NOT STARTED, and the end marker when one is configured.
  public var isComplete: Bool {
    let snapshot = input.snapshot
    return runnerAlive != true && !snapshot.machines.isEmpty && unfinishedMachines.isEmpty
      && silentMachines.isEmpty && machinesWithoutResults.isEmpty && unreadableFiles.isEmpty
      && cancelledMachines.isEmpty && missingSpecs.isEmpty
      && snapshot.machines.allSatisfy {
        input.resultFilesExpected ? $0.hasFinalResults : $0.status?.status.isFinal == true
      }
      && (!snapshot.endMarker.configured || snapshot.endMarker.present)
  }

  /// What stands between this snapshot and completeness, for UNKNOWN and RUNNING reasons.
  public var incompleteness: [String] {
    var problems: [String] = []
    let snapshot = input.snapshot
    if snapshot.machines.isEmpty { problems.append("no machines found") }
    if !unfinishedMachines.isEmpty { problems.append(Describe.machines(unfinishedMachines, "still")) }
    if !silentMachines.isEmpty {
      problems.append("\(Describe.names(silentMachines)) expected but no status and no results")
    }
    if !machinesWithoutResults.isEmpty {
      problems.append("\(Describe.names(machinesWithoutResults)) final but without result files")
    }
    for file in unreadableFiles { problems.append("unreadable \(file.description)") }
    if let specs = snapshot.specs, !missingSpecs.isEmpty {
      problems.append(
        "\(missingSpecs.count) of \(specs.expected.count) specs without a result"
          + " (\(missingSpecs.listed(limit: 5)))")
    }
    if snapshot.endMarker.configured, !snapshot.endMarker.present {
      problems.append("no end marker")
    } else if snapshot.endMarker.present, !unfinishedMachines.isEmpty {
      problems.append("end marker present although machines are unfinished")
    }
    return problems
  }
}
