/// Which series a build belongs to (SPEC §8.1): the runs a build is compared with are the
/// earlier runs of its series, so `nightly-412` is read against `nightly-411`.
public struct SeriesNaming: @unchecked Sendable, Equatable {
  // Regex is immutable once compiled; it is not marked Sendable by the standard library.
  /// `series = "auto"`, or the template over `series_match` captures (`"{job}"`).
  public let template: String?
  public let match: String
  /// Only a template reads captures, so `automatic` (shared, built once) holds no regex.
  private let regex: Regex<AnyRegexOutput>?

  public static let defaultMatch = #"^(?<job>.+?)[-_.#]?\d+$"#

  /// - Throws: `SeriesNaming.Problem` when `match` is no regex, or the template names a capture
  ///   it does not have.
  public init(template: String? = nil, match: String = defaultMatch) throws(Problem) {
    self.template = template
    self.match = match
    // The default is known to compile (`SeriesNamingTests`) and, without a template, is never
    // used: compiling it anyway was a twentieth of a closed run's check.
    guard template != nil || match != Self.defaultMatch else {
      regex = nil
      return
    }
    let compiled: Regex<AnyRegexOutput>
    do {
      compiled = try Regex(match)
    } catch {
      throw .badRegex("`\(match)` is not a regular expression: \(error)")
    }
    for name in template.map(Self.placeholders) ?? [] where !compiled.contains(captureNamed: name) {
      throw .unknownCapture("the template names {\(name)}, which series_match does not capture (`\(match)`)")
    }
    regex = template == nil ? nil : compiled
  }

  /// The default: the build name without its trailing number.
  public static let automatic: SeriesNaming = {
    do {
      return try SeriesNaming()
    } catch {
      preconditionFailure("the default series_match is a regular expression: \(error)")
    }
  }()

  public static func == (left: SeriesNaming, right: SeriesNaming) -> Bool {
    left.template == right.template && left.match == right.match
  }

  public enum Problem: Error, Equatable {
    case badRegex(String)
    case unknownCapture(String)

    var isRegex: Bool {
      if case .badRegex = self { return true }
      return false
    }

    public var message: String {
      switch self {
      case .badRegex(let text), .unknownCapture(let text): text
      }
    }
  }

  /// The series of `build`; a categorized sub-run's is its parent build's series and its group
  /// (`nightly/smoke`). A build the template's regex does not match is a series of its own.
  public func series(of build: String, group: String? = nil) -> String {
    let series = template.map { fill($0, from: build) } ?? Self.withoutTrailingNumber(build)
    return group.map { "\(series)/\($0)" } ?? series
  }

  /// `nightly-412` → `nightly`, `e2e_7` → `e2e`, `release#12` → `release`: trailing digits and
  /// one separator before them; a name without a trailing number, or only a number, is kept.
  static func withoutTrailingNumber(_ build: String) -> String {
    var stem = Substring(build)
    while let last = stem.last, last.isASCII, last.isNumber { stem = stem.dropLast() }
    guard stem.count < build.count, !stem.isEmpty else { return build }
    if let last = stem.last, "-_.#".contains(last), stem.count > 1 { stem = stem.dropLast() }
    return String(stem)
  }

  private func fill(_ template: String, from build: String) -> String {
    guard let found = try? regex?.wholeMatch(in: build) else { return build }
    var text = template
    for name in Self.placeholders(template) {
      let value = found.output[name]?.substring.map(String.init) ?? ""
      text = text.replacing("{\(name)}", with: value)
    }
    return text.isEmpty ? build : text
  }

  /// The `{name}`s of a template.
  static func placeholders(_ template: String) -> [String] {
    var names: [String] = []
    var rest = Substring(template)
    while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
      names.append(String(rest[rest.index(after: open)..<close]))
      rest = rest[rest.index(after: close)...]
    }
    return names
  }
}
