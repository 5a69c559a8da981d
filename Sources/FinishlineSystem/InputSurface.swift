internal import FinishlineCore
internal import FoundationEssentials

/// Every reader of bytes that come from outside finishline, by name: the reports, the status
/// logs, the configuration, the credentials file, the state files and the parse cache. Each takes any bytes
/// and must answer (a value, or an error that names the problem), never crash or hang.
/// `Fuzz/` feeds them libFuzzer's inputs; `InputSurfaceTests` replays every input kept there.
public enum InputSurface: String, CaseIterable, Sendable {
  case mochawesome
  case junit
  case statusLog = "status-log"
  case toml
  case dotenv
  case state
  case parseCache = "parse-cache"

  /// Reads `bytes` as this surface does; the result is ignored, only its safety matters.
  public func read(_ bytes: [UInt8]) {
    // Each surface gets the bytes in the form its reader takes, and only that one.
    var text: String { String(decoding: bytes, as: UTF8.self) }
    switch self {
    case .mochawesome: Self.readMochawesome(bytes)
    case .junit: _ = JUnitReport.parse(Data(bytes), path: "fuzz.xml")
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

  /// Both mochawesome readers, and a difference between them is a crash: the streaming reader
  /// must answer exactly as the reference or not at all, with reads cut at odd places.
  private static func readMochawesome(_ bytes: [UInt8]) {
    let reference = MochawesomeReport.parse(Data(bytes), path: "fuzz.json")
    guard let streamed = MochawesomeReport.parse(streaming: BytesSource(bytes, chunk: 7), capacity: 64) else { return }
    precondition(streamed == reference, "the streaming mochawesome reader disagrees with the reference")
  }
}
