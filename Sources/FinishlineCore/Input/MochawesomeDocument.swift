/// The parts of a mochawesome JSON report that finishline reads, as mochawesome writes them.
///
/// Decoding is lenient about scalar fields (a `null`, missing or oddly typed `duration` or
/// `state` must not cost a whole report) and strict about structure: a `tests` or `suites`
/// member that is not an array means this is not a mochawesome report.
struct MochawesomeDocument: Decodable {
  /// The current shape: one suite per spec file; mochawesome-merge concatenates them.
  var results: [Suite]?
  /// The shape before mochawesome 4: one root suite (some merge tools wrote an array).
  var rootSuites: [Suite]?
  /// `stats.duration`: the whole report's run time in milliseconds.
  var durationMs: Double?
  /// `false` entries of `results`: specs without tests.
  var emptySpecs = 0
  /// `stats.start` and `stats.end`, ISO 8601 timestamps.
  var start: String?
  var end: String?

  /// An empty document, for a reader to fill in.
  init() {}

  private enum Key: String, CodingKey { case results, suites, stats }
  private enum StatsKey: String, CodingKey { case duration, start, end }

  /// Valid JSON that is no mochawesome report: a fixture, a `package.json`, a tool's config.
  struct NotAReport: Error {
    var reason: String
  }

  init(from decoder: any Decoder) throws {
    guard let container = try? decoder.container(keyedBy: Key.self) else {
      throw NotAReport(reason: "the top level is not an object")
    }
    guard container.contains(.results) || container.contains(.suites) else {
      throw NotAReport(reason: "no `results` or `suites`")
    }
    // mochawesome writes `false` for a spec without tests (an empty suite): an empty spec.
    let entries = try container.decodeIfPresent([SuiteOrEmpty].self, forKey: .results)
    results = entries?.compactMap(\.suite)
    emptySpecs = entries?.count { $0.suite == nil } ?? 0
    if container.contains(.suites), try !container.decodeNil(forKey: .suites) {
      // mochawesome 3 writes the root suite itself, `false` when the spec has no tests.
      if (try? container.decode(Bool.self, forKey: .suites)) == false {
        guard container.contains(.stats) else { throw NotAReport(reason: "`suites` is false and there are no `stats`") }
        emptySpecs += 1
        rootSuites = []
      } else {
        rootSuites = try Self.rootSuites(container)
      }
    }
    let stats = try? container.nestedContainer(keyedBy: StatsKey.self, forKey: .stats)
    durationMs = stats?.lenient(Double.self, .duration)
    start = stats?.lenient(String.self, .start)
    end = stats?.lenient(String.self, .end)
  }

  /// The root suite mochawesome 3 writes, or the array some merge tools wrote in its place.
  private static func rootSuites(_ container: KeyedDecodingContainer<Key>) throws -> [Suite] {
    do {
      return [try container.decode(Suite.self, forKey: .suites)]
    } catch {
      guard let suites = try? container.decode([SuiteOrEmpty].self, forKey: .suites) else { throw error }
      return suites.compactMap(\.suite)
    }
  }

  /// A suite, or the `false` mochawesome writes in place of an empty one.
  struct SuiteOrEmpty: Decodable {
    var suite: Suite?

    init(from decoder: any Decoder) throws {
      if let single = try? decoder.singleValueContainer(), (try? single.decode(Bool.self)) == false {
        suite = nil
      } else {
        suite = try Suite(from: decoder)
      }
    }
  }

  /// A `describe` block, or the file-level root suite that names the spec.
  struct Suite: Decodable {
    var title: String?
    var file: String?
    var fullFile: String?
    var tests: [Test] = []
    var suites: [Suite] = []
    var beforeHooks: [Test] = []
    var afterHooks: [Test] = []

    /// An empty suite, for a reader to fill in.
    init() {}

    private enum Key: String, CodingKey {
      case title, file, fullFile, tests, suites, beforeHooks, afterHooks
    }

    init(from decoder: any Decoder) throws {
      let container = try decoder.container(keyedBy: Key.self)
      title = container.lenient(String.self, .title)
      file = container.lenient(String.self, .file)
      fullFile = container.lenient(String.self, .fullFile)
      tests = try container.decodeIfPresent([Test].self, forKey: .tests) ?? []
      suites = try container.decodeIfPresent([SuiteOrEmpty].self, forKey: .suites)?.compactMap(\.suite) ?? []
      beforeHooks = try container.decodeIfPresent([Test].self, forKey: .beforeHooks) ?? []
      afterHooks = try container.decodeIfPresent([Test].self, forKey: .afterHooks) ?? []
    }
  }

  /// A test case, or a hook (hooks have the same shape and `isHook: true` in `tests`).
  struct Test: Decodable {
    var uuid: String?
    var title: String?
    var fullTitle: String?
    var state: String?
    var durationMs: Double?
    var pass = false
    var fail = false
    var pending = false
    var skipped = false
    var isHook = false
    var errorMessage: String?
    var errorStack: String?

    /// A test with no field set, for a reader to fill in.
    init() {}

    private enum Key: String, CodingKey {
      case uuid, title, fullTitle, state, duration, pass, fail, pending, skipped, isHook, err
    }
    private enum ErrorKey: String, CodingKey { case message, estack }

    init(from decoder: any Decoder) throws {
      let container = try decoder.container(keyedBy: Key.self)
      uuid = container.lenient(String.self, .uuid)
      title = container.lenient(String.self, .title)
      fullTitle = container.lenient(String.self, .fullTitle)
      state = container.lenient(String.self, .state)
      durationMs = container.lenient(Double.self, .duration)
      pass = container.lenient(Bool.self, .pass) ?? false
      fail = container.lenient(Bool.self, .fail) ?? false
      pending = container.lenient(Bool.self, .pending) ?? false
      skipped = container.lenient(Bool.self, .skipped) ?? false
      isHook = container.lenient(Bool.self, .isHook) ?? false
      let error = try? container.nestedContainer(keyedBy: ErrorKey.self, forKey: .err)
      errorMessage = error?.lenient(String.self, .message)
      errorStack = error?.lenient(String.self, .estack)
    }
  }
}

extension KeyedDecodingContainer {
  /// The value when present and of the expected type; `nil` otherwise, never an error.
  fileprivate func lenient<Value: Decodable>(_ type: Value.Type, _ key: Key) -> Value? {
    (try? decodeIfPresent(type, forKey: key)) ?? nil
  }
}
