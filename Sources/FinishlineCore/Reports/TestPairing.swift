/// Decides which mochawesome test and which JUnit test are one test reported twice, so that a
/// multi-reporter's output counts each test once.
struct TestPairing {
  /// For each mochawesome test, the index of its JUnit twin, if it has one.
  private(set) var twins: [Int?]
  /// For each JUnit test, whether it is some mochawesome test's twin.
  private(set) var junitPaired: [Bool]

  /// Pairs tests with the same spec file and title first, then, where either side names no
  /// spec, tests with the same title; in both passes the i-th occurrences of a key pair up.
  init(mochawesome: [TestResult], junit: [TestResult]) {
    twins = Array(repeating: nil, count: mochawesome.count)
    junitPaired = Array(repeating: false, count: junit.count)

    var sameSpec: [Key: Queue] = [:]
    var specless: [String: Queue] = [:]
    var anySpec: [String: Queue] = [:]
    for (index, test) in junit.enumerated() {
      anySpec[test.fullTitle, default: Queue()].indices.append(index)
      if let key = Key(test) {
        sameSpec[key, default: Queue()].indices.append(index)
      } else {
        specless[test.fullTitle, default: Queue()].indices.append(index)
      }
    }
    for (index, test) in mochawesome.enumerated() {
      guard let key = Key(test) else { continue }
      twins[index] = sameSpec[key]?.take(skipping: &junitPaired)
    }
    for (index, test) in mochawesome.enumerated() where twins[index] == nil {
      if test.spec == nil {
        twins[index] = anySpec[test.fullTitle]?.take(skipping: &junitPaired)
      } else {
        twins[index] = specless[test.fullTitle]?.take(skipping: &junitPaired)
      }
    }
  }

  /// A test's identity across formats when it names its spec.
  private struct Key: Hashable {
    var specFile: String
    var title: String

    init?(_ test: TestResult) {
      guard let spec = test.spec else { return nil }
      specFile = spec.fileName
      title = test.fullTitle
    }
  }

  /// JUnit test indices in report order, handed out once each.
  private struct Queue {
    var indices: [Int] = []
    /// Everything before `next` is paired, through this queue or another one.
    var next = 0

    /// The first index not yet paired, marked as paired now.
    mutating func take(skipping paired: inout [Bool]) -> Int? {
      while next < indices.count, paired[indices[next]] { next += 1 }
      guard next < indices.count else { return nil }
      let index = indices[next]
      paired[index] = true
      next += 1
      return index
    }
  }
}
