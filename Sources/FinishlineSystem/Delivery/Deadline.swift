/// The invocation's hard deadline, on the monotonic clock so wall-clock jumps cannot stretch it.
public struct Deadline: Sendable {
  private let end: ContinuousClock.Instant

  public init(seconds: Double) {
    end = ContinuousClock.now.advanced(by: .milliseconds(Int64(seconds * 1000)))
  }

  /// Seconds left; never negative.
  public var remaining: Double {
    let left = ContinuousClock.now.duration(to: end)
    let seconds = Double(left.components.seconds) + Double(left.components.attoseconds) / 1e18
    return max(0, seconds)
  }
}
