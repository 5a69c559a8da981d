import ArgumentParser
import FinishlineCore
import FinishlineSystem
import FoundationEssentials
import Glibc

struct StatusCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "status", abstract: "Every tracked run: state, since when, reason, delivery per target.")

  @OptionGroup var options: ConfigOptions

  @Argument(help: ArgumentHelp("Only this run.", valueName: "run"))
  var runName: String?

  @Flag(name: .long, help: "Print a JSON array of decision records.")
  var json = false

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Write a self-contained HTML status page to this file (mode 0644, replaced atomically)"
        + " and print its path.",
      valueName: "file"))
  var html: String?

  @Flag(
    name: .long,
    help: ArgumentHelp(
      "Exit 0 when the run is closed and every post it owes is settled, 1 while it is not (a watch stops"
        + " itself on this); a post that failed terminally is named on stderr with what to do next."))
  var closed = false

  func validate() throws {
    if json, html != nil { throw ValidationError("--json and --html cannot be combined") }
    if closed, runName == nil || json || html != nil {
      throw ValidationError("--closed takes one run and no --json or --html")
    }
  }

  func run() throws {
    let configuration = try options.load()
    let redact = Redactor(secrets: configuration.secrets)
    let now = Date.now
    let backend = configuration.stateBackend()
    if closed, let runName {
      guard RunTargets.isSettled(runName, configuration: configuration, backend: backend, now: now) else {
        throw ExitCode(1)
      }
      if case .stored(let stored)? = try? backend.peek(runName) {
        for note in DeliveryRecovery.notes(for: stored) { EventLog.standardError("finishline: \(redact(note))") }
      }
      return
    }
    guard backend.exists else {
      throw Failure(
        status: .usage,
        message: "the state directory \(configuration.stateDir) does not exist: no run has been checked with it"
          + " (is state_dir or --state-dir right?)")
    }
    let overview: StatusOverview
    do {
      overview = try StatusOverview(configuration: configuration, backend: backend, only: runName, now: now)
    } catch {
      throw Failure(status: error.exitStatus, message: redact(error.description))
    }
    if let html {
      do {
        try overview.writePage(
          to: html, redact: redact, history: configuration.history.enabled ? backend.history : nil, now: now)
      } catch {
        throw Failure(status: .cannotWriteState, message: "cannot write the status page: \(error)")
      }
      print(html)
    } else if json {
      print(redact(JSONValue.array(overview.reports.map(\.json)).text))
    } else {
      print(redact(StatusTable.render(overview.rows, now: now, color: isatty(1) == 1)))
    }
    for entry in overview.unreadable {
      let problem = "\(entry.run): state file \(entry.problem); `finishline check` will move it aside"
      EventLog.standardError("finishline: \(redact(problem))")
    }
    if let runName, overview.reports.isEmpty, overview.unreadable.isEmpty {
      throw Failure(status: .usage, message: "no state for run \(runName)")
    }
  }
}
