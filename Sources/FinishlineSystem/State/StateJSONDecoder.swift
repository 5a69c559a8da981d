import FinishlineCore
import FoundationEssentials

/// Decodes a state file the way `StateCoding.decoder` (`JSONDecoder` with snake-case keys and
/// ISO 8601 dates) does, for the files finishline writes, at a fraction of the start-up cost.
///
/// `JSONDecoder` with a key strategy asks the runtime, for every type it decodes, whether the
/// type is a string-keyed dictionary; each first such question scans every protocol
/// conformance record of the binary, and dates go through `ISO8601FormatStyle`. On a closed
/// run's check that was a third of the instructions. This decoder asks no such question:
/// a dictionary's keys are matched as written, a struct's key as written or as snake case,
/// a date is read as `YYYY-MM-DDTHH:MM:SSZ`. Anything else it is not sure of (another date
/// form, a number a type cannot hold exactly, `Data`, `URL`, `Decimal`, a key twice) throws
/// `StateJSONDoubt`, and `StateCoding.decode` then decodes with `JSONDecoder`, which gives
/// its usual answer or its usual error.
struct StateJSONDecoder: Decoder {
  let value: StateJSONValue
  var codingPath: [any CodingKey] { [] }
  var userInfo: [CodingUserInfoKey: Any] { [:] }

  static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
    let value = try data.withUnsafeBytes { raw throws(StateJSONDoubt) in
      try StateJSONValue.parse(raw.bindMemory(to: UInt8.self))
    }
    // The run's own state, read by hand when the reader is sure of it (every check reads one).
    if T.self == StoredRun.self, let run = StoredRunReader.run(value) as? T { return run }
    return try decode(type, from: value)
  }

  static func decode<T: Decodable>(_ type: T.Type, from value: StateJSONValue) throws -> T {
    if T.self == Date.self, case .string(let text) = value, let date = Timestamp.parse(text) as? T {
      return date
    }
    guard T.self != Date.self, T.self != Data.self, T.self != URL.self, T.self != Decimal.self else {
      throw StateJSONDoubt()
    }
    return try T(from: StateJSONDecoder(value: value))
  }

  func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
    guard case .object(let members) = value else { throw StateJSONDoubt() }
    return KeyedDecodingContainer(try StateJSONObject<Key>(members: members))
  }

  func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
    guard case .array(let elements) = value else { throw StateJSONDoubt() }
    return StateJSONArray(elements: elements)
  }

  func singleValueContainer() throws -> any SingleValueDecodingContainer { StateJSONScalar(value: value) }
}

/// An object's members by key: as written (a dictionary's keys, a one-word key), else by the
/// snake-case form `JSONDecoder.KeyDecodingStrategy.convertFromSnakeCase` turns into the key.
struct StateJSONObject<Key: CodingKey>: KeyedDecodingContainerProtocol {
  let members: [(key: String, value: StateJSONValue)]
  let converted: [String]
  var codingPath: [any CodingKey] { [] }

  init(members: [(key: String, value: StateJSONValue)]) throws(StateJSONDoubt) {
    self.members = members
    var converted: [String] = []
    for member in members {
      guard let camel = SnakeCase.camel(member.key) else { throw StateJSONDoubt() }
      converted.append(camel)
    }
    guard Set(members.map(\.key)).count == members.count, Set(converted).count == converted.count else {
      throw StateJSONDoubt()
    }
    self.converted = converted
  }

  var allKeys: [Key] {
    members.indices.compactMap { Key(stringValue: members[$0].key) ?? Key(stringValue: converted[$0]) }
  }

  func member(_ key: Key) throws -> StateJSONValue {
    let name = key.stringValue
    if let index = members.firstIndex(where: { $0.key == name }) ?? converted.firstIndex(of: name) {
      return members[index].value
    }
    throw StateJSONDoubt()
  }

  func contains(_ key: Key) -> Bool { (try? member(key)) != nil }

  func decodeNil(forKey key: Key) throws -> Bool {
    guard case .null = try member(key) else { return false }
    return true
  }

  func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
    try StateJSONDecoder.decode(type, from: try member(key))
  }

  func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
    -> KeyedDecodingContainer<NestedKey>
  {
    try StateJSONDecoder(value: try member(key)).container(keyedBy: type)
  }

  func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
    try StateJSONDecoder(value: try member(key)).unkeyedContainer()
  }

  func superDecoder() throws -> any Decoder { throw StateJSONDoubt() }
  func superDecoder(forKey key: Key) throws -> any Decoder { throw StateJSONDoubt() }
}

