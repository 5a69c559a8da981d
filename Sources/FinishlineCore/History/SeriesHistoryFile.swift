internal import FoundationEssentials

/// A series' history file: lines of tab-separated fields, so 50 runs of 5,000 tests read in
/// about a millisecond and an operator can read it with `less`.
///
///     finishline-history 1
///     series  nightly
///     test    login.cy.js › Login logs in            (one line per test; the table, in order)
///     run     nightly-412  FAILED  1764547200  115 3 0 2 1  pppfp-s…
///
/// A run line names the build, its state, when it was recorded (seconds since 1970), its
/// counts (passed failed pending skipped flaky) and one outcome letter per test of the table:
/// `p` passed, `f` failed, `k` passed on a retry, `s` skipped or pending, `-` not in this run.
public enum SeriesHistoryFile {
  static let header = "finishline-history 1"
  private static let testPrefix = Array("test\t".utf8)

  public static func encode(_ history: SeriesHistory) -> [UInt8] {
    var bytes = Array("\(header)\nseries\t\(escaped(history.series))\n".utf8)
    bytes.reserveCapacity(history.tests.reduce(0) { $0 + $1.utf8.count + 6 } + history.runs.count * history.tests.count)
    for test in history.tests {
      bytes += "test\t".utf8
      bytes += test.utf8
      bytes.append(ASCII.newline)
    }
    for run in history.runs {
      let line =
        "run\t\(escaped(run.build))\t\(run.state.rawValue)\t\(Int(run.recordedAt.timeIntervalSince1970))\t"
        + countsText(run.counts) + "\t"
      bytes += line.utf8
      bytes += run.outcomes
      bytes.append(ASCII.newline)
    }
    return bytes
  }

  /// - Throws: `HistoryFileProblem` naming the first line that is not as `encode` writes it.
  public static func decode(_ bytes: [UInt8]) throws(HistoryFileProblem) -> SeriesHistory {
    var lines = bytes.split(separator: ASCII.newline, omittingEmptySubsequences: false)[...]
    if lines.last?.isEmpty == true { lines.removeLast() }
    guard let first = lines.popFirst(), String(decoding: first, as: UTF8.self) == header else {
      throw HistoryFileProblem(line: 1, reason: "the first line is not `\(header)`")
    }
    var history = SeriesHistory(series: "")
    var tests: [String] = []
    var runs: [HistoryRun] = []
    for (offset, line) in lines.enumerated() {
      // Most lines name a test: read those without splitting them into fields.
      if line.starts(with: testPrefix), !line.dropFirst(testPrefix.count).contains(ASCII.tab) {
        tests.append(String(decoding: line.dropFirst(testPrefix.count), as: UTF8.self))
        continue
      }
      let number = offset + 2
      let fields = line.split(separator: ASCII.tab, maxSplits: 5, omittingEmptySubsequences: false)
      switch fields.first.map({ String(decoding: $0, as: UTF8.self) }) {
      case "series" where fields.count == 2: history.series = unescaped(fields[1])
      case "run" where fields.count == 6: runs.append(try run(fields, tests: tests.count, line: number))
      default: throw HistoryFileProblem(line: number, reason: "not a `series`, `test` or `run` line")
      }
    }
    return SeriesHistory(series: history.series, tests: tests, runs: runs)
  }

  private static func run(_ fields: [ArraySlice<UInt8>], tests: Int, line: Int) throws(HistoryFileProblem)
    -> HistoryRun
  {
    let text = fields[2..<5].map { String(decoding: $0, as: UTF8.self) }
    guard
      let run = run(
        build: unescaped(fields[1]), state: text[0], seconds: text[1], counts: text[2], outcomes: Array(fields[5]))
    else {
      throw HistoryFileProblem(
        line: line, reason: "a `run` line needs a build, a state, a time, five counts and outcome letters")
    }
    guard run.outcomes.count == tests else {
      throw HistoryFileProblem(
        line: line, reason: "the run has \(run.outcomes.count) outcomes for the \(tests) tests named above it")
    }
    return run
  }

  /// A build or series name with its tabs, line breaks and `%` written as `%09`, `%0A`, `%0D`
  /// and `%25`: a run name may hold a tab, and one field must stay one field of one line.
  static func escaped(_ name: String) -> String {
    guard name.utf8.contains(where: { escapes[$0] != nil }) else { return name }
    let bytes = name.utf8.flatMap { byte in escapes[byte].map { Array($0.utf8) } ?? [byte] }
    return String(decoding: bytes, as: UTF8.self)
  }

  static func unescaped(_ field: ArraySlice<UInt8>) -> String {
    var bytes: [UInt8] = []
    var index = field.startIndex
    while index < field.endIndex {
      let escape = field[index...].prefix(3)
      if escape.count == 3, escape.first == UInt8(ascii: "%"),
        let byte = UInt8(String(decoding: escape.dropFirst(), as: UTF8.self), radix: 16), escapes[byte] != nil
      {
        bytes.append(byte)
        index += 3
      } else {
        bytes.append(field[index])
        index += 1
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  private static let escapes: [UInt8: String] = [
    ASCII.tab: "%09", ASCII.newline: "%0A", ASCII.carriageReturn: "%0D", UInt8(ascii: "%"): "%25",
  ]

  /// "115 3 0 2 1": passed, failed, pending, skipped, flaky.
  public static func countsText(_ counts: TestCounts) -> String {
    [counts.passed, counts.failed, counts.pending, counts.skipped, counts.flaky].map(String.init).joined(
      separator: " ")
  }

  /// A run from its fields as a history file or table row holds them; `nil` when one is not.
  public static func run(build: String, state: String, seconds: String, counts: String, outcomes: [UInt8])
    -> HistoryRun?
  {
    let counts = counts.split(separator: " ").compactMap { Int($0) }
    guard let state = RunState(rawValue: state), let seconds = Int(seconds), counts.count == 5,
      outcomes.allSatisfy({ HistoryOutcome(rawValue: $0) != nil || $0 == HistoryOutcome.absent })
    else { return nil }
    return HistoryRun(
      build: build, state: state, recordedAt: Date(timeIntervalSince1970: TimeInterval(seconds)),
      counts: TestCounts(
        passed: counts[0], failed: counts[1], pending: counts[2], skipped: counts[3], flaky: counts[4]),
      outcomes: outcomes)
  }
}

/// A history file that is not as finishline writes it.
public struct HistoryFileProblem: Error, Equatable, CustomStringConvertible {
  public var line: Int
  public var reason: String

  public var description: String { "line \(line): \(reason)" }
}
