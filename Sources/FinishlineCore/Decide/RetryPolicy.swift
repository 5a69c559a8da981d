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

  private func pow2(_ exponent: Int) -> Double {
    Double(1 << min(max(exponent, 0), 30))
  }
}
