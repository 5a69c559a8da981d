import ArgumentParser
import FinishlineCore
import FinishlineSystem
import FoundationEssentials
import Glibc

struct CancelCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cancel",
    abstract: "Write the run's cancel marker: the next check closes it as CANCELLED and posts nothing.")

  @OptionGroup var options: ConfigOptions

  @OptionGroup var build: RunArgument

  @Option(name: .long, help: "Why, for the marker file and the log.")
  var reason: String?

  @Flag(name: .long, help: "Write the marker even for a build name nothing knows yet (a run about to start).")
  var force = false

  func run() throws {
    let configuration = try options.load()
    let actions = OperatorActions(configuration: configuration, log: options.eventLog(secrets: configuration.secrets))
    do {
      let marker = try actions.cancel(
        build.name, reason: reason, user: operatorName(options.environment), force: force, now: .now)
      print("cancelled: recorded in \(marker)")
    } catch {
      throw Failure(status: error.exitStatus, message: error.description)
    }
  }
}
