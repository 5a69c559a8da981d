import ArgumentParser
import FinishlineCore
import FinishlineSystem

/// Options every subcommand that reads the configuration shares.
struct ConfigOptions: ParsableArguments {
  @Option(
    name: .long, help: "The TOML configuration file (default: $FINISHLINE_CONFIG or /etc/finishline/finishline.toml).")
  var config: String?

  @Option(name: .long, help: "A dotenv credentials file (mode 0600) whose values `env:NAME` can read.")
  var envFile: String?

  @Option(name: .long, help: "Override `state_dir` for this invocation.")
  var stateDir: String?

  @Option(name: .long, help: "Override `run.root` for this invocation.")
  var root: String?

  @Option(name: .long, help: "Log format on stderr: logfmt or json.")
  var logFormat: LogFormatOption?

  /// The options as plain values, for code that runs without the parser (`CheckFastPath`).
  var choice: ConfigChoice {
    ConfigChoice(config: config, envFile: envFile, stateDir: stateDir, root: root, logFormat: logFormat?.format)
  }

  var environment: [String: String] { choice.environment }
  var caBundle: String? { choice.caBundle }
  var configPath: String { choice.configPath }

  func load(categorize: Bool? = nil, delivers: Bool = false) throws -> Configuration {
    try choice.load(categorize: categorize, delivers: delivers)
  }

  func eventLog(secrets: [String]) -> EventLog { choice.eventLog(secrets: secrets) }
}

/// Which configuration a command reads and how it logs: `ConfigOptions`' values.
struct ConfigChoice: Sendable {
  var config: String?
  var envFile: String?
  var stateDir: String?
  var root: String?
  var logFormat: LogFormat?

  var environment: [String: String] { ProcessEnvironment.current }

  /// The CA bundle the environment names (`CURL_CA_BUNDLE`, else `SSL_CERT_FILE`), for targets
  /// without a `ca_file`; libcurl itself reads neither.
  var caBundle: String? {
    (environment["CURL_CA_BUNDLE"] ?? environment["SSL_CERT_FILE"]).flatMap { $0.isEmpty ? nil : $0 }
  }

  var configPath: String {
    config ?? environment["FINISHLINE_CONFIG"] ?? "/etc/finishline/finishline.toml"
  }

  /// Loads and validates the configuration, exiting 78 with the loader's message on error.
  /// - Parameters:
  ///   - delivers: whether the command may deliver; only then must `env:` secrets be set.
  ///   - remembers: whether the command writes state, and so may note in the state directory
  ///     which patterns compiled (`CheckedPatterns`).
  func load(categorize: Bool? = nil, delivers: Bool = false, remembers: Bool = false) throws -> Configuration {
    var flags = ConfigOverrides(
      stateDir: stateDir.map(ConfigurationSource.absolute), root: root.map(ConfigurationSource.absolute),
      categorize: categorize, deferSecrets: !delivers)
    flags.remembersPatterns = remembers
    do {
      return try ConfigurationSource.load(
        path: configPath, envFile: envFile ?? environment["FINISHLINE_ENV_FILE"], flags: flags,
        environment: environment)
    } catch {
      throw Failure(status: .badConfig, message: error.description)
    }
  }

  func eventLog(secrets: [String]) -> EventLog {
    let format = logFormat ?? environment["FINISHLINE_LOG_FORMAT"].flatMap(LogFormat.init(rawValue:)) ?? .logfmt
    return EventLog(
      format: format, journal: environment["JOURNAL_STREAM"] != nil, redactor: Redactor(secrets: secrets))
  }
}

struct LogFormatOption: ExpressibleByArgument {
  var format: LogFormat

  init?(argument: String) {
    guard let format = LogFormat(rawValue: argument) else { return nil }
    self.format = format
  }

  static var allValueStrings: [String] { LogFormat.allCases.map(\.rawValue) }
}
