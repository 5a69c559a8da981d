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
    if let startedAt, let problem = Self.problem(with: startedAt, now: Date()) { throw ValidationError(problem) }
  }

  /// Why `text` cannot be the run's start at `now`, or nil; `CheckFastPath` refuses the same.
  static func problem(with text: String, now: Date) -> String? {
    guard let start = StartTime.parse(text) else {
      return "--started-at `\(text)` is neither an RFC 3339 time nor Unix seconds"
    }
    return StartTime.problem(start: start, text: text, now: now)
  }

  var date: Date? { startedAt.flatMap(StartTime.parse) }
}
