internal import FinishlineCore
internal import Synchronization

/// Who owns what failed (SPEC §8.2): CODEOWNERS is read at most once per check, when a scope
/// that is no longer running has failures to name owners for.
extension CheckPipeline {
  /// The owners of the scope's failing specs; `nil` without `[owners]`, without failures, or
  /// when CODEOWNERS cannot be used (logged once: the post goes out without owners).
  func owners(of snapshot: RunSnapshot, history: ScopeHistory?, log: EventLog) -> FailureOwners? {
    guard let settings = configuration.owners, !snapshot.failures.isEmpty else { return nil }
    guard let codeOwners = codeOwners.load(settings, log: log) else { return nil }
    return FailureOwners(
      codeOwners: codeOwners, failures: snapshot.failures, labels: history?.labels, settings: settings)
  }
}

/// The check's CODEOWNERS, read on first use and kept for the other scopes of the run.
final class CodeOwnersCache: Sendable {
  private let loaded = Mutex<Result<CodeOwners, CodeOwnersFileError>?>(nil)

  func load(_ settings: OwnerSettings, log: EventLog) -> CodeOwners? {
    let result = loaded.withLock { cached in
      if let cached { return (cached, false) }
      let result = Result { () throws(CodeOwnersFileError) in try CodeOwnersFile.load(settings) }
      cached = result
      return (result, true)
    }
    switch result {
    case (.success(let codeOwners), _): return codeOwners
    case (.failure(let error), let first):
      if first { log.warning("owners-failed", [("reason", "\(error); posted without owners")]) }
      return nil
    }
  }
}
