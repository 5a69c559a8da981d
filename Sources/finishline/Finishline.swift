import ArgumentParser
import FinishlineCore
import FinishlinePostgres
import FinishlineSystem
import Glibc

/// The command line: parses arguments, calls the library, maps its outcome to an exit code.
///
/// Every command names itself (`commandName:`): ArgumentParser would otherwise derive each
/// name from `String(describing:)` of its type at every start, and each of those dynamic casts
/// scans every protocol conformance record in the binary.
@main
struct Finishline: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "finishline",
    abstract: "Tell a team exactly once, and only when it is true, that a run has finished.",
    version: FinishlineVersion.current,
    subcommands: [
      CheckCommand.self, StatusCommand.self, ExplainCommand.self, PreviewCommand.self, CancelCommand.self,
      ResetCommand.self, AlertsCommand.self, StateCommand.self, HistoryCommand.self,
      ConfigCommand.self,
    ])

  /// Library failures carry their documented exit status; parse errors keep the parser's (64).
  static func main() {
    PostgresBackend.install()
    do {
      if let check = CheckFastPath.invocation(Array(CommandLine.arguments.dropFirst())) {
        try check.run()
      } else {
        var command = try parseAsRoot()
        try command.run()
      }
    } catch let failure as Failure {
      EventLog.standardError("finishline: \(failure.message)")
      Glibc.exit(failure.status.rawValue)
    } catch {
      exit(withError: error)
    }
  }
}
