/// Reads a `Retry-After` header, so a receiver that says how long to back off is believed
/// rather than hammered on our own schedule.
enum RetryAfter {
  /// Seconds to wait, from either form RFC 9110 allows: delta-seconds ("120") or an HTTP date.
  /// A date in the past means "now" (0); a value that is neither form is ignored (`nil`).
  /// - Parameters:
  ///   - value: the field value without surrounding whitespace, as `CurlEasy` records it.
  ///   - now: seconds since the epoch, to turn a date into a delay.
  static func seconds(fromHeaderValue value: String, now: Double) -> Double? {
    guard !value.isEmpty else { return nil }
    if value.allSatisfy({ $0.isASCII && $0.isNumber }) { return Double(value) }
    guard let date = CurlEasy.epochSeconds(ofHTTPDate: value) else { return nil }
    return max(0, Double(date) - now)
  }
}
