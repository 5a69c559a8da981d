import Foundation
import Testing

@testable import FinishlineCore

/// The hand-written RFC 3339 form is the one `Date.ISO8601FormatStyle` writes and reads.
@Suite("timestamps")
struct TimestampTests {
  static let seconds: [Double] = [
    0, -1, -0.25, 0.999, 59.5, 86_399, 86_400, 951_782_400, 951_868_799, 1_709_251_199, 1_780_000_000.75,
    4_102_444_800, -2_208_988_800, 253_402_300_799,
  ]

  @Test(arguments: seconds)
  func `a time is written as the ISO 8601 format style writes it`(seconds: Double) {
    let date = Date(timeIntervalSince1970: seconds)
    #expect(Timestamp.iso(date) == date.formatted(.iso8601))
  }

  @Test func `every written time reads back to its whole second`() throws {
    var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
    for _ in 0..<2_000 {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let date = Date(timeIntervalSince1970: Double(Int64(seed >> 30) % 250_000_000_000) / 1000 * 31.6)
      let text = Timestamp.iso(date)
      #expect(text == date.formatted(.iso8601))
      #expect(Timestamp.parse(text) == Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down)))
    }
  }

  @Test(arguments: [
    "2026-12-04T07:49:48.5Z", "2026-12-04T07:49:48+00:00", "2026-12-04 07:49:48Z", "2026-02-29T00:00:00Z",
    "2026-13-01T00:00:00Z", "2026-12-04T24:00:00Z", "2026-12-04T07:60:48Z", "0000-01-01T00:00:00Z", "",
    "2026-1２-04T07:49:48Z",
  ])
  func `only the written form is read`(text: String) {
    #expect(Timestamp.parse(text) == nil)
  }
}
