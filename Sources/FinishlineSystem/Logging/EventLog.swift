public import FinishlineCore
public import FoundationEssentials
internal import Glibc

/// Writes one line per event to stderr, with run and scope context, secrets removed.
///
/// Every decision the pipeline takes goes through here, so "why did (or didn't) it post?"
/// can be answered from the log alone.
public struct EventLog: Sendable {
  public var format: LogFormat
  /// Prefix lines with `<N>` so `journalctl -p` filters by level (stderr is the journal).
  public var journal: Bool
  public var redactor: Redactor
  /// Fields added to every line (run, scope).
  public var context: [(String, String)]
  /// Lines below this level are not written.
  public var threshold = LogLevel.info
  private let sink: @Sendable (String) -> Void
  private let clock: @Sendable () -> Date

  public init(
    format: LogFormat, journal: Bool, redactor: Redactor, context: [(String, String)] = [],
    clock: @escaping @Sendable () -> Date = { Date() },
    sink: @escaping @Sendable (String) -> Void = EventLog.standardError
  ) {
    self.format = format
    self.journal = journal
    self.redactor = redactor
    self.context = context
    self.clock = clock
    self.sink = sink
  }

  /// A logger whose lines also carry `fields` (for example `scope=` or `target=`).
  public func with(_ fields: [(String, String)]) -> EventLog {
    var copy = self
    copy.context += fields
    return copy
  }

  /// Warnings and errors only: for commands whose own output already tells the decisions.
  public var quiet: EventLog {
    var copy = self
    copy.threshold = .warning
    return copy
  }

  public func log(_ level: LogLevel, _ event: String, _ fields: [(String, String)] = []) {
    guard level >= threshold else { return }
    let all =
      [("ts", Timestamp.iso(clock())), ("level", level.rawValue), ("event", event)]
      + context + fields
    let body = format == .json ? Self.json(all) : Self.logfmt(all)
    sink((journal ? "<\(level.journalPriority)>" : "") + redactor(body))
  }

  public func info(_ event: String, _ fields: [(String, String)] = []) { log(.info, event, fields) }
  public func notice(_ event: String, _ fields: [(String, String)] = []) { log(.notice, event, fields) }
  public func warning(_ event: String, _ fields: [(String, String)] = []) { log(.warning, event, fields) }
  public func error(_ event: String, _ fields: [(String, String)] = []) { log(.error, event, fields) }

  static func logfmt(_ fields: [(String, String)]) -> String {
    fields.map { key, value in
      let needsQuotes =
        value.isEmpty || value.contains { $0 == " " || $0 == "=" || $0 == "\"" || $0 == "\\" || $0.isNewline }
      guard needsQuotes else { return "\(key)=\(value)" }
      let escaped = value.replacing("\\", with: "\\\\").replacing("\"", with: "\\\"")
        .replacing("\n", with: "\\n")
      return "\(key)=\"\(escaped)\""
    }.joined(separator: " ")
  }

  /// Fields known to hold numbers or booleans are written as such, so log shippers can
  /// compare and sum them; every other value, a build name of digits included, stays a string.
  static func json(_ fields: [(String, String)]) -> String {
    let members = fields.map { key, value in
      let typed =
        (numberKeys.contains(key) && Int(value) != nil)
        || (booleanKeys.contains(key) && ["true", "false"].contains(value))
      return "\(JSONText.quote(key)):\(typed ? value : JSONText.quote(value))"
    }
    return "{" + members.joined(separator: ",") + "}"
  }

  static let numberKeys: Set<String> = ["attempt", "attempts", "http_status", "smtp_status", "rounds", "pid", "exit"]
  static let booleanKeys: Set<String> = ["dry_run", "closed", "resend"]

  public static let standardError: @Sendable (String) -> Void = { line in
    let bytes = Array((line + "\n").utf8)
    // A log line that cannot be written has nowhere to be reported.
    bytes.withUnsafeBytes { buffer in try? Syscall.writeAll(2, buffer, path: nil) }
  }
}
