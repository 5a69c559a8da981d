import FinishlineCore

/// An error that already knows its documented exit status and its one-line message.
struct Failure: Error {
  var status: ExitStatus
  var message: String
}
