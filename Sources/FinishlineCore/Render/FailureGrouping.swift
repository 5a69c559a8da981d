/// Groups failures by cause, so a message shows a few causes rather than every failed test.
public enum FailureGrouping {
  /// Failures whose messages have the same `FailureSignature` form one group. Groups come most
  /// frequent first, then in the order their first failure appears, so the cause that hit
  /// hardest leads and equal counts keep the report's order.
  public static func groups(_ failures: [TestFailure]) -> [FailureGroup] {
    var indexBySignature: [String: Int] = [:]
    var builders: [Builder] = []
    for failure in failures {
      // Messages arrive without stack frames; this guards against a source that kept them.
      let message = FailureMessage.assertion(from: failure.message) ?? ""
      let signature = FailureSignature.of(message)
      if let index = indexBySignature[signature] {
        builders[index].add(failure, message: message)
      } else {
        indexBySignature[signature] = builders.count
        builders.append(Builder(signature: signature, first: failure, message: message))
      }
    }
    return builders.enumerated()
      .sorted { ($0.element.count, -$0.offset) > ($1.element.count, -$1.offset) }
      .map { $0.element.group }
  }

  /// Accumulates one group; sets keep adding a member constant-time.
  private struct Builder {
    let signature: String
    let message: String
    var messages: [String]
    var seenMessages: Set<String>
    var count = 1
    var machines: Set<String>
    var specs: Set<String>
    var tests: [String]
    var seenTests: Set<String>

    init(signature: String, first: TestFailure, message: String) {
      self.signature = signature
      self.message = message
      messages = [message]
      seenMessages = [message]
      machines = [first.machine]
      specs = first.spec.map { [$0] } ?? []
      tests = [first.displayName]
      seenTests = [first.displayName]
    }

    mutating func add(_ failure: TestFailure, message: String) {
      count += 1
      if seenMessages.insert(message).inserted { messages.append(message) }
      machines.insert(failure.machine)
      if let spec = failure.spec { specs.insert(spec) }
      if seenTests.insert(failure.displayName).inserted { tests.append(failure.displayName) }
    }

    var group: FailureGroup {
      FailureGroup(
        signature: signature, message: message, messages: messages, count: count,
        machines: machines.sorted(), specs: specs.sorted(), tests: tests)
    }
  }
}
