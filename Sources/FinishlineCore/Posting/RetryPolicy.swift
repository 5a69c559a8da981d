/// Backoff between attempts inside one invocation: exponential with full jitter.
///
/// Full jitter spreads retries of many timers that failed together; `Retry-After` is a
/// floor because the receiver said when it can take the request.
public struct RetryPolicy: Sendable, Equatable {
  public var baseDelay: Double = 1
  public var maxDelay: Double = 30
  /// Attempts per invocation; later invocations continue from the ledger.
  public var maxAttempts: Int = 5

  public init(baseDelay: Double = 1, maxDelay: Double = 30, maxAttempts: Int = 5) {
    self.baseDelay = baseDelay
    self.maxDelay = maxDelay
    self.maxAttempts = maxAttempts
  }

  /// Seconds to wait after the `attempt`-th failure (1-based).
  /// - Parameter unit: a random number in 0..<1, injected so the policy is testable.
  public func delay(afterAttempt attempt: Int, retryAfter: Double?, unit: Double) -> Double {
    let ceiling = min(maxDelay, baseDelay * pow2(attempt - 1))
    let jittered = ceiling * min(max(unit, 0), 1)
    guard let retryAfter else { return jittered }
    return max(jittered, min(retryAfter, maxDelay * 4))
  }

  /// What follows an attempt inside one invocation.
  public enum Step: Sendable, Equatable {
    /// Record the outcome and stop: it is final, attempts are used up, or the deadline is near.
    case stop
    /// Wait this many seconds, then attempt again.
    case retry(after: Double)
  }

  /// What follows the `attempt`-th attempt (1-based) that ended in `outcome`, with `remaining`
  /// seconds left before the time kept back for writing state: only a transient failure is
  /// retried, and only when the wait leaves a second for the next attempt.
  /// - Parameter unit: a random number in 0..<1, for the jitter.
  public func step(after outcome: AttemptOutcome, attempt: Int, remaining: Double, unit: Double) -> Step {
    guard case .transient(_, let retryAfter) = outcome, attempt < maxAttempts else { return .stop }
    let wait = delay(afterAttempt: attempt, retryAfter: retryAfter, unit: unit)
    return wait < remaining - 1 ? .retry(after: wait) : .stop
  }

  /// The seconds the next attempt may take, its own `timeout` cut to what is `remaining`; `nil`
  /// when too little is left to make one.
  public static func budget(timeout: Double, remaining: Double) -> Double? {
    remaining > 0.5 ? min(timeout, remaining) : nil
  }

  private func pow2(_ exponent: Int) -> Double {
    Double(1 << min(max(exponent, 0), 30))
  }
}
