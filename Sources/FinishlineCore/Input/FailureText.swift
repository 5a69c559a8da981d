/// A failure as the .NET formats write it, its message and stack trace in elements of their
/// own (TRX `ErrorInfo/Message`, NUnit and xUnit.net `failure/message` and `stack-trace`).
struct FailureText {
  var message = ""
  var stackTrace = ""

  /// Adds character data of the element `name` inside a `failure` (NUnit, xUnit.net): text of
  /// `message` or `stack-trace`, else nothing.
  mutating func append(_ text: String, of name: String?) {
    switch name {
    case "message": message += text
    case "stack-trace": stackTrace += text
    default: break
    }
  }

  /// The assertion the message states, else the first lines of the stack trace.
  var assertion: String {
    FailureMessage.assertion(from: message) ?? FailureMessage.assertion(from: stackTrace) ?? ResultMerge.noMessage
  }
}
