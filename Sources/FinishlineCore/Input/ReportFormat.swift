/// The report formats finishline reads: the registry a new format adds one case and one
/// reader line to (docs/ARCHITECTURE.md, "Adding a report format").
///
/// The order is the merge precedence: where a machine's files report one test in two formats
/// (a multi-reporter), the earlier format's outcome and message win, and a later one only fills
/// in what the earlier left out. Richer formats come first, JUnit, which every tool can write
/// and which says least, last. It is also the order content detection asks the readers in.
public enum ReportFormat: String, Sendable, Hashable, Codable, CaseIterable {
  case mochawesome
  case playwright
  case ctrf
  case mochaJSON = "mocha-json"
  case trx
  case nunit
  case xunit
  case junit

  /// The reader of this format's files.
  public var reader: any ReportReader.Type {
    switch self {
    case .mochawesome: MochawesomeReport.self
    case .playwright: PlaywrightReport.self
    case .ctrf: CTRFReport.self
    case .mochaJSON: MochaJSONReport.self
    case .trx: TRXReport.self
    case .nunit: NUnitReport.self
    case .xunit: XUnitReport.self
    case .junit: JUnitReport.self
    }
  }

  /// The format of a file of `shape`, when a reader recognizes it (SPEC §3.1 "told by").
  public static func recognizing(_ shape: ReportShape) -> ReportFormat? {
    allCases.first { $0.reader.recognizes(shape) }
  }
}
