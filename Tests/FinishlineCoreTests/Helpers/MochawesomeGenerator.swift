/// Writes random mochawesome reports as the reporters do, and odder: the shapes of mochawesome
/// 3 (one root `suites` object) and 4–7 (`results`, with `false` for a spec without tests), of
/// mochawesome-merge (many results) and cypress-mochawesome-reporter (screenshots in
/// `context`), with members in any order, scalars of the wrong type, escapes, non-ASCII text,
/// and any whitespace. Deterministic by seed.
struct MochawesomeGenerator {
  private var random: SplitMix64

  init(seed: UInt64) { random = SplitMix64(seed: seed) }

  mutating func report() -> String {
    var members: [String] = []
    switch pick(4) {
    case 0: members.append(member("suites", suite(depth: 0)))
    case 1: members.append(member("suites", array(count: pick(3)) { $0.suiteOrFalse(depth: 0) }))
    case 2:
      members.append(member("results", array(count: pick(3)) { $0.suiteOrFalse(depth: 0) }))
      members.append(member("suites", pick(2) == 0 ? "null" : suite(depth: 1)))
    default: members.append(member("results", array(count: 1 + pick(6)) { $0.suiteOrFalse(depth: 0) }))
    }
    members.append(member("stats", pick(8) == 0 ? "[]" : stats()))
    members.append(member("meta", #"{"mocha": {"version": "10.2.0"}, "mochawesome": {"version": "7.1.3"}}"#))
    return object(members) + (pick(2) == 0 ? "\n" : "")
  }

  private mutating func stats() -> String {
    object([
      member("suites", "\(pick(9))"), member("duration", number()), member("start", timestamp()),
      member("end", timestamp()), member("passPercent", "66.66666666666667"),
    ])
  }

  private mutating func suiteOrFalse(depth: Int) -> String {
    pick(6) == 0 ? "false" : suite(depth: depth)
  }

  private mutating func suite(depth: Int) -> String {
    var members = [
      member("uuid", quoted("5a1b-\(pick(1000))")), member("title", scalar(text: title())),
      member("fullFile", scalar(text: "cypress/e2e/spec-\(pick(20)).cy.js")),
      member("file", scalar(text: pick(2) == 0 ? "" : "cypress/e2e/spec-\(pick(20)).cy.js")),
      member("beforeHooks", hooks()), member("afterHooks", hooks()),
      member("tests", pick(10) == 0 ? "null" : array(count: pick(5)) { $0.test() }),
      member("passes", #"["a", "b"]"#), member("root", depth == 0 ? "true" : "false"), member("_timeout", "2000"),
    ]
    if depth < 3 {
      members.append(
        member("suites", pick(10) == 0 ? "null" : array(count: pick(3)) { $0.suiteOrFalse(depth: depth + 1) }))
    }
    return object(members)
  }

  private mutating func hooks() -> String {
    array(count: pick(3) == 0 ? 1 : 0) { $0.test(hook: true) }
  }

  private mutating func test(hook: Bool = false) -> String {
    let state = ["\"passed\"", "\"failed\"", "\"pending\"", "\"skipped\"", "null", "\"odd\"", "3"][pick(7)]
    var members = [
      member("title", scalar(text: title())), member("fullTitle", scalar(text: title())), member("state", state),
      member("duration", number()), member("pass", flag()), member("fail", flag()), member("pending", flag()),
      member("skipped", flag()), member("isHook", hook || pick(8) == 0 ? "true" : "false"),
      member("uuid", scalar(text: "t-\(pick(50))")), member("code", quoted(##"cy.get(\"#cart\").click()\n"##)),
      member("err", error()), member("context", context()), member("timedOut", "null"),
    ]
    if pick(5) == 0 { members.remove(at: pick(members.count)) }
    return object(members)
  }

  private mutating func error() -> String {
    switch pick(5) {
    case 0: return "{}"
    case 1: return "null"
    case 2: return quoted("AssertionError")
    default:
      return object([
        member("message", scalar(text: "AssertionError: expected \\\"\(title())\\\" to be visible")),
        member("estack", scalar(text: "AssertionError: boom\\n    at Context.eval (webpack:///./spec.cy.js:3:8)")),
        member("diff", "null"),
      ])
    }
  }

  private mutating func context() -> String {
    switch pick(4) {
    case 0: return "null"
    case 1:
      let shot = String(repeating: "iVBORw0KGgoAAAANSUhEUgAA+/", count: 1 + pick(400))
      return quoted(#"{\"title\":\"screenshot\",\"value\":\"data:image/png;base64,"# + shot + #"\"}"#)
    case 2: return #"["a plain \"note\"", {"title": "url", "value": "https://example.test/?q=1&r=\u00e9"}]"#
    default: return quoted("https://example.test/report")
    }
  }

  // MARK: Scalars

  private mutating func title() -> String {
    let parts = [
      "logs in", "h\\u00e9llo", "caf\u{E9}", "\\\"quoted\\\"", "tab\\there", "emoji \\ud83d\\ude00", "\u{1F600}",
      "back\\\\slash", "slash\\/", "\\u0000nul", "\\\"before all\\\" hook", "\\\"before each\\\" hook for \\\"a\\\"",
      "  ",
      "",
    ]
    return (0..<1 + pick(3)).map { _ in parts[pick(parts.count)] }.joined(separator: " ")
  }

  /// Usually the text as a string; sometimes a value of another type, which readers ignore.
  private mutating func scalar(text: String) -> String {
    switch pick(12) {
    case 0: "null"
    case 1: "42"
    case 2: "[\"\(text)\"]"
    default: quoted(text)
    }
  }

  private mutating func flag() -> String {
    ["true", "false", "false", "null", "1", "\"true\""][pick(6)]
  }

  private mutating func number() -> String {
    ["\(pick(90000))", "0", "-0", "12.5", "1e3", "2.5E-1", "-7", "null", "\"120\"", "0.000001", "123456789012"][
      pick(11)]
  }

  private mutating func timestamp() -> String {
    ["\"2026-12-01T10:00:00.000Z\"", "\"2026-12-01T10:05:00Z\"", "null", "\"yesterday\"", "17"][pick(5)]
  }

  // MARK: Layout

  private func quoted(_ escaped: String) -> String { "\"" + escaped + "\"" }

  private mutating func member(_ name: String, _ value: String) -> String {
    quoted(name) + [":", ": ", " : ", ":\n  "][pick(4)] + value
  }

  private mutating func object(_ members: [String]) -> String {
    let separator = [",", ", ", ",\n  ", ",\r\n\t"][pick(4)]
    return "{" + members.shuffled(using: &random).joined(separator: separator) + "}"
  }

  private mutating func array(count: Int, _ element: (inout MochawesomeGenerator) -> String) -> String {
    var elements: [String] = []
    for _ in 0..<count { elements.append(element(&self)) }
    return "[" + elements.joined(separator: [",", ", ", ",\n"][pick(3)]) + "]"
  }

  private mutating func pick(_ count: Int) -> Int { Int(random.next() % UInt64(count)) }
}
