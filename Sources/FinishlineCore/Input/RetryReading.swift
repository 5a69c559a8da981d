/// Tells the attempts of one retried JUnit test from distinct tests that share a name, and
/// settles what the attempts of one test add up to.
///
/// Reporters write a retried test as repeated `<testcase>` elements: pytest-rerunfailures
/// (an empty element per failed attempt since 16.6.1), the `flaky` plugin, gotestsum's
/// `--rerun-fails`. Under `retries = "auto"`, elements are attempts of one test when they have
/// the same classname, name and source line (a `file` alone is no location: jest-junit writes
/// the file and never a line, and `test.each` cases share their title), or when a suite lists
/// more test cases than the `tests` it declares. Otherwise they are distinct tests, and each
/// counts. `by-name` reads every repeat of a classname and name as an attempt.
///
/// No rule here turns a failure into a pass without a retry the tool itself recorded: the
/// grouping needs a line, an over-listed suite or the user's `by-name`, and an attempt that
/// only looks like a pass (an empty element before a failed one) counts as a pass only where
/// the suite's own declared failure count says the test did not fail (`settle`).
enum RetryReading {
  struct Key: Hashable {
    var classname: String?
    var name: String
    var file: String?
    var line: String?

    var withoutLocation: Key { Key(classname: classname, name: name, file: nil, line: nil) }
  }

  /// Groups of positions in `keys` that are one test's attempts, in order; every position is
  /// in exactly one group. `.off` never groups.
  static func attempts(keys: [Key], declaredTests: Int?, mode: RetryMode) -> [[Int]] {
    let overListed = declaredTests.map { keys.count > $0 } ?? false
    var groupOf: [Key: Int] = [:]
    var groups: [[Int]] = []
    for (position, key) in keys.enumerated() {
      let identity: Key? =
        switch mode {
        case .off: nil
        case .byName: key.withoutLocation
        case .auto: key.line != nil ? key : (overListed ? key.withoutLocation : nil)
        }
      if let identity, let group = groupOf[identity] {
        groups[group].append(position)
        continue
      }
      if let identity { groupOf[identity] = groups.count }
      groups.append([position])
    }
    return groups
  }

  /// What several attempts of one test add up to, before the suite's counts are consulted.
  enum Settled: Equatable {
    /// Every attempt was skipped, or one reading holds whichever way it is read.
    case decided(TestResult)
    /// A pass-looking attempt stands before the last, failed one. Under `auto` that is either
    /// a failed attempt written empty (pytest-rerunfailures 16.6.1, the `flaky` plugin) or a
    /// real pass followed by a failure: `asFailed` unless the suite's counts say otherwise.
    case ambiguous(asFailed: TestResult, asFlaky: TestResult)
  }

  /// The attempts of one test, in the order the report lists them.
  ///
  /// A test is passed when an attempt passed, flaky when another attempt ran, failed when every
  /// attempt that ran failed (with the last failure's message), skipped when none ran. Under
  /// `auto` an empty element followed by another attempt is a failed attempt, since a runner
  /// retries only after a failure; under `by-name` every element is a real outcome (gotestsum
  /// lists a package's failures before its passes, so the file's order is not the run's).
  static func settle(_ attempts: [TestResult], mode: RetryMode) -> Settled {
    guard let last = attempts.last else { preconditionFailure("a group holds at least one attempt") }
    let ran = attempts.filter { $0.outcome != .skipped && $0.outcome != .pending }
    guard let lastRan = ran.last else { return .decided(last) }
    let failures = ran.filter { $0.outcome == .failed }
    guard let lastFailure = failures.last else {
      var passed = lastRan
      passed.flaky = passed.flaky || (mode == .auto && ran.count > 1)
      return .decided(passed)
    }
    guard let lastPass = ran.last(where: { $0.outcome == .passed }) else { return .decided(lastFailure) }
    var flaky = lastRan.outcome == .passed ? lastRan : lastPass
    flaky.flaky = true
    flaky.failureMessage = nil
    if lastRan.outcome == .passed || mode == .byName { return .decided(flaky) }
    return .ambiguous(asFailed: lastFailure, asFlaky: flaky)
  }

  /// mocha's hooks are reported like tests, titled `"before all" hook`, `"after each" hook: name`
  /// or `"before each" hook for "a test"`.
  ///
  /// Compared byte by byte: `String.contains` compares Characters, and on every JUnit test case
  /// of a tree that was a quarter of the cold evaluation.
  static func isHook(_ title: String) -> Bool {
    // One search rules out nearly every title; a test case is asked twice.
    guard title.containsUTF8("\" hook") else { return false }
    return title.containsUTF8("\"before all\" hook") || title.containsUTF8("\"before each\" hook")
      || title.containsUTF8("\"after all\" hook") || title.containsUTF8("\"after each\" hook")
  }
}
