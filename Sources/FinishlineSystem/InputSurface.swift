public import FinishlineCore
internal import FoundationEssentials

/// Every reader of bytes that come from outside finishline, by name: each report format (one
/// surface per `ReportFormat`, so a new format is fuzzed without a line here), the status
/// logs, the configuration, the credentials file, the state files and the parse cache. Each
/// takes any bytes and must answer (a value, or an error that names the problem), never crash
/// or hang. `Fuzz/` feeds them libFuzzer's inputs; `InputSurfaceTests` replays every input kept
/// there.
public enum InputSurface: Sendable, Hashable, CaseIterable {
  case report(ReportFormat)
  case statusLog
  case toml
  case dotenv
  case state
  case parseCache

  public static var allCases: [InputSurface] {
    ReportFormat.allCases.map(report) + [.statusLog, .toml, .dotenv, .state, .parseCache]
  }

  /// The surface's name in `Fuzz/` and `FINISHLINE_FUZZ_TARGET`: a report format's own name.
  public var rawValue: String {
    switch self {
    case .report(let format): format.rawValue
    case .statusLog: "status-log"
    case .toml: "toml"
    case .dotenv: "dotenv"
    case .state: "state"
    case .parseCache: "parse-cache"
    }
  }

  public init?(rawValue: String) {
    guard let surface = Self.allCases.first(where: { $0.rawValue == rawValue }) else { return nil }
    self = surface
  }

  /// Reads `bytes` as this surface does; the result is ignored, only its safety matters.
  public func read(_ bytes: [UInt8]) {
    // Each surface gets the bytes in the form its reader takes, and only that one.
    var text: String { String(decoding: bytes, as: UTF8.self) }
    switch self {
    case .report(let format): Self.readReport(bytes, as: format)
    case .statusLog:
      var statuses: [String: StatusLine] = [:]
      guard let pattern = try? StatusLinePattern(StatusLinePattern.defaultSource) else { return }
      StatusLogParser.lastStatuses(in: text, source: "fuzz.log", pattern: pattern, into: &statuses)
    case .toml:
      _ = try? ConfigurationLoader.load(text: text, file: "/fuzz/finishline.toml", environment: ["A": "b"])
    case .dotenv: _ = try? DotEnv.parse(text)
    case .state: _ = StateStore.decode(Data(bytes))
    case .parseCache: _ = ParseCacheCodec.decode(bytes, version: ParseCache.formatVersion)
    }
  }

  /// The format's shape, its whole-file reader and its streaming reader, and a difference
  /// between the two readers is a crash: the streaming reader must answer exactly as the
  /// whole-file reader or not at all, with reads cut at odd places.
  private static func readReport(_ bytes: [UInt8], as format: ReportFormat) {
    _ = ReportShape.of(BytesSource(bytes, chunk: 7))
    let path = "fuzz.\(format.rawValue)"
    let whole = format.reader.parse(Data(bytes), path: path, retries: .auto)
    guard let streamed = format.reader.parse(streaming: BytesSource(bytes, chunk: 7), path: path, retries: .auto)
    else { return }
    precondition(streamed == whole, "the streaming \(format.reader.name) reader disagrees with the whole-file reader")
  }
}
