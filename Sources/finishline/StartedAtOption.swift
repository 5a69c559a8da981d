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
    if let startedAt, StartTime.parse(startedAt) == nil {
      throw ValidationError("--started-at `\(startedAt)` is neither an RFC 3339 time nor Unix seconds")
    }
  }

  var date: Date? { startedAt.flatMap(StartTime.parse) }
}
