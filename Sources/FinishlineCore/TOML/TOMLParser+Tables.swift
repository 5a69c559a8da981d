/// How statements build the document: key/value pairs into the current table, `[a]` defining
/// a table, `[[a]]` appending one, with TOML's rules against defining anything twice.
extension TOMLParser {
  mutating func insert(_ value: TOMLValue, at base: [String], key: [String]) throws(TOMLParseError) {
    let failure = error
    try root.modify(base[...], failure) { table throws(TOMLParseError) in try table.insert(value, key: key, failure) }
  }

  mutating func defineTable(at path: [String]) throws(TOMLParseError) {
    let failure = error
    try root.modify(path.dropLast(), failure) { parent throws(TOMLParseError) in
      guard let last = path.last else { return }
      switch parent[last] {
      case nil:
        var table = TOMLTable()
        table.explicit = true
        parent.set(last, .table(table))
      case .table(var table)?:
        guard !table.explicit, !table.sealed else {
          throw failure("the table [\(path.joined(separator: "."))] is defined twice")
        }
        table.explicit = true
        parent.set(last, .table(table))
      default:
        throw failure("`\(path.joined(separator: "."))` is already a value, not a table")
      }
    }
  }

  mutating func appendTable(at path: [String]) throws(TOMLParseError) {
    let failure = error
    try root.modify(path.dropLast(), failure) { parent throws(TOMLParseError) in
      guard let last = path.last else { return }
      var table = TOMLTable()
      table.explicit = true
      switch parent[last] {
      case nil:
        parent.set(last, .array([.table(table)]))
      case .array(let values)? where values.allSatisfy({ $0.table.map { !$0.sealed } ?? false }):
        parent.set(last, .array(values + [.table(table)]))
      default:
        throw failure("`\(path.joined(separator: "."))` is already a value, not an array of tables")
      }
    }
  }
}

extension TOMLTable {
  /// Sets `key` (dotted: through its tables, created on the way) to `value`; a key defined
  /// twice, or one added to a closed inline table, is an error.
  mutating func insert(
    _ value: TOMLValue, key: [String], _ failure: (String) -> TOMLParseError
  ) throws(TOMLParseError) {
    try modify(key.dropLast(), failure) { target throws(TOMLParseError) in
      guard !target.sealed else { throw failure("an inline table cannot be extended afterwards") }
      guard let last = key.last, target[last] == nil else {
        throw failure("the key `\(key.joined(separator: "."))` is defined twice")
      }
      target.set(last, value)
    }
  }

  /// Runs `body` on the table at `path` below this one, creating the missing tables on the
  /// way; an array of tables stands for its last table, as `[[a]]` then `[a.b]` means.
  mutating func modify(
    _ path: ArraySlice<String>, _ failure: (String) -> TOMLParseError,
    _ body: (inout TOMLTable) throws(TOMLParseError) -> Void
  ) throws(TOMLParseError) {
    guard let first = path.first else { return try body(&self) }
    switch self[first] ?? .table(TOMLTable()) {
    case .table(var table):
      guard !table.sealed else { throw failure("the inline table `\(first)` cannot be extended afterwards") }
      try table.modify(path.dropFirst(), failure, body)
      set(first, .table(table))
    case .array(var values):
      guard case .table(var table)? = values.last, !table.sealed else {
        throw failure("`\(first)` is an array of values, not of tables")
      }
      try table.modify(path.dropFirst(), failure, body)
      values[values.count - 1] = .table(table)
      set(first, .array(values))
    default:
      throw failure("`\(first)` is already a value, not a table")
    }
  }
}
