import ArgumentParser
import FinishlineCore
import FoundationEssentials

/// `--started-at`, shared by the commands that classify a run, so they agree on its start.
struct StartedAtOption: ParsableArguments {
  @Option(
    name: .long,
    help: ArgumentHelp(
      "When the run started: RFC 3339 (2026-12-01T08:00:00Z) or Unix seconds; a CI step passes its build's start.",
      valueName: "time"))
  var startedAt: String?

  func validate() throws {
    guard let startedAt else { return }
    guard let start = StartTime.parse(startedAt) else {
      throw ValidationError("--started-at `\(startedAt)` is neither an RFC 3339 time nor Unix seconds")
    }
    if let problem = StartTime.problem(start: start, text: startedAt, now: Date()) {
      throw ValidationError(problem)
    }
  }

  var date: Date? { startedAt.flatMap(StartTime.parse) }
}
