/// Finds each machine's latest status in the runner's status logs, which are the only place
/// that says a machine is still RUNNING or NOT STARTED.
public enum StatusLogParser {
  /// Records the last status line per machine in `text` into `result`.
  ///
  /// Callers feed the log files oldest first, so a line overrides whatever an earlier line or
  /// file said about the same machine. Lines that do not match, and lines whose status word is
  /// not one of the five finishline knows, are ignored: logs carry other chatter.
  ///
  /// - Parameters:
  ///   - text: The log's content; `\n`, `\r\n` and `\r` line ends are all accepted.
  ///   - source: The log's path; each `StatusLine` records `source:line` for `explain`.
  ///   - pattern: The configured `status_line` pattern.
  ///   - result: The latest line per machine so far, keyed by machine name.
  public static func lastStatuses(
    in text: String, source: String, pattern: StatusLinePattern,
    into result: inout [String: StatusLine]
  ) {
    guard let regex = pattern.regex() else { return }
    let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
    for (index, line) in lines.enumerated() {
      guard let match = try? regex.firstMatch(in: line),
        let machine = match.output["machine"]?.substring.map(String.init), !machine.isEmpty,
        let word = match.output["status"]?.substring,
        let status = MachineStatus(logText: String(word))
      else { continue }
      result[machine] = StatusLine(
        machine: machine, status: status,
        timestamp: match.output["ts"]?.substring.map(String.init),
        source: "\(source):\(index + 1)")
    }
  }
}
