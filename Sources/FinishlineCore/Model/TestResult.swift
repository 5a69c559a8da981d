/// How one test case ended, in the vocabulary shared by mochawesome and JUnit.
public enum TestOutcome: String, Sendable, Codable, CaseIterable {
  case passed
  case failed
  /// Declared but not run (`it.skip`, `xit`, mocha "pending").
  case pending
  /// Not run because something else stopped it (a failed hook, `<skipped/>`, a disabled test).
  case skipped
}

/// One test case as a report describes it; the unit that is merged across formats.
public struct TestResult: Sendable, Equatable, Codable {
  /// The spec file the test lives in, as the report names it (may be absent in JUnit).
  public var spec: String?
  /// JUnit's `classname` (a Java class, a pytest module), which names the test where no spec does.
  public var classname: String?
  /// The full title (suite titles and test title joined by spaces).
  public var fullTitle: String
  public var outcome: TestOutcome
  public var durationMs: Double?
  /// The assertion message of a failed test, without stack frames.
  public var failureMessage: String?
  /// mochawesome's test uuid: the same test in a merged report and in its per-spec file.
  public var uuid: String?
  /// Passed after at least one failed attempt (a retry, a rerun).
  public var flaky: Bool
  /// Playwright's project ("chromium", "firefox"): one test of a spec runs once per project,
  /// and each is a test of its own in failure groups and in a series' history (SPEC §8.1).
  public var project: String?

  public init(
    spec: String?, classname: String? = nil, fullTitle: String, outcome: TestOutcome, durationMs: Double? = nil,
    failureMessage: String? = nil, uuid: String? = nil, flaky: Bool = false, project: String? = nil
  ) {
    self.spec = spec
    self.classname = classname
    self.fullTitle = fullTitle
    self.outcome = outcome
    self.durationMs = durationMs
    self.failureMessage = failureMessage
    self.uuid = uuid
    self.flaky = flaky
    self.project = project
  }

  /// The full title and, for Playwright, its project: "Cart › adds an item [firefox]".
  public var displayTitle: String { project.map { "\(fullTitle) [\($0)]" } ?? fullTitle }

  /// "login.cy.js › logs in", "com.example.CartTest › addsItem": how messages name the test.
  public var displayName: String { TestName.display(spec: spec, classname: classname, title: displayTitle) }
}

/// How a test is named for people, whatever format reported it.
public enum TestName {
  /// The spec's file name (or the classname) and the title, joined by " › ".
  public static func display(spec: String?, classname: String?, title: String) -> String {
    guard let prefix = spec?.fileName ?? classname?.nonBlank, prefix != title else { return title }
    return "\(prefix) › \(title)"
  }

  /// `title` without `classname.` in front: .NET runners name a test by its class and method
  /// (`Shop.Tests.CartTests.AddsItem`), and the class is named beside it already.
  static func title(_ title: String, withoutClass classname: String?) -> String {
    guard let classname, title.hasPrefix(classname + "."), title.count > classname.count + 1 else { return title }
    return String(title.dropFirst(classname.count + 1))
  }
}
