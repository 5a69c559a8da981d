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

  /// How a test repeated in several files of one machine is counted (a merged report beside
  /// its parts counts once).
  static var repeats: CrossFileRepeats { get }
}

/// How a format's tests that appear in several files of one machine are counted: a merger
/// (mochawesome-merge, `ctrf merge`, `playwright merge-reports`, jrm, junit-merge) writes its
/// parts' tests again, and they must count once, while two different tests must never
/// become one (that could hide a failure).
public enum CrossFileRepeats: Sendable {
  /// A test already seen in another file, by its id or by spec file, class and title, is not
  /// counted again; repeats inside one file all count. For formats whose tests carry ids or
  /// spec files.
  case sameTestOnce
  /// A file whose every test, with the same outcome, another file of the machine also holds
  /// (as many times) is a part of that merged file, or a copy, and adds nothing; every other
  /// file counts whole. For formats whose tests may name neither id nor spec file (JUnit,
  /// .NET), where one title in two files can be two tests.
  case partsOfMergedFilesOnce
}

extension ReportReader {
  public static func parse(streaming source: any ByteSource, path: String, retries: RetryMode) -> ReportParseResult? {
    nil
  }
}
