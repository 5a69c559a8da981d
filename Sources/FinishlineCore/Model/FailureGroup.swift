/// Failures that share a cause: what a message reports instead of one line per failed test.
///
/// Thousands of failures usually have a few causes; a group says how often a cause struck and
/// where, with one example message to read.
public struct FailureGroup: Sendable, Equatable {
  /// The message every member shares once its variable parts are replaced (the grouping key).
  public var signature: String
  /// The first member's assertion message: the example people read.
  public var message: String
  /// Every distinct assertion message of the members, in order of appearance, starting with
  /// `message`; advice is matched against each so a rule written for one variant still applies.
  public var messages: [String]
  public var count: Int
  /// Machines with at least one member, sorted, each once.
  public var machines: [String]
  /// Spec files with at least one member, sorted, each once.
  public var specs: [String]
  /// The members' tests as people read them (`TestFailure.displayName`), in order, each once.
  public var tests: [String]

  public init(
    signature: String, message: String, messages: [String], count: Int, machines: [String],
    specs: [String], tests: [String] = []
  ) {
    self.tests = tests
    self.signature = signature
    self.message = message
    self.messages = messages
    self.count = count
    self.machines = machines
    self.specs = specs
  }
}
