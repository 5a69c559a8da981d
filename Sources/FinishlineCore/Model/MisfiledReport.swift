/// A report file under a format's key that is another known format's, read as what it is
/// (SPEC §3.1): `explain` says so, since the key is likely a copy-and-paste slip.
public struct MisfiledReport: Sendable, Equatable {
  public var path: String
  /// The configuration key whose glob matched it (`run.mochawesome`).
  public var key: String
  public var expected: ReportFormat
  public var read: ReportFormat

  public init(path: String, key: String, expected: ReportFormat, read: ReportFormat) {
    self.path = path
    self.key = key
    self.expected = expected
    self.read = read
  }

  /// "read results/pw.json as CTRF, not mochawesome (run.mochawesome)".
  public var description: String {
    "read \(path) as \(read.reader.name), not \(expected.reader.name) (\(key))"
  }
}
