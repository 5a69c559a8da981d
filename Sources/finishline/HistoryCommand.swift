import ArgumentParser
import FinishlineCore
import FinishlineSystem

struct HistoryCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "history",
    abstract: "List the series and their last runs, or one series' runs (new, fixed) and its flakiest tests.")

  @OptionGroup var options: ConfigOptions

  @Argument(
    help: ArgumentHelp("Only this series (a build name without its number, such as `nightly`).", valueName: "series"))
  var series: String?

  @Flag(name: .long, help: "Print JSON instead of a table.")
  var json = false

  func run() throws {
    let configuration = try options.load()
    let redact = Redactor(secrets: configuration.secrets)
    let book = configuration.stateBackend().history
    do {
      guard let series else {
        let lines = try book.series().map { series throws(StateStoreError) in
          HistoryReport.SeriesLine(try book.history(of: series))
        }
        print(redact(json ? HistoryReport.seriesJSON(lines).text : HistoryReport.seriesTable(lines)))
        return
      }
      let history = try book.history(of: series)
      guard !history.runs.isEmpty else {
        let known = try book.series()
        throw Failure(
          status: .usage,
          message: "no runs recorded for series \(series)"
            + (known.isEmpty ? " (none is recorded yet)" : "; recorded: \(known.joined(separator: ", "))"))
      }
      let lines = HistoryReport.runs(history, flakyWindow: configuration.history.flakyWindow)
      print(
        redact(
          json ? HistoryReport.runsJSON(series: series, lines).text : HistoryReport.runTable(series: series, lines)))
    } catch let error as StateStoreError {
      throw Failure(status: error.exitStatus, message: redact(error.description))
    }
  }
}
