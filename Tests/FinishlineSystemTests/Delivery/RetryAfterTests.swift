import Testing

@testable import FinishlineSystem

struct RetryAfterTests {
  /// Wed, 21 Oct 2015 07:28:00 GMT, the example date in RFC 9110.
  static let exampleDate = 1_445_412_480.0

  @Test(arguments: [
    ("120", 120.0),
    ("0", 0),
    ("Wed, 21 Oct 2015 07:28:00 GMT", 30),
    ("Wednesday, 21-Oct-15 07:28:00 GMT", 30),
    ("Wed Oct 21 07:28:00 2015", 30),
    ("Wed, 21 Oct 2015 07:27:00 GMT", 0),
  ])
  func `delta seconds and HTTP dates become a delay from now`(value: String, seconds: Double) {
    #expect(RetryAfter.seconds(fromHeaderValue: value, now: Self.exampleDate - 30) == seconds)
  }

  @Test(arguments: ["", "soon", "-5", "1.5"])
  func `values in neither form are ignored`(value: String) {
    #expect(RetryAfter.seconds(fromHeaderValue: value, now: Self.exampleDate) == nil)
  }
}
