public import FinishlineCore
internal import Glibc

/// Runs attempts of one delivery with retries inside the invocation's deadline, whatever the
/// channel (HTTP or SMTP): each attempt is a closure given the time it may take.
///
/// Only transient outcomes are retried here; delivered, terminal and ambiguous end the loop
/// at once, because resending an ambiguous request is the operator's (or target's) call.
public struct Deliverer: Sendable {
  public var retry: RetryPolicy
  public var deadline: Deadline
  /// Seconds kept back from the deadline for writing state after the last attempt.
  public var reserve: Double = 2
  var sleep: @Sendable (Double) -> Void = Deliverer.threadSleep
  var random: @Sendable () -> Double = { Double.random(in: 0..<1) }

  public init(retry: RetryPolicy = RetryPolicy(), deadline: Deadline) {
    self.retry = retry
    self.deadline = deadline
  }

  /// What one attempt did on the wire, classified.
  public struct Result: Sendable {
    public var outcome: AttemptOutcome
    /// The HTTP status or SMTP reply code, when one arrived.
    public var status: Int?

    public init(outcome: AttemptOutcome, status: Int?) {
      self.outcome = outcome
      self.status = status
    }
  }

  /// One attempt's result as the log and the ledger need it.
  public struct Attempt: Sendable {
    public var outcome: AttemptOutcome
    public var status: Int?
    /// The wait before the next attempt, when there is one.
    public var waitBefore: Double?
  }

  /// - Parameters:
  ///   - timeout: the seconds one attempt may take at most (its own limit), cut to the deadline.
  ///   - beforeAttempt: called before each attempt (the pipeline records its intent there).
  ///   - attempt: performs one attempt within the given total seconds.
  ///   - afterAttempt: called after each attempt, for the log.
  public func deliver(
    timeout: Double, beforeAttempt: () throws -> Void, attempt: (Double) -> Result,
    afterAttempt: (Attempt) -> Void
  ) rethrows -> AttemptOutcome {
    var number = 0
    while true {
      number += 1
      guard let budget = RetryPolicy.budget(timeout: timeout, remaining: deadline.remaining - reserve) else {
        return .transient(detail: "no time left before the deadline", retryAfter: nil)
      }
      try beforeAttempt()
      let result = attempt(budget)
      let step = retry.step(
        after: result.outcome, attempt: number, remaining: deadline.remaining - reserve, unit: random())
      guard case .retry(let wait) = step else {
        afterAttempt(Attempt(outcome: result.outcome, status: result.status))
        return result.outcome
      }
      afterAttempt(Attempt(outcome: result.outcome, status: result.status, waitBefore: wait))
      sleep(wait)
    }
  }

  static let threadSleep: @Sendable (Double) -> Void = { seconds in Syscall.sleep(seconds: seconds) }
}
