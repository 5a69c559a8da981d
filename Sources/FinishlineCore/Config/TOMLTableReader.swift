/// Typed, key-checked reading of one TOML table, so every error names the file and full key.
struct TOMLTableReader {
  let table: TOMLTable
  /// The dotted path of this table (`run`, `notify[2]`), empty for the root.
  let path: String
  let file: String
  let environment: [String: String]
  /// `env:NAME` values missing from the environment stand in as placeholders instead of
  /// failing, for the commands that read the configuration but never deliver.
  var deferSecrets = false
  /// Where deferred `env:NAME` references whose variable is unset are noted, for
  /// `config check` to name (shared by every child reader).
  var unset: UnsetVariables?
  /// The patterns the state directory remembers compiling, shared by every child reader.
  var patterns: PatternChecks?

  func key(_ name: String) -> String { path.isEmpty ? name : "\(path).\(name)" }

  func has(_ name: String) -> Bool { table[name] != nil }

  /// Refuses keys outside `known`, the usual sign of a typo.
  func rejectUnknownKeys(known: [String]) throws(ConfigError) {
    for name in table.keys.sorted() where !known.contains(name) {
      throw .unknownKey(file: file, key: key(name), known: known)
    }
  }

  func string(_ name: String) throws(ConfigError) -> String? {
    guard let value = table[name] else { return nil }
    guard let text = value.string else { throw wrongType(name, expected: "a string", hint: .string) }
    return text
  }

  /// A string that may be written `env:NAME` to keep a secret out of the file.
  /// - Parameter placeholder: what stands for a missing `env:NAME` when secrets are deferred.
  func resolvedString(_ name: String, placeholder: String? = nil) throws(ConfigError) -> String? {
    guard let text = try string(name) else { return nil }
    guard text.hasPrefix("env:") else { return text }
    let variable = String(text.dropFirst(4))
    guard let value = environment[variable], !value.isEmpty else {
      if deferSecrets {
        unset?.append(UnsetVariable(key: key(name), variable: variable))
        return placeholder ?? text
      }
      throw .missingEnvironment(file: file, key: key(name), variable: variable)
    }
    return value
  }

  func requiredString(_ name: String, placeholder: String? = nil) throws(ConfigError) -> String {
    guard let text = try resolvedString(name, placeholder: placeholder) else {
      throw .missingKey(file: file, key: key(name))
    }
    return text
  }

  /// Runs `check`, which compiles the pattern `source` of key `name`, unless the state
  /// directory remembers it compiling (`PatternChecks`).
  func checkPattern(_ name: String, source: String, _ check: () throws(ConfigError) -> Void) throws(ConfigError) {
    guard let patterns else { return try check() }
    try patterns.check(key: key(name), source: source, check)
  }

  /// A reader of a child table, with the same environment and secret handling.
  private func child(_ table: TOMLTable, path: String) -> TOMLTableReader {
    var reader = TOMLTableReader(table: table, path: path, file: file, environment: environment)
    reader.deferSecrets = deferSecrets
    reader.unset = unset
    reader.patterns = patterns
    return reader
  }

  /// A string or an array of strings, so one glob or several can be written naturally.
  func strings(_ name: String) throws(ConfigError) -> [String] {
    guard let value = table[name] else { return [] }
    if let text = value.string { return [text] }
    guard let array = value.array else { throw wrongType(name, expected: "a string or an array of strings") }
    var result: [String] = []
    for element in array {
      guard let text = element.string else {
        throw wrongType(name, expected: "an array of strings")
      }
      result.append(text)
    }
    return result
  }

  func bool(_ name: String) throws(ConfigError) -> Bool? {
    guard let value = table[name] else { return nil }
    guard let flag = value.bool else { throw wrongType(name, expected: "true or false", hint: .bool) }
    return flag
  }

  func positiveInt(_ name: String) throws(ConfigError) -> Int? {
    guard let value = table[name] else { return nil }
    guard let number = value.int, number > 0 else {
      throw wrongType(name, expected: "a positive integer", hint: .positiveInt)
    }
    return number
  }

  /// A duration such as `90s`, `45m`, `12h`, `2d`, `1h30m` or `0s`.
  /// - Parameter zero: why this key cannot be `0s`; `nil` where it can.
  func duration(_ name: String, zero: String? = nil) throws(ConfigError) -> Double? {
    guard let value = table[name] else { return nil }
    guard let text = value.string else {
      throw wrongType(name, expected: "a duration string", hint: .duration)
    }
    guard let seconds = Interval.seconds(text) else {
      if let number = Int(text.trimmingWhitespace),
        let rewrite = ValueHint.rewrite(key: name, value: .integer(number), expected: .duration)
      {
        throw invalid(name, "`\(text)` has no unit; write \(rewrite)")
      }
      throw invalid(
        name, "`\(text)` is not a duration (write it like \(name) = \"90s\", \"45m\", \"12h\", \"2d\" or \"1h30m\")")
    }
    if seconds == 0, let zero { throw invalid(name, "`\(text)` is too short: \(zero)") }
    return seconds
  }

  func table(_ name: String) throws(ConfigError) -> TOMLTableReader? {
    guard let value = table[name] else { return nil }
    guard let child = value.table else { throw wrongType(name, expected: "a table") }
    return self.child(child, path: key(name))
  }

  /// An array of tables (`[[notify]]`).
  func tables(_ name: String) throws(ConfigError) -> [TOMLTableReader] {
    guard let value = table[name] else { return [] }
    guard let array = value.array else { throw wrongType(name, expected: "an array of tables") }
    var result: [TOMLTableReader] = []
    for (index, element) in array.enumerated() {
      guard let child = element.table else { throw wrongType(name, expected: "an array of tables") }
      result.append(self.child(child, path: "\(key(name))[\(index + 1)]"))
    }
    return result
  }

  /// Every key of a table whose values are all strings (`[mentions]`).
  /// The table's keys, sorted.
  var keys: [String] { table.keys.sorted() }

  func invalid(_ name: String, _ problem: String) -> ConfigError {
    .invalidValue(file: file, key: key(name), problem: problem)
  }

  private func wrongType(_ name: String, expected: String, hint: ValueHint.Expected? = nil) -> ConfigError {
    guard let hint, let value = table[name], let rewrite = ValueHint.rewrite(key: name, value: value, expected: hint)
    else { return invalid(name, "expected \(expected)") }
    return invalid(name, "expected \(expected); write \(rewrite)")
  }
}
