internal import FinishlineCore
internal import FoundationEssentials

extension StateStore {
  /// How many runs with a state file are not closed, for the `finishline_open_runs` gauge.
  ///
  /// Reads every state file, decoding only the fields that say whose it is and whether it is
  /// closed; a file that is unreadable, of another schema or not a state file is not counted
  /// (the next check of that run deals with it).
  /// The cost grows with the number of tracked runs, so call it only when a textfile is wanted.
  public func openRunCount() -> Int {
    runs().count { run in
      guard let data = try? AtomicFile.read(statePath(run), limit: Self.readLimit),
        let probe = try? StateCoding.decoder.decode(ClosedProbe.self, from: data)
      else { return false }
      return probe.schemaVersion == StoredRun.currentSchemaVersion && probe.run == run
        && probe.closedAt == nil && probe.parent == nil
    }
  }

  /// The fields that say whether a file is an open run's state.
  private struct ClosedProbe: Decodable {
    var schemaVersion: Int
    var run: String
    var closedAt: Date?
    /// Set on a sub-run's own file, which its parent's run already counts.
    var parent: String?
  }
}
