import ArgumentParser
import FinishlineCore
import FinishlineSystem

struct ExplainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "explain",
    abstract: "Show the evidence of a fresh snapshot and the rule that decides; posts nothing, writes nothing.")

  @OptionGroup var options: ConfigOptions

  @OptionGroup var build: RunArgument

  @OptionGroup var start: StartedAtOption

  @Flag(name: .long, help: "Treat the run as a sequence of grouped sub-runs, as check --categorize does.")
  var categorize = false

  func run() throws {
    let configuration = try options.load(categorize: categorize ? true : nil)
    let log = options.eventLog(secrets: configuration.secrets).quiet
    let outcome = CheckPipeline.judgement(
      configuration: configuration, run: build.name, startedAt: start.date, log: log)
    guard let state = outcome.state, !outcome.evaluated.isEmpty else {
      throw Failure(status: outcome.exit, message: log.redactor(outcome.message ?? "nothing to explain"))
    }
    let runnerMatch = { (scope: String) in
      configuration.run.runnerMatch.flatMap { try? RunnerMatch($0, run: scope).expanded }
    }
    print(log.redactor(Explanation.run(state, scopes: outcome.evaluated, runnerMatch: runnerMatch)))
  }
}
