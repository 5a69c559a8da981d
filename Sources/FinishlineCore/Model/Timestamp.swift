public import FoundationEssentials

/// The one timestamp format used in logs, state, reasons and JSON output.
public enum Timestamp {
  public static func iso(_ date: Date) -> String {
    date.formatted(.iso8601)
  }
}
