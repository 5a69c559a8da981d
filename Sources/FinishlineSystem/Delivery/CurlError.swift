/// A failed libcurl call, keeping curl's code and its own words so a log line says what curl saw
/// ("Failed to connect to 127.0.0.1 port 9: Connection refused"), not just a number.
struct CurlError: Error, Equatable, CustomStringConvertible {
  /// The `CURLcode` value (for example 7 = could not connect, 28 = timed out).
  var code: Int
  /// curl's error buffer text, or its generic text for the code when the buffer was empty.
  var message: String

  var description: String { "curl error \(code): \(message)" }
}
