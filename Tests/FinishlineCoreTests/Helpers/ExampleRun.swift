import Foundation

@testable import FinishlineCore

/// A run of the example tree `examples/cmcReporter`, read the way `check` reads it: each
/// machine's mochawesome files, parsed and merged.
enum ExampleRun {
  static let root = Repository.path("examples/cmcReporter")

  /// Every failure of `run`, machines in name order, files in name order.
  static func failures(_ run: String) throws -> [TestFailure] {
    let runDirectory = root.appendingPathComponent("mochawesome/\(run)")
    let files = FileManager.default
    var failures: [TestFailure] = []
    for machine in try files.contentsOfDirectory(atPath: runDirectory.path).sorted() {
      let machineDirectory = runDirectory.appendingPathComponent(machine)
      var reports: [ParsedReport] = []
      for name in try files.contentsOfDirectory(atPath: machineDirectory.path).sorted() where name.hasSuffix(".json") {
        let data = try Data(contentsOf: machineDirectory.appendingPathComponent(name))
        guard case .parsed(let report) = MochawesomeReport.parse(data, path: name) else {
          throw Fixture.Problem(description: "\(machine)/\(name) did not parse")
        }
        reports.append(report)
      }
      failures += ResultMerge.merge(machine: machine, reports: reports).failures
    }
    return failures
  }
}
