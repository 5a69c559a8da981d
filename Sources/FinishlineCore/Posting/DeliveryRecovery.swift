/// What an operator does after a terminal delivery failure (SPEC §6.1): nothing retries it, so
/// every place that shows one (the check's log, `status --closed`, the suppression reason)
/// says the same three steps.
public enum DeliveryRecovery {
  public static func steps(scope: String, target: String) -> String {
    "fix the cause, then run `finishline reset \(scope) --delivery \(target)` and `finishline check --run \(scope)`"
  }

  /// The delivery records of `run` that failed terminally, with the scope each belongs to.
  public static func terminalFailures(of run: StoredRun) -> [(scope: String, record: DeliveryRecord)] {
    run.scopes.flatMap { scope in
      scope.deliveries.filter { $0.outcome == .terminalFailure }.map { (scope.scope, $0) }
    }
  }

  /// One line per terminal failure of a run that is otherwise settled, for `status --closed`,
  /// whose exit 0 stops a watch that would otherwise never say why nothing arrived.
  public static func notes(for run: StoredRun) -> [String] {
    terminalFailures(of: run).map { scope, record in
      "\(scope): the \(record.state) post to \(record.target) failed terminally"
        + " (\(record.lastError ?? "no detail")) and is not retried; \(steps(scope: scope, target: record.target))"
    }
  }
}
