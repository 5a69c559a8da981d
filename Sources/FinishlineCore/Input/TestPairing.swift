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
    var queues = Queues(count: later.count)
    var sameSpec: [Key: Queues.Head] = [:]
    var specless: [String: Queues.Head] = [:]
    sameSpec.reserveCapacity(later.count)
    for (index, test) in later.enumerated() {
      if let key = Key(test) {
        queues.append(index, to: &sameSpec[key, default: Queues.Head()])
      } else {
        queues.append(index, to: &specless[test.fullTitle, default: Queues.Head()])
      }
    }
    for (index, test) in earlier.enumerated() {
      guard let key = Key(test) else { continue }
      twins[index] = sameSpec[key]?.take(queues, skipping: &laterPaired) ?? nil
    }
    // By title alone, only where some test is still unpaired: with specs on both sides (a
    // multi-reporter's usual output) that index is never built.
    let unpaired = earlier.indices.filter { twins[$0] == nil }
    guard !unpaired.isEmpty else { return }
    var anySpec: [String: Queues.Head] = [:]
    var anyQueues = Queues(count: later.count)
    if unpaired.contains(where: { earlier[$0].spec == nil }) {
      for (index, test) in later.enumerated() {
        anyQueues.append(index, to: &anySpec[test.fullTitle, default: Queues.Head()])
      }
    }
    for index in unpaired {
      let title = earlier[index].fullTitle
      if earlier[index].spec == nil {
        twins[index] = anySpec[title]?.take(anyQueues, skipping: &laterPaired) ?? nil
      } else {
        twins[index] = specless[title]?.take(queues, skipping: &laterPaired) ?? nil
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

  /// Later test indices in report order per key, each handed out once: one chain through an
  /// array for all keys, since most keys have one test and an array per key cost an
  /// allocation per test.
  private struct Queues {
    /// A key's first index not yet handed out, and its last (where the next one is linked).
    struct Head {
      var first = -1
      var last = -1

      /// The first index not yet paired (through this key or another), marked as paired now.
      mutating func take(_ queues: Queues, skipping paired: inout [Bool]) -> Int? {
        while first >= 0, paired[first] { first = queues.next[first] }
        guard first >= 0 else { return nil }
        let index = first
        paired[index] = true
        first = queues.next[index]
        return index
      }
    }

    /// For each later index, the next one of the same key, or -1.
    private(set) var next: [Int]

    init(count: Int) { next = Array(repeating: -1, count: count) }

    mutating func append(_ index: Int, to head: inout Head) {
      if head.last >= 0 { next[head.last] = index } else { head.first = index }
      head.last = index
    }
  }
}
