/// Tells the attempts of one retried JUnit test from distinct tests that share a name.
///
/// Reporters write a retried test as repeated `<testcase>` elements: pytest-rerunfailures
/// (an empty element per failed attempt since 16.6.1), the `flaky` plugin, gotestsum's
/// `--rerun-fails`. Elements are attempts of one test when they have the same classname, name
/// and source location (`file`, `line`), or, where no location is written, when a suite lists
/// more test cases than the `tests` it declares. Otherwise they are distinct tests (jest's
/// `test.each` without a `%s` gives several tests one name), and each counts.
///
/// The last attempt decides the outcome: a runner retries only after a failure, so every
/// attempt before the last failed, even where a reporter writes it as an empty element. A
/// test that passed on its last attempt after earlier ones is flaky.
enum RetryReading {
  struct Key: Hashable {
    var classname: String?
    var name: String
    var file: String?
    var line: String?

    var hasLocation: Bool { file != nil || line != nil }
    var withoutLocation: Key { Key(classname: classname, name: name, file: nil, line: nil) }
  }

  /// Groups of positions in `keys` that are one test's attempts, in order; every position is
  /// in exactly one group.
  static func attempts(keys: [Key], declaredTests: Int?) -> [[Int]] {
    let overListed = declaredTests.map { keys.count > $0 } ?? false
    var groupOf: [Key: Int] = [:]
    var groups: [[Int]] = []
    for (position, key) in keys.enumerated() {
      let identity: Key? = key.hasLocation ? key : (overListed ? key.withoutLocation : nil)
      if let identity, let group = groupOf[identity] {
        groups[group].append(position)
        continue
      }
      if let identity { groupOf[identity] = groups.count }
      groups.append([position])
    }
    return groups
  }

  /// mocha's hooks are reported like tests, titled `"before all" hook`, `"after each" hook: name`
  /// or `"before each" hook for "a test"`.
  ///
  /// Compared byte by byte: `String.contains` compares Characters, and on every JUnit test case
  /// of a tree that was a quarter of the cold evaluation.
  static func isHook(_ title: String) -> Bool {
    title.containsUTF8("\"before all\" hook") || title.containsUTF8("\"before each\" hook")
      || title.containsUTF8("\"after all\" hook") || title.containsUTF8("\"after each\" hook")
  }
}
