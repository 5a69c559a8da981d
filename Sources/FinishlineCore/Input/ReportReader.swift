public import FoundationEssentials

/// What finishline needs of a report format: telling its files by content, and reading them
/// into the `ParsedReport` every later step shares, so merging, the parse cache, messages and
/// the webhook payload never see the format's shape.
public protocol ReportReader {
  /// How people call the format, in `explain` and errors ("CTRF", "JUnit XML").
  static var name: String { get }

  /// Whether a file of `shape` is one of this format's reports; only the shape is asked, so
  /// a file matched by `run.reports` is read once by the reader its content names.
  static func recognizes(_ shape: ReportShape) -> Bool

  /// Reads a whole file, possibly one still being written.
  ///
  /// - Returns: the report; `.unreadable` saying where the bytes stop making sense (a
  ///   truncated file is normal while a run writes it); `.notAReport` for a file of another
  ///   shape (a fixture, a `package.json`), which is ignored and named.
  static func parse(_ data: Data, path: String, retries: RetryMode) -> ReportParseResult

  /// Reads a file as it streams from `source`, or `nil` when this reader cannot vouch for the
  /// result; `parse(_:path:retries:)` then reads the whole file and says what is wrong.
  static func parse(streaming source: any ByteSource, path: String, retries: RetryMode) -> ReportParseResult?

  /// The same test in several files of one machine counts once (a merged report beside its
  /// parts); otherwise every listed test counts, as JUnit's repeated `<testcase>`s do.
  static var countsEachTestOnceAcrossFiles: Bool { get }
}

extension ReportReader {
  public static func parse(streaming source: any ByteSource, path: String, retries: RetryMode) -> ReportParseResult? {
    nil
  }
}
