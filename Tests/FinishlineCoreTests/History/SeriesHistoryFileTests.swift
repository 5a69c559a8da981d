import Foundation
import Testing

@testable import FinishlineCore

@Suite("A series' history file")
struct SeriesHistoryFileTests {
  static let recorded = Date(timeIntervalSince1970: 1_764_547_200)

  static func history() -> SeriesHistory {
    var history = SeriesHistory(series: "nightly")
    history.record(
      FinishedRun(
        build: "nightly-411", state: .failed, recordedAt: recorded,
        counts: TestCounts(passed: 1, failed: 1, pending: 0, skipped: 1, flaky: 0),
        tests: ["login.cy.js › logs in": .passed, "cart.cy.js › adds": .failed, "menu.cy.js › opens": .skipped]),
      keep: 50)
    history.record(
      FinishedRun(
        build: "nightly-412", state: .completed, recordedAt: recorded.addingTimeInterval(86_400),
        counts: TestCounts(passed: 2, failed: 0, pending: 0, skipped: 0, flaky: 1),
        tests: ["login.cy.js › logs in": .flaky, "cart.cy.js › adds": .passed]),
      keep: 50)
    return history
  }

  @Test func `a history is written as its documented lines and read back the same`() throws {
    let bytes = SeriesHistoryFile.encode(Self.history())
    let text = String(decoding: bytes, as: UTF8.self)

    #expect(text.hasPrefix("finishline-history 1\nseries\tnightly\ntest\t"))
    #expect(text.contains("\nrun\tnightly-411\tFAILED\t1764547200\t1 1 0 1 0\t"))
    #expect(text.contains("\nrun\tnightly-412\tCOMPLETED\t1764633600\t2 0 0 0 1\t"))
    #expect(text.hasSuffix("\n"))
    #expect(try SeriesHistoryFile.decode(bytes) == Self.history())
  }

  @Test func `a test the later run lacks is written as a dash`() throws {
    let text = String(decoding: SeriesHistoryFile.encode(Self.history()), as: UTF8.self)
    let tests = text.split(separator: "\n").filter { $0.hasPrefix("test\t") }.map { $0.dropFirst(5) }
    let last = try #require(text.split(separator: "\n").last?.split(separator: "\t").last)
    let menu = try #require(tests.firstIndex(of: "menu.cy.js › opens"))

    #expect(Array(last)[menu] == "-")
    #expect(last.count == tests.count)
  }

  @Test func `a build or series name with a tab, a line break or a percent sign survives a round trip`() throws {
    var history = SeriesHistory(series: "odd\tseries 100%")
    history.record(
      FinishedRun(
        build: "odd\tbuild%0A\r-1", state: .completed, recordedAt: Self.recorded, counts: TestCounts(passed: 1),
        tests: ["a": .passed]),
      keep: 50)
    let bytes = SeriesHistoryFile.encode(history)

    #expect(bytes.split(separator: UInt8(ascii: "\n")).count == 4)
    #expect(try SeriesHistoryFile.decode(bytes) == history)
  }

  @Test(arguments: [
    ("finishline-history 2\n", 1, "the first line is not `finishline-history 1`"),
    ("", 1, "the first line is not `finishline-history 1`"),
    ("finishline-history 1\nseries\tn\nbogus\tx\n", 3, "not a `series`, `test` or `run` line"),
    ("finishline-history 1\nseries\tn\ntest\ta\nrun\tn-1\tDONE\t1\t1 0 0 0 0\tp\n", 4, "a `run` line needs"),
    ("finishline-history 1\nseries\tn\ntest\ta\nrun\tn-1\tFAILED\tsoon\t1 0 0 0 0\tp\n", 4, "a `run` line needs"),
    ("finishline-history 1\nseries\tn\ntest\ta\nrun\tn-1\tFAILED\t1\t1 0 0\tp\n", 4, "a `run` line needs"),
    ("finishline-history 1\nseries\tn\ntest\ta\nrun\tn-1\tFAILED\t1\t1 0 0 0 0\tx\n", 4, "a `run` line needs"),
    ("finishline-history 1\nseries\tn\ntest\ta\nrun\tn-1\tFAILED\t1\t1 0 0 0 0\tpp\n", 4, "2 outcomes for the 1 tests"),
    ("finishline-history 1\nseries\tn\ntest\ta\nrun\tn-1\tFAILED\t1\n", 4, "not a `series`, `test` or `run` line"),
  ])
  func `a file that is not as finishline writes it names its first bad line`(
    text: String, line: Int, reason: String
  ) {
    #expect {
      try SeriesHistoryFile.decode(Array(text.utf8))
    } throws: { error in
      guard let problem = error as? HistoryFileProblem else { return false }
      return problem.line == line && problem.reason.contains(reason)
    }
  }

  @Test func `a torn file, cut at any byte, is refused or reads as a prefix of what was written`() {
    let bytes = SeriesHistoryFile.encode(Self.history())
    for length in 0..<bytes.count {
      guard let read = try? SeriesHistoryFile.decode(Array(bytes.prefix(length))) else { continue }
      #expect(read.runs.count <= 2, "cut at \(length)")
      #expect(Self.history().runs.starts(with: read.runs.dropLast()), "cut at \(length)")
    }
  }
}
