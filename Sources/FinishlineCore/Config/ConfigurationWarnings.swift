/// What a valid configuration cannot do as its author probably intends (SPEC §1 `config check`).
///
/// Warnings, not errors: each setting is legal and right for some layout, but a careful user
/// wants to be told before the first wrong verdict, not after it.
public enum ConfigurationWarnings {
  public static func warnings(_ configuration: Configuration) -> [String] {
    var warnings: [String] = []
    let run = configuration.run
    let knowsStart = run.startMarker != nil || run.runnerMatch != nil
    for (key, pattern) in run.artifactPatterns where !PatternEvidence.namesTheRun(pattern) {
      warnings.append(
        "\(key) `\(pattern)` has no {run}: in a reused workspace it also matches earlier builds' files; "
          + (knowsStart
            ? "files older than the run's start are set aside"
            : "nothing configured says when a run started, so pass `check --started-at` or set run.start_marker"))
    }
    for (key, pattern) in run.artifactPatterns where pattern.contains("{run}*") || pattern.contains("{run}?") {
      warnings.append(
        "\(key) `\(pattern)`: a wildcard right after {run} makes BUILD-4 also read BUILD-49's files;"
          + " write the name out (`{run}.log`, `{run}-*.log`)")
    }
    if !run.tellsCrashFromFinish, run.expectsReports {
      warnings.append(
        "nothing can tell a crash from a finish (no run.end_marker, run.status_logs or run.specs):"
          + " a runner that dies after 2 of 10 specs leaves a COMPLETED run; set one of them")
    }
    if configuration.notify.isEmpty {
      warnings.append("no [[notify]] target: nothing is ever posted (alert subscriptions may still add some)")
    }
    // A misspelled variable would pass until the first delivery, and then post nothing.
    warnings += configuration.unsetVariables.map { "\($0): check would refuse to run (exit 78)" }
    return warnings
  }
}

extension ConfigurationWarnings {
  /// What `config check` says of CODEOWNERS (SPEC §8.2): each owner a chat target could not
  /// ping because `[owners.handles]` does not map it, and each line the host would skip too.
  public static func owners(_ codeOwners: CodeOwners, configuration: Configuration) -> [String] {
    guard let settings = configuration.owners else { return [] }
    let chats = NotifyTarget.Kind.allCases.filter { kind in
      (kind == .mattermost || kind == .slack) && configuration.notify.contains { $0.kind == kind }
    }
    var warnings = codeOwners.skipped.map { "\(codeOwners.file) \($0): skipped" }
    for owner in codeOwners.allOwners {
      let unmapped = chats.filter { settings.handle(of: owner, channel: $0) == nil }.map(\.rawValue)
      guard !unmapped.isEmpty else { continue }
      warnings.append(
        "CODEOWNERS owner \(owner) has no [owners.handles] entry for \(unmapped.joined(separator: " or ")):"
          + " written as \(OwnerSettings.plain(owner)), never pinged")
    }
    return warnings
  }
}
