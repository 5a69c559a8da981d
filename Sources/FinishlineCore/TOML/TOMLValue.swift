/// A TOML 1.0 value as finishline's own parser (`TOMLParser`) reads it.
///
/// finishline parses its configuration itself: the library it used before (TOMLKit, around
/// toml++) aborted the process on some malformed files instead of reporting them (found by
/// fuzzing), leaked memory, and pulled all of Foundation and its ICU data into the binary.
enum TOMLValue: Sendable, Equatable {
  case string(String)
  case integer(Int)
  case float(Double)
  case boolean(Bool)
  /// An offset or local date-time, date or time, kept as written: finishline reads none.
  case dateTime(String)
  case array([TOMLValue])
  case table(TOMLTable)

  var string: String? {
    guard case .string(let text) = self else { return nil }
    return text
  }

  var int: Int? {
    guard case .integer(let number) = self else { return nil }
    return number
  }

  var bool: Bool? {
    guard case .boolean(let flag) = self else { return nil }
    return flag
  }

  var array: [TOMLValue]? {
    guard case .array(let values) = self else { return nil }
    return values
  }

  var table: TOMLTable? {
    guard case .table(let table) = self else { return nil }
    return table
  }
}

/// A TOML table: its keys and values, and how it came to be (which decides what may still
/// be added to it, TOML 1.0 §Table).
struct TOMLTable: Sendable, Equatable {
  private(set) var entries: [String: TOMLValue] = [:]
  /// Defined by a `[header]` of its own (a second header for it is an error).
  var explicit = false
  /// An inline table or a table of a static array: nothing may be added to it later.
  var sealed = false

  init() {}

  subscript(key: String) -> TOMLValue? { entries[key] }

  var keys: [String] { Array(entries.keys) }

  mutating func set(_ key: String, _ value: TOMLValue) { entries[key] = value }
}

/// Why a TOML document did not parse, and where (1-based line and column, in bytes).
struct TOMLParseError: Error, Equatable, CustomStringConvertible {
  var line: Int
  var column: Int
  var message: String

  var description: String { message }
}
