/// One failed test, as messages group and name it.
public struct TestFailure: Sendable, Equatable, Codable {
  public var machine: String
  public var spec: String?
  /// JUnit's classname, which names the test where no spec does.
  public var classname: String?
  public var title: String
  /// The assertion message, stack frames removed.
  public var message: String

  public init(machine: String, spec: String?, classname: String? = nil, title: String, message: String) {
    self.machine = machine
    self.spec = spec
    self.classname = classname
    self.title = title
    self.message = message
  }

  /// "login.cy.js › Login rejects a bad password", "com.example.CartTest › addsItem".
  public var displayName: String { TestName.display(spec: spec, classname: classname, title: title) }
}
