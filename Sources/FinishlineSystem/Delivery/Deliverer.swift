public import FinishlineCore
internal import Glibc

/// Sends one rendered request with retries inside the invocation's deadline.
///
/// Only transient outcomes are retried here; delivered, terminal and ambiguous end the loop
/// at once, because resending an ambiguous request is the operator's (or target's) call.
public struct Deliverer: Sendable {
  public var transport: any HTTPTransport
  public var retry: RetryPolicy
  public var deadline: Deadline
  /// Seconds kept back from the deadline for writing state after the last attempt.
  public var reserve: Double = 2
  var sleep: @Sendable (Double) -> Void = Deliverer.threadSleep
  var random: @Sendable () -> Double = { Double.random(in: 0..<1) }

  public init(transport: any HTTPTransport, retry: RetryPolicy = RetryPolicy(), deadline: Deadline) {
    self.transport = transport
    self.retry = retry
    self.deadline = deadline
  }

  /// One attempt's result as the log and the ledger need it.
  public struct Attempt: Sendable {
    public var number: Int
    public var outcome: AttemptOutcome
    public var httpStatus: Int?
    /// The wait before the next attempt, when there is one.
    public var waitBefore: Double?
  }

  /// - Parameters:
  ///   - beforeAttempt: called before each attempt (the pipeline records its intent there).
  ///   - afterAttempt: called after each attempt, for the log.
  public func deliver(
    _ request: HTTPRequest, beforeAttempt: (Int) throws -> Void, afterAttempt: (Attempt) -> Void
  ) rethrows -> AttemptOutcome {
    var attempt = 0
    while true {
      attempt += 1
      var request = request
      let budget = deadline.remaining - reserve
      guard budget > 0.5 else {
        return .transient(detail: "no time left before the deadline", retryAfter: nil)
      }
      request.totalTimeout = min(request.totalTimeout, budget)
      request.connectTimeout = min(request.connectTimeout, request.totalTimeout)
      try beforeAttempt(attempt)
      let exchange = transport.send(request)
      let outcome = AttemptOutcome.classify(
        AttemptFacts(
          curlCode: exchange.curlCode, curlError: exchange.curlError, httpStatus: exchange.httpStatus,
          requestFullySent: exchange.requestFullySent, retryAfter: exchange.retryAfter))
      guard case .transient(_, let retryAfter) = outcome, attempt < retry.maxAttempts else {
        afterAttempt(Attempt(number: attempt, outcome: outcome, httpStatus: exchange.httpStatus))
        return outcome
      }
      let wait = retry.delay(afterAttempt: attempt, retryAfter: retryAfter, unit: random())
      guard wait < deadline.remaining - reserve - 1 else {
        afterAttempt(Attempt(number: attempt, outcome: outcome, httpStatus: exchange.httpStatus))
        return outcome
      }
      afterAttempt(Attempt(number: attempt, outcome: outcome, httpStatus: exchange.httpStatus, waitBefore: wait))
      sleep(wait)
    }
  }

  static let threadSleep: @Sendable (Double) -> Void = { seconds in
    var request = timespec(tv_sec: Int(seconds), tv_nsec: Int((seconds - seconds.rounded(.down)) * 1e9))
    var remaining = timespec()
    while nanosleep(&request, &remaining) != 0, errno == EINTR { request = remaining }
  }
}
