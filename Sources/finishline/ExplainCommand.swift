import ArgumentParser
import FinishlineCore
import FinishlineSystem

struct ExplainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "explain",
    abstract: "Show the evidence of a fresh snapshot and the rule that decides; posts nothing, writes nothing.")

  @OptionGroup var options: ConfigOptions

  @OptionGroup var judged: JudgedRunOptions

  func run() throws {
    let (configuration, log, outcome) = try judged.judge(options, mode: .explain) { _ in InvocationContext() }
    guard let state = outcome.state else {
      throw Failure(status: outcome.exit, message: log.redactor(outcome.message ?? "nothing to explain"))
    }
    let runnerMatch = { (scope: String) in
      configuration.run.runnerMatch.flatMap { try? RunnerMatch($0, run: scope).expanded }
    }
    print(log.redactor(Explanation.run(state, scopes: outcome.evaluated, runnerMatch: runnerMatch)))
  }
}
