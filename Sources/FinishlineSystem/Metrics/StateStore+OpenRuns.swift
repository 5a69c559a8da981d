internal import FinishlineCore
internal import FoundationEssentials

extension StateStore {
  /// How many runs with a state file are not closed, for the `finishline_open_runs` gauge.
  ///
  /// Reads every state file, decoding only its schema version and `closed_at`; a file that is
  /// unreadable or of another schema is not counted (the next check of that run deals with it).
  /// The cost grows with the number of tracked runs, so call it only when a textfile is wanted.
  public func openRunCount() -> Int {
    runs().count { run in
      guard let data = try? AtomicFile.read(statePath(run), limit: Self.readLimit),
        let probe = try? StateCoding.decoder.decode(ClosedProbe.self, from: data)
      else { return false }
      return probe.schemaVersion == StoredRun.currentSchemaVersion && probe.closedAt == nil
    }
  }

  /// The two fields that say whether a run is open.
  private struct ClosedProbe: Decodable {
    var schemaVersion: Int
    var closedAt: Date?
  }
}
