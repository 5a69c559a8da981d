import ArgumentParser
import FinishlineCore

/// A duration flag (`--deadline`, `--lock-wait`): written as in the configuration (`90s`, `2m`,
/// `1h30m`), or as a bare number of seconds, since a flag has no ambiguity about its unit.
struct DurationArgument: ExpressibleByArgument, Sendable {
  var seconds: Double

  init(seconds: Double) {
    self.seconds = seconds
  }

  init?(argument: String) {
    guard let seconds = Double(argument) ?? Interval.seconds(argument), seconds.isFinite, seconds >= 0 else {
      return nil
    }
    self.seconds = seconds
  }

  var defaultValueDescription: String { Interval.describe(seconds) }
}
