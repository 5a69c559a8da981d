public import FoundationEssentials

/// What `finishline reset` changes in a run's record (SPEC §8): reopen closed scopes so their
/// windows start again, or forget one target's delivery record so the next check may send it.
public enum RunReset {
  /// The record after a reset, and one line per thing it changed.
  public struct Result: Sendable, Equatable {
    public var run: StoredRun
    public var changes: [String]
  }

  /// `stored` after the reset.
  /// - Parameter group: only this group (or sub-run build name); `nil`: every scope.
  public static func apply(
    _ stored: StoredRun, group: String?, request: ResetRequest, now: Date
  ) throws(ResetRefusal) -> Result {
    var run = stored
    let selected = run.scopes.filter { group == nil || $0.group == group || $0.scope == group }
    if let group, selected.isEmpty {
      throw .noSuchGroup(run: run.run, group: group, known: run.scopes.compactMap(\.group))
    }
    var changes: [String] = []
    for var scope in selected {
      if case .forgetDelivery(let delivery, let resend) = request {
        if scope.deliveries.contains(where: { $0.target == delivery && $0.outcome == .delivered }), !resend {
          throw .deliveredNeedsResend(scope: scope.scope, target: delivery)
        }
        let before = scope.deliveries.count
        scope.deliveries.removeAll { $0.target == delivery }
        if scope.deliveries.count < before {
          changes.append("\(scope.scope): forgot the delivery record of \(delivery); the next check may send again")
        }
      } else if scope.isClosed {
        let previous = scope.verdict
        scope.verdict = Verdict(
          state: .running, reason: "reopened by reset (was \(previous.state): \(previous.reason))", rule: .closed)
        scope.closedAt = nil
        scope.firstSeen = now
        scope.since = now
        run.record(
          Transition(at: now, scope: scope.scope, from: previous.state, to: .running, reason: "reset by operator"))
        changes.append("\(scope.scope): reopened (was \(previous.state)); windows start again now")
      }
      run.update(scope)
    }
    if case .forgetDelivery(let delivery, _) = request, changes.isEmpty {
      throw .noSuchDelivery(run: run.run, target: delivery)
    }
    run.closedAt = run.scopes.allSatisfy(\.isClosed) ? run.closedAt : nil
    return Result(run: run, changes: changes)
  }
}

/// What `finishline reset` is asked to do (SPEC §8).
public enum ResetRequest: Sendable, Equatable {
  /// Reopen the closed scopes, so their windows start again and the next check may post; a
  /// recorded cancellation and the cancel marker go too.
  case reopen
  /// Forget one target's delivery records instead, so the next check may send them again;
  /// `resend` forgets a delivery that succeeded too (without it that is refused, since
  /// forgetting it means a second post).
  case forgetDelivery(target: String, resend: Bool)

  /// The target whose delivery is forgotten, for the log.
  public var target: String? {
    if case .forgetDelivery(let target, _) = self { target } else { nil }
  }

  public var resends: Bool {
    if case .forgetDelivery(_, let resend) = self { resend } else { false }
  }
}

/// Why `reset` refused: the request names nothing to change, or would cost a second post.
public enum ResetRefusal: Error, Equatable, CustomStringConvertible {
  case noSuchGroup(run: String, group: String, known: [String])
  case noSuchDelivery(run: String, target: String)
  /// Forgetting a delivery that succeeded posts it again; that takes `--resend`.
  case deliveredNeedsResend(scope: String, target: String)

  public var description: String {
    switch self {
    case .noSuchGroup(let run, let group, let known):
      "run \(run) has no group `\(group)`"
        + (known.isEmpty ? " (it is not categorized)" : " (groups: \(known.joined(separator: ", ")))")
    case .noSuchDelivery(let run, let target): "run \(run) has no delivery record for target `\(target)`"
    case .deliveredNeedsResend(let scope, let target):
      "\(scope) was delivered to \(target); forgetting that posts it again: add --resend if that is what you want"
    }
  }
}
