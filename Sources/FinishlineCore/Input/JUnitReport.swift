public import FoundationEssentials

/// Reads JUnit XML as mocha-junit-reporter (Cypress), jest-junit, pytest, Maven surefire and
/// go-junit-report write it, nested `<testsuite>`s included, so the rest of finishline never
/// sees the dialect.
public enum JUnitReport {
  /// Parses one JUnit XML file.
  ///
  /// - Parameters:
  ///   - data: The file's bytes, in any encoding `TextEncoding` reads; possibly a file still
  ///     being written.
  ///   - path: Where the bytes came from, named in the reason when they cannot be read.
  ///   - retries: `.auto` reads repeated `<testcase>`s of one test as its attempts (see
  ///     `RetryReading`); `.off` counts every listed test case.
  /// - Returns: The report; `.unreadable` saying whether the XML is truncated (normal while a
  ///   run is writing it) or malformed; or `.notAReport` when the root element is not JUnit's.
  ///   A report that lists no test cases carries the counts its attributes declare, if any.
  public static func parse(_ data: Data, path: String, retries: RetryMode = .auto) -> ReportParseResult {
    XMLReportFile.parse(data, path: path, format: "JUnit", reader: JUnitReader.self, retries: retries)
  }
}

/// How repeated attempts of one test are read (`run.retries`).
public enum RetryMode: String, Sendable, Hashable, Codable, CaseIterable {
  /// Attempts of one test are one test, flaky when it passed in the end after failing.
  case auto
  /// Every listed test case counts.
  case off
  /// Every repeat of a classname and name is an attempt of one test, whatever the location or
  /// the declared count: for tools that write each rerun as its own element and count it
  /// (gotestsum `--rerun-fails`).
  case byName = "by-name"
}

extension JUnitReport: ReportReader {
  public static var name: String { "JUnit XML" }

  public static func recognizes(_ shape: ReportShape) -> Bool {
    shape == .xml(root: "testsuites") || shape == .xml(root: "testsuite")
  }

  public static func parse(streaming source: any ByteSource, path: String, retries: RetryMode) -> ReportParseResult? {
    XMLReportFile.parse(streaming: source, path: path, format: "JUnit", reader: JUnitReader.self, retries: retries)
  }

  /// Repeated `<testcase>`s are read as attempts or as tests by `RetryReading`, within a file;
  /// across files, a jrm or junit-merge file beside its parts counts once, while the same
  /// classname and name in two different files (two specs titled alike) both count.
  public static var repeats: CrossFileRepeats { .partsOfMergedFilesOnce }
}
