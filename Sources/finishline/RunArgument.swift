import ArgumentParser
import FinishlineCore
import FinishlineSystem
import FoundationEssentials
import Glibc

/// The operator named in `cancel` and `reset` log lines: who ran sudo, else the login, else
/// the real user id's name (a unit or a container often has no `$USER`).
func operatorName(_ environment: [String: String]) -> String? {
  environment["SUDO_USER"] ?? environment["USER"] ?? environment["LOGNAME"] ?? UserName.ofRealUser()
}

/// The build name operator commands act on, checked before it names a state file.
struct RunArgument: ParsableArguments {
  @Argument(help: ArgumentHelp("The build name of the run (or of one sub-run).", valueName: "run"))
  var name: String

  func validate() throws {
    if let problem = RunName.problem(with: name) { throw ValidationError(problem) }
  }
}
