/// What one configured path pattern found, so `explain` can say why a file was or was not read.
public struct PatternEvidence: Sendable, Equatable {
  /// The configuration key (`run.mochawesome`, `run.status_logs`, …).
  public var key: String
  public var pattern: String
  public var matched: Int
  /// Files older than the run's start, under a pattern without `{run}`: an earlier build's.
  public var setAside: Int
  /// Files that are no report of the pattern's format.
  public var ignored: Int
  /// Report files read, by the format each was read as.
  public var formats: [ReportFormat: Int] = [:]

  public init(key: String, pattern: String, matched: Int, setAside: Int = 0, ignored: Int = 0) {
    self.key = key
    self.pattern = pattern
    self.matched = matched
    self.setAside = setAside
    self.ignored = ignored
  }

  /// "12 mochawesome, 1 CTRF": what the pattern's files were read as, in format order.
  public var readAs: String {
    ReportFormat.allCases.compactMap { format in formats[format].map { "\($0) \(format.reader.name)" } }
      .joined(separator: ", ")
  }

  /// A pattern without `{run}` matches every build's files in a reused workspace.
  public var namesTheRun: Bool { PatternEvidence.namesTheRun(pattern) }

  public static func namesTheRun(_ pattern: String) -> Bool { pattern.containsUTF8("{run}") }

  /// A pattern with `{group}` is read in a categorized parent's tree (`SubRunOrigin`).
  public static func namesTheGroup(_ pattern: String) -> Bool { pattern.containsUTF8("{group}") }
}

/// A configured spec list and the specs in it that no report accounts for yet.
public struct SpecCoverage: Sendable, Equatable {
  /// Spec file names the `specs` globs matched, sorted.
  public var expected: [String]
  /// Expected specs no report names, beyond those that reports without names (mochawesome's
  /// empty specs) may stand for.
  public var missing: [String]

  public init(expected: [String], missing: [String]) {
    self.expected = expected
    self.missing = missing
  }

  /// Which expected specs lack a result: those no report names, less as many as there are
  /// reports of specs that name no file (an empty mochawesome spec says only `[false]`).
  public static func of(expected: [String], reported: Set<String>, anonymous: Int) -> SpecCoverage {
    let unnamed = expected.filter { !reported.contains($0) }
    let missing = unnamed.count > anonymous ? unnamed : []
    return SpecCoverage(expected: expected, missing: missing)
  }
}
