/// One failed test, with enough context to group it with its look-alikes in a message.
public struct TestFailure: Sendable, Equatable, Codable {
  public var machine: String
  public var spec: String?
  public var title: String
  /// The assertion message, stack frames removed.
  public var message: String

  public init(machine: String, spec: String?, title: String, message: String) {
    self.machine = machine
    self.spec = spec
    self.title = title
    self.message = message
  }
}
