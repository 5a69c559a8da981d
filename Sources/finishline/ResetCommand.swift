import ArgumentParser
import FinishlineCore
import FinishlineSystem
import FoundationEssentials
import Glibc

struct ResetCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reset",
    abstract:
      "Reopen a closed run (or one group), or forget a target's failed delivery, so the next check decides afresh.")

  @OptionGroup var options: ConfigOptions

  @OptionGroup var build: RunArgument

  @Option(name: .long, help: "Only this group of a categorized run.")
  var group: String?

  @Option(name: .long, help: "Forget this target's delivery record instead of reopening the scope.")
  var delivery: String?

  @Flag(name: .long, help: "With --delivery: forget a delivery that succeeded too, so the next check posts again.")
  var resend = false

  @Option(name: .long, help: "How long to wait for a check holding the run's lock (30s, or seconds).")
  var lockWait = DurationArgument(seconds: 10)

  func validate() throws {
    if resend, delivery == nil { throw ValidationError("--resend goes with --delivery TARGET") }
  }

  func run() throws {
    let configuration = try options.load()
    let actions = OperatorActions(
      configuration: configuration, log: options.eventLog(secrets: configuration.secrets), lockWait: lockWait.seconds)
    do {
      for change in try actions.reset(
        build.name, group: group, request: delivery.map { .forgetDelivery(target: $0, resend: resend) } ?? .reopen,
        user: operatorName(options.environment), now: .now)
      {
        print(change)
      }
    } catch {
      throw Failure(status: error.exitStatus, message: error.description)
    }
  }
}
