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

  private enum Key: String, CodingKey { case results, suites, stats }
  private enum StatsKey: String, CodingKey { case duration }

  init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: Key.self)
    results = try container.decodeIfPresent([Suite].self, forKey: .results)
    if container.contains(.suites), try !container.decodeNil(forKey: .suites) {
      do {
        rootSuites = [try container.decode(Suite.self, forKey: .suites)]
      } catch {
        guard let suites = try? container.decode([Suite].self, forKey: .suites) else { throw error }
        rootSuites = suites
      }
    }
    let stats = try? container.nestedContainer(keyedBy: StatsKey.self, forKey: .stats)
    durationMs = stats?.lenient(Double.self, .duration)
  }

  /// A `describe` block, or the file-level root suite that names the spec.
  struct Suite: Decodable {
    var title: String?
    var file: String?
    var fullFile: String?
    var tests: [Test]
    var suites: [Suite]
    var beforeHooks: [Test]
    var afterHooks: [Test]

    private enum Key: String, CodingKey {
      case title, file, fullFile, tests, suites, beforeHooks, afterHooks
    }

    init(from decoder: any Decoder) throws {
      let container = try decoder.container(keyedBy: Key.self)
      title = container.lenient(String.self, .title)
      file = container.lenient(String.self, .file)
      fullFile = container.lenient(String.self, .fullFile)
      tests = try container.decodeIfPresent([Test].self, forKey: .tests) ?? []
      suites = try container.decodeIfPresent([Suite].self, forKey: .suites) ?? []
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
    var pass: Bool
    var fail: Bool
    var pending: Bool
    var skipped: Bool
    var isHook: Bool
    var errorMessage: String?
    var errorStack: String?

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
