/// Which reader a report pattern's files go to: the format its key names (`run.mochawesome`,
/// `run.junit`), or, under `run.reports`, whichever format each file's content is (SPEC §3.1).
public enum ExpectedFormat: Sendable, Hashable {
  case named(ReportFormat)
  case byContent

  /// How the parse cache writes it: the format's name, or `content`.
  public var rawValue: String {
    switch self {
    case .named(let format): format.rawValue
    case .byContent: "content"
    }
  }

  public init?(rawValue: String) {
    if rawValue == "content" {
      self = .byContent
    } else if let format = ReportFormat(rawValue: rawValue) {
      self = .named(format)
    } else {
      return nil
    }
  }
}

/// One configured glob of report files, with its key and the reader it expects.
public struct ReportPattern: Sendable, Equatable {
  public var key: String
  public var pattern: String
  public var expected: ExpectedFormat

  public init(key: String, pattern: String, expected: ExpectedFormat) {
    self.key = key
    self.pattern = pattern
    self.expected = expected
  }
}
