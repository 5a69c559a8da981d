import ArgumentParser
import FinishlineCore
import FinishlineSystem

struct ConfigCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "config", abstract: "Work with configuration files.", subcommands: [Check.self])

  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "check",
      abstract: "Validate a configuration and print the effective configuration, secrets redacted.")

    @OptionGroup var options: ConfigOptions

    func run() throws {
      let configuration = try options.load()
      print(ConfigurationSummary.render(configuration))
      var warnings = ConfigurationWarnings.warnings(configuration)
      if let owners = configuration.owners {
        do {
          warnings += ConfigurationWarnings.owners(try CodeOwnersFile.load(owners), configuration: configuration)
        } catch {
          warnings.append("\(error): no owners will be shown")
        }
      }
      for warning in warnings {
        EventLog.standardError("finishline: warning: \(warning)")
      }
    }
  }
}
