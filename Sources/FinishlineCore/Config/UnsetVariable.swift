/// An `env:NAME` reference whose variable is set neither in the environment nor in the
/// `--env-file`: `config check` names it (never a value), since a misspelled name would
/// otherwise pass until the first delivery.
public struct UnsetVariable: Sendable, Equatable, CustomStringConvertible {
  /// The full key that reads it (`notify[1].url`).
  public var key: String
  public var variable: String

  public var description: String {
    "key `\(key)` reads environment variable \(variable), which is not set in the environment or the --env-file"
  }
}

/// Collects `UnsetVariable`s while one configuration is read; every table reader of that
/// file appends to the same list.
final class UnsetVariables {
  private(set) var all: [UnsetVariable] = []

  func append(_ variable: UnsetVariable) {
    if !all.contains(variable) { all.append(variable) }
  }
}
