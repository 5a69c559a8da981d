import ArgumentParser
import FinishlineCore
import FinishlineSystem

struct StateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "state", abstract: "Work with the state store.", subcommands: [Migrate.self])

  struct Migrate: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "migrate",
      abstract: "Import a state directory into the state_url database (runs, delivery ledger, alert subscriptions).")

    @OptionGroup var options: ConfigOptions

    @Option(name: .long, help: "The state directory to import.")
    var fromDir: String

    @Option(name: .long, help: "How long to wait for the database and for a check holding a run (30s, or seconds).")
    var lockWait = DurationArgument(seconds: 10)

    func run() throws {
      let configuration = try options.load()
      guard configuration.stateURL != nil || configuration.unresolvedStateURL != nil else {
        throw Failure(status: .usage, message: "state migrate needs state_url in \(configuration.file)")
      }
      let migration = StateMigration(
        from: ConfigurationSource.absolute(fromDir), into: configuration.stateBackend(lockWait: lockWait.seconds),
        lockWait: lockWait.seconds)
      let redact = Redactor(secrets: configuration.secrets)
      let outcome: (runs: [StateMigration.Result], subscriptions: Int)
      do {
        outcome = try migration.run()
      } catch {
        throw Failure(status: error.exitStatus, message: redact(error.description))
      }
      for result in outcome.runs { print(redact(result.description)) }
      let imported = outcome.runs.count { if case .imported = $0 { true } else { false } }
      print("imported \(imported) of \(outcome.runs.count) run(s) and \(outcome.subscriptions) alert subscription(s)")
      let unusable = outcome.runs.count { if case .unusable = $0 { true } else { false } }
      let busy = outcome.runs.count { if case .busy = $0 { true } else { false } }
      if unusable > 0 {
        throw Failure(status: .unreadableState, message: "\(unusable) state file(s) could not be imported")
      }
      if busy > 0 { throw Failure(status: .lockBusy, message: "\(busy) run(s) were held by a check") }
    }
  }
}
