public import FoundationEssentials

/// The remembered outcome of telling one target about one scope: the exactly-once ledger.
public struct DeliveryRecord: Sendable, Equatable, Codable {
  /// A final status (COMPLETED/FAILED) or a "needs attention" operator alert.
  public enum Kind: String, Sendable, Codable {
    case final
    case alert
  }

  /// The four recorded outcomes of SPEC §6.2, plus the intent written before sending.
  public enum Outcome: String, Sendable, Codable {
    /// Intent recorded, outcome not yet: if this is found on load, the sender died mid-flight.
    case inFlight = "in-flight"
    case delivered
    case transientFailure = "transient-failure"
    case terminalFailure = "terminal-failure"
    case ambiguous
  }

  public var target: String
  public var kind: Kind
  /// The state the delivery announced.
  public var state: RunState
  public var outcome: Outcome
  public var attempts: Int
  public var firstAttemptAt: Date?
  public var lastAttemptAt: Date?
  /// When the intent to send was recorded (before the request left).
  public var intentAt: Date?
  public var postedAt: Date?
  /// The last error, with secrets removed.
  public var lastError: String?
  /// Set once the ambiguity was reported to an operator, so it is flagged at most once.
  public var ambiguityReported: Bool
  /// When a duplicate was first prevented; later ones are logged at info, not notice, so a
  /// timer checking a closed run every minute does not flood `journalctl -p notice`.
  public var duplicateReportedAt: Date?

  /// The intent written before an attempt leaves: in flight until its outcome is recorded.
  public mutating func recordIntent(at now: Date) {
    outcome = .inFlight
    attempts += 1
    intentAt = now
    firstAttemptAt = firstAttemptAt ?? now
    lastAttemptAt = now
  }

  /// The record once the shared ledger says another invocation delivered this post (`at`, when it
  /// said): delivered, never sent again, and the duplicate it prevented already reported.
  public func deliveredElsewhere(at: Date?, now: Date) -> DeliveryRecord {
    var adopted = self
    adopted.outcome = .delivered
    adopted.postedAt = at ?? now
    adopted.duplicateReportedAt = now
    return adopted
  }

  public init(target: String, kind: Kind, state: RunState) {
    self.target = target
    self.kind = kind
    self.state = state
    outcome = .inFlight
    attempts = 0
    ambiguityReported = false
  }
}
