/// Why a configuration was refused; every case names the file and key so it can be fixed.
public enum ConfigError: Error, Equatable, CustomStringConvertible {
  /// The file could not be read at all.
  case unreadable(file: String, reason: String)
  /// The TOML itself does not parse.
  case syntax(file: String, line: Int, column: Int, message: String)
  /// A key finishline does not know (most often a typo).
  case unknownKey(file: String, key: String, known: [String])
  /// A key has a value of the wrong kind or an invalid value.
  case invalidValue(file: String, key: String, problem: String)
  /// A key that must be present is missing.
  case missingKey(file: String, key: String)
  /// An `env:NAME` reference names a variable that is not set.
  case missingEnvironment(file: String, key: String, variable: String)
  /// The credentials file given with `--env-file` is unusable.
  case envFile(path: String, problem: String)

  public var description: String {
    switch self {
    case .unreadable(let file, let reason):
      "\(file): cannot read configuration: \(reason)"
    case .syntax(let file, let line, let column, let message):
      "\(file):\(line):\(column): TOML syntax error: \(message)"
    case .unknownKey(let file, let key, let known):
      "\(file): unknown key `\(key)`"
        + (known.isEmpty ? "" : " (known here: \(known.joined(separator: ", ")))")
    case .invalidValue(let file, let key, let problem):
      "\(file): key `\(key)`: \(problem)"
    case .missingKey(let file, let key):
      "\(file): missing required key `\(key)`"
    case .missingEnvironment(let file, let key, let variable):
      "\(file): key `\(key)` reads environment variable \(variable), which is not set"
        + " (set it, or load it with --env-file)"
    case .envFile(let path, let problem):
      "\(path): \(problem)"
    }
  }
}