/// An array's elements in order.
struct StateJSONArray: UnkeyedDecodingContainer {
  let elements: [StateJSONValue]
  var currentIndex = 0
  var codingPath: [any CodingKey] { [] }
  var count: Int? { elements.count }
  var isAtEnd: Bool { currentIndex >= elements.count }

  mutating func next() throws -> StateJSONValue {
    guard !isAtEnd else { throw StateJSONDoubt() }
    defer { currentIndex += 1 }
    return elements[currentIndex]
  }

  mutating func decodeNil() throws -> Bool {
    guard !isAtEnd, case .null = elements[currentIndex] else { return false }
    currentIndex += 1
    return true
  }

  mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
    try StateJSONDecoder.decode(type, from: try next())
  }

  mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
    -> KeyedDecodingContainer<NestedKey>
  {
    try StateJSONDecoder(value: try next()).container(keyedBy: type)
  }

  mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
    try StateJSONDecoder(value: try next()).unkeyedContainer()
  }

  mutating func superDecoder() throws -> any Decoder { throw StateJSONDoubt() }
}

/// One value: the only container that converts JSON scalars to Swift ones.
struct StateJSONScalar: SingleValueDecodingContainer {
  let value: StateJSONValue
  var codingPath: [any CodingKey] { [] }

  func decodeNil() -> Bool {
    guard case .null = value else { return false }
    return true
  }

  func decode(_ type: Bool.Type) throws -> Bool {
    guard case .bool(let flag) = value else { throw StateJSONDoubt() }
    return flag
  }

  func decode(_ type: String.Type) throws -> String {
    guard case .string(let text) = value else { throw StateJSONDoubt() }
    return text
  }

  func decode(_ type: Double.Type) throws -> Double {
    guard case .number(let text) = value, let number = Double(text), number.isFinite else { throw StateJSONDoubt() }
    return number
  }

  func decode(_ type: Float.Type) throws -> Float {
    guard case .number(let text) = value, let number = Float(text), number.isFinite else { throw StateJSONDoubt() }
    return number
  }

  func integer<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
    guard case .number(let text) = value, let number = T(text, radix: 10) else { throw StateJSONDoubt() }
    return number
  }

  func decode(_ type: Int.Type) throws -> Int { try integer(type) }
  func decode(_ type: Int8.Type) throws -> Int8 { try integer(type) }
  func decode(_ type: Int16.Type) throws -> Int16 { try integer(type) }
  func decode(_ type: Int32.Type) throws -> Int32 { try integer(type) }
  func decode(_ type: Int64.Type) throws -> Int64 { try integer(type) }
  func decode(_ type: UInt.Type) throws -> UInt { try integer(type) }
  func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type) }
  func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type) }
  func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type) }
  func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type) }

  func decode<T: Decodable>(_ type: T.Type) throws -> T { try StateJSONDecoder.decode(type, from: value) }
}

/// `JSONDecoder.KeyDecodingStrategy.convertFromSnakeCase` for the keys finishline writes:
/// leading and trailing underscores kept, a key without inner underscores left as written,
/// otherwise the words joined with every word after the first capitalized. A key with
/// underscores and anything but lowercase ASCII letters and digits is nil: how Foundation
/// cases it is its own affair, so `JSONDecoder` reads that file.
enum SnakeCase {
  static func camel(_ key: String) -> String? {
    let bytes = Array(key.utf8)
    guard let first = bytes.firstIndex(where: { $0 != 0x5F }), let last = bytes.lastIndex(where: { $0 != 0x5F }),
      bytes[first...last].contains(0x5F)
    else { return key }
    guard bytes.allSatisfy({ $0 == 0x5F || (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) }) else {
      return nil
    }
    var result = Array(bytes[..<first])
    for (number, word) in bytes[first...last].split(separator: 0x5F).enumerated() {
      result += word
      if number > 0, (0x61...0x7A).contains(word[word.startIndex]) { result[result.count - word.count] -= 0x20 }
    }
    result += bytes[(last + 1)...]
    return String(decoding: result, as: UTF8.self)
  }
}
