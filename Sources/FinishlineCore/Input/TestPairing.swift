/// Decides which test counted so far and which test of a later format are one test reported
/// twice, so that a multi-reporter's output counts each test once.
struct TestPairing {
  /// For each earlier test, the index of its twin among the later ones, if it has one.
  private(set) var twins: [Int?]
  /// For each later test, whether it is some earlier test's twin.
  private(set) var laterPaired: [Bool]

  /// Pairs tests with the same spec file and title first, then, where either side names no
  /// spec, tests with the same title; in both passes the i-th occurrences of a key pair up.
  init(earlier: [TestResult], later: [TestResult]) {
    twins = Array(repeating: nil, count: earlier.count)
    laterPaired = Array(repeating: false, count: later.count)

    var sameSpec: [Key: Queue] = [:]
    var specless: [String: Queue] = [:]
    for (index, test) in later.enumerated() {
      if let key = Key(test) {
        sameSpec[key, default: Queue()].indices.append(index)
      } else {
        specless[test.fullTitle, default: Queue()].indices.append(index)
      }
    }
    for (index, test) in earlier.enumerated() {
      guard let key = Key(test) else { continue }
      twins[index] = sameSpec[key]?.take(skipping: &laterPaired)
    }
    // By title alone, only where some test is still unpaired: with specs on both sides (a
    // multi-reporter's usual output) that index is never built.
    let unpaired = earlier.indices.filter { twins[$0] == nil }
    guard !unpaired.isEmpty else { return }
    var anySpec: [String: Queue] = [:]
    if unpaired.contains(where: { earlier[$0].spec == nil }) {
      for (index, test) in later.enumerated() { anySpec[test.fullTitle, default: Queue()].indices.append(index) }
    }
    for index in unpaired {
      let title = earlier[index].fullTitle
      if earlier[index].spec == nil {
        twins[index] = anySpec[title]?.take(skipping: &laterPaired)
      } else {
        twins[index] = specless[title]?.take(skipping: &laterPaired)
      }
    }
  }

  /// A test's identity across formats when it names its spec.
  private struct Key: Hashable {
    var specFile: Substring
    var title: String

    init?(_ test: TestResult) {
      guard let spec = test.spec else { return nil }
      specFile = spec.fileNameSlice
      title = test.fullTitle
    }
  }

  /// Later test indices in report order, handed out once each.
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
