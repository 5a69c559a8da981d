/// Why the XML scanner stopped: a file cut short is normal evidence of a run still writing it,
/// a malformed one is not, so the two are told apart.
struct XMLScanError: Error, Equatable, CustomStringConvertible {
  enum Kind: Equatable {
    /// The bytes end inside markup, or with elements still open.
    case truncated
    /// The bytes cannot be XML however much more is written (e.g. a mismatched end tag).
    case malformed
  }

  var kind: Kind
  /// The 1-based line where the problem was found.
  var line: Int
  /// What is wrong, naming the elements involved.
  var detail: String

  var description: String {
    switch kind {
    case .truncated: "truncated XML at line \(line): \(detail)"
    case .malformed: "malformed XML at line \(line): \(detail)"
    }
  }
}
