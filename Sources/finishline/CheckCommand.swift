import ArgumentParser
import FinishlineCore

struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check", abstract: "Evaluate one run once: classify it, post what is owed, record it.")

  @OptionGroup var options: ConfigOptions

  @Option(name: .customLong("run"), help: "The build name of the run to check.")
  var runName: String

  @Flag(name: .long, help: "Treat the run as a sequence of grouped sub-runs.")
  var categorize = false

  @Option(name: .long, help: "How long the whole invocation may take (90s, 10m, or seconds).")
  var deadline = DurationArgument(seconds: 60)

  @Option(name: .long, help: "How long to wait for another invocation holding the run's lock (30s, or seconds).")
  var lockWait = DurationArgument(seconds: 10)

  @OptionGroup var start: StartedAtOption

  @Option(name: .long, help: "The test runner's exit status, for the webhook payload's exit_code.")
  var exitCode: Int?

  @Flag(name: .long, help: "Decide and log; post nothing, write nothing.")
  var dryRun = false

  @Flag(name: .long, help: "Print the decision record as one JSON object on stdout.")
  var json = false

  @Flag(
    name: .long,
    help: "Check again every few seconds until the run closes or --deadline ends (for a CI post step).")
  var wait = false

  @OptionGroup var message: MessageOptions

  var invocation: CheckInvocation {
    CheckInvocation(
      options: options.choice, runName: runName, categorize: categorize, deadline: deadline.seconds,
      lockWait: lockWait.seconds, startedAt: start.date, exitCode: exitCode, dryRun: dryRun, json: json, wait: wait,
      context: message.context, links: message.link, triggeredBy: message.triggeredBy)
  }

  func validate() throws {
    if let problem = invocation.problem { throw ValidationError(problem) }
  }

  func run() throws {
    try invocation.run()
  }
}
