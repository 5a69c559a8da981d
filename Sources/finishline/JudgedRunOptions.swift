import ArgumentParser
import FinishlineCore
import FinishlineSystem

/// The run `explain` and `preview` judge, as a dry `check` of it would: its build name, its
/// start, and whether it is categorized.
struct JudgedRunOptions: ParsableArguments {
  @OptionGroup var build: RunArgument

  @OptionGroup var start: StartedAtOption

  @Flag(name: .long, help: "Treat the run as a sequence of grouped sub-runs, as check --categorize does.")
  var categorize = false

  /// The configuration, then what a check would decide now (`mode` is `.explain` or `.preview`),
  /// logging warnings only.
  func judge(_ options: ConfigOptions, mode: CheckMode, context: (ConfigOptions) throws -> InvocationContext)
    throws -> (Configuration, EventLog, CheckOutcome)
  {
    let configuration = try options.load(categorize: categorize ? true : nil, delivers: mode == .preview)
    let log = options.eventLog(secrets: configuration.secrets).quiet
    let outcome = CheckPipeline.judgement(
      mode, configuration: configuration, run: build.name, startedAt: start.date, context: try context(options),
      caBundle: options.caBundle, log: log)
    guard !outcome.evaluated.isEmpty else {
      throw Failure(status: outcome.exit, message: log.redactor(outcome.message ?? "nothing was judged"))
    }
    return (configuration, log, outcome)
  }
}
