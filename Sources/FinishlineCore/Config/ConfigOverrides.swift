/// Values that replace the file's for one invocation (environment, then flags).
public struct ConfigOverrides: Sendable, Equatable {
  public var stateDir: String?
  public var root: String?
  public var categorize: Bool?
  /// Leave `env:NAME` secrets unresolved when they are not set (SPEC §2: only commands that
  /// deliver resolve them; `status`, `explain`, `cancel`, `reset`, `alerts list` and
  /// `config check` work without them).
  public var deferSecrets = false
  /// Write the patterns this load compiled into the state directory's memory
  /// (`CheckedPatterns`): only for commands that write state; everything else only reads it.
  public var remembersPatterns = false

  public init(stateDir: String? = nil, root: String? = nil, categorize: Bool? = nil, deferSecrets: Bool = false) {
    self.stateDir = stateDir
    self.root = root
    self.categorize = categorize
    self.deferSecrets = deferSecrets
  }

  /// The environment variables that override the file, so a unit can adjust without editing it.
  public static func fromEnvironment(_ environment: [String: String]) -> ConfigOverrides {
    ConfigOverrides(
      stateDir: environment["FINISHLINE_STATE_DIR"].nonEmpty,
      root: environment["FINISHLINE_ROOT"].nonEmpty,
      categorize: environment["FINISHLINE_CATEGORIZE"].nonEmpty.map { ["1", "true", "yes"].contains($0.lowercased()) })
  }

  /// Later wins: values set in `other` replace these.
  public func overlaid(by other: ConfigOverrides) -> ConfigOverrides {
    var overlaid = ConfigOverrides(
      stateDir: other.stateDir ?? stateDir, root: other.root ?? root,
      categorize: other.categorize ?? categorize, deferSecrets: other.deferSecrets || deferSecrets)
    overlaid.remembersPatterns = other.remembersPatterns || remembersPatterns
    return overlaid
  }
}

extension Optional where Wrapped == String {
  var nonEmpty: String? {
    guard let value = self, !value.isEmpty else { return nil }
    return value
  }
}
