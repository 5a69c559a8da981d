/// One test's outcome as a series' history keeps it: one letter, so a run of 5,000 tests is a
/// 5,000-byte line of its history file.
public enum HistoryOutcome: UInt8, Sendable, Equatable, CaseIterable {
  case passed = 0x70  // p
  case failed = 0x66  // f
  /// Passed on a retry after failing.
  case flaky = 0x6B  // k
  /// Skipped or pending: present, but did not run.
  case skipped = 0x73  // s

  /// The letter a history file writes for a test a run did not have.
  static let absent: UInt8 = 0x2D  // -

  init(_ test: TestResult) {
    switch test.outcome {
    case .passed: self = test.flaky ? .flaky : .passed
    case .failed: self = .failed
    case .pending, .skipped: self = .skipped
    }
  }

  var didFail: Bool { self == .failed }
  var didPass: Bool { self == .passed || self == .flaky }

  /// The letter that stands for both `letter` (an outcome or `absent`) and `outcome`.
  static func heavier(_ letter: UInt8, _ outcome: HistoryOutcome) -> UInt8 {
    guard let known = HistoryOutcome(rawValue: letter), known.weight >= outcome.weight else { return outcome.rawValue }
    return letter
  }

  /// Which outcome stands for a test several machines ran: a failure anywhere is a failure, a
  /// retry anywhere is flaky, a pass anywhere is a pass.
  var weight: Int {
    switch self {
    case .failed: 3
    case .flaky: 2
    case .passed: 1
    case .skipped: 0
    }
  }
}
