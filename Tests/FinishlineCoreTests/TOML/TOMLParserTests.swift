import Testing

@testable import FinishlineCore

/// finishline's own TOML 1.0 parser: what it reads, and that every malformed document is an
/// error with a position (the inputs toml++ aborted on are among them).
@Suite("TOML parser")
struct TOMLParserTests {
  static func parse(_ text: String) throws(TOMLParseError) -> TOMLTable { try TOMLParser.parse(text) }

  @Test(
    arguments: [
      ("a = \"x\\ty\\u00e9\\U0001F600\\\\\"", TOMLValue.string("x\tyé😀\\")),
      ("a = 'C:\\path'", .string("C:\\path")),
      ("a = \"\"\"\nline one\nline two\"\"\"", .string("line one\nline two")),
      ("a = \"\"\"one \\\n     two\"\"\"", .string("one two")),
      ("a = '''\n'quoted' \\n'''", .string("'quoted' \\n")),
      ("a = \"\"\"two quotes \"\"\"\"\"", .string("two quotes \"\"")),
      ("a = 42", .integer(42)), ("a = -1_000", .integer(-1000)), ("a = 0xDEAD_beef", .integer(0xDEAD_BEEF)),
      ("a = 0o755", .integer(0o755)), ("a = 0b101", .integer(5)), ("a = +7", .integer(7)),
      ("a = 3.5", .float(3.5)), ("a = -2e3", .float(-2000)), ("a = 6.25E-2", .float(0.0625)),
      ("a = inf", .float(.infinity)), ("a = true", .boolean(true)), ("a = false", .boolean(false)),
      ("a = 1979-05-27T07:32:00Z", .dateTime("1979-05-27T07:32:00Z")),
      ("a = 1979-05-27 07:32:00", .dateTime("1979-05-27 07:32:00")), ("a = 07:32:00", .dateTime("07:32:00")),
      ("a = [1, \"two\", [3],]", .array([.integer(1), .string("two"), .array([.integer(3)])])),
      ("a = [\n  1, # one\n  2,\n]", .array([.integer(1), .integer(2)])),
    ])
  func `a value is read as TOML 1.0 writes it`(text: String, expected: TOMLValue) throws {
    #expect(try Self.parse(text)["a"] == expected)
  }

  @Test func `tables, arrays of tables, dotted, quoted and inline keys build the document`() throws {
    let document = try Self.parse(
      """
      # comment
      top = 1
      [run]
      root = "/r"  # trailing comment
      policy.settle = "1s"
      "quoted key" = 2
      [[notify]]
      name = "a"
      [[notify]]
      name = "b"
      [notify.extra]
      x = 1
      [mentions]
      "zoë@example.com" = { mattermost = "@zoe", slack = "<@U1>" }
      """)
    #expect(document["top"] == .integer(1))
    let run = try #require(document["run"]?.table)
    #expect(run["root"] == .string("/r"))
    #expect(run["policy"]?.table?["settle"] == .string("1s"))
    #expect(run["quoted key"] == .integer(2))
    let notify = try #require(document["notify"]?.array)
    #expect(notify.compactMap { $0.table?["name"]?.string } == ["a", "b"])
    #expect(notify.last?.table?["extra"]?.table?["x"] == .integer(1))
    #expect(document["mentions"]?.table?["zoë@example.com"]?.table?["slack"] == .string("<@U1>"))
  }

  @Test(
    arguments: [
      ("[é]", 1, 2, "a key was expected"), ("[#", 1, 2, "a key was expected"), ("[[ =", 1, 4, "a key was expected"),
      ("[\u{8E}", 1, 2, "a key was expected"), ("clé = 1", 1, 3, "`=` after the key"),
      ("a = 1\na = 2", 2, 6, "defined twice"), ("[a]\n[a]", 2, 4, "defined twice"),
      ("a = 1\n[a]", 2, 4, "already a value"), ("a = {b = 1}\n[a]", 2, 4, "defined twice"),
      ("a = {b = 1}\na.c = 2", 2, 8, "cannot be extended"), ("a = [1]\n[[a]]", 2, 6, "not an array of tables"),
      ("a = \"open", 1, 10, "not closed"), ("a = \"\"\"open", 1, 12, "not closed"),
      ("a = \"\\q\"", 1, 6, "cannot be escaped"), ("a = \"\\uD800\"", 1, 6, "hex digits"),
      ("a = 01", 1, 5, "not a TOML value"), ("a = 1__0", 1, 5, "not a TOML value"),
      ("a = 1.", 1, 5, "not a TOML value"),
      ("a = bare", 1, 5, "not a TOML value"), ("a = [1 2]", 1, 8, "`,` or `]`"),
      ("a = {b = 1,}", 1, 12, "a key was expected"),
      ("a = 1 b = 2", 1, 7, "a line end was expected"), ("a = \"ctl\u{1}\"", 1, 9, "control character"),
      ("a =", 1, 4, "a value was expected"), ("= 1", 1, 1, "a key was expected"),
    ])
  func `a malformed document is an error with its position`(text: String, line: Int, column: Int, message: String) {
    do {
      _ = try Self.parse(text)
      Issue.record("parsed: \(text)")
    } catch {
      #expect(error.line == line && error.column == column, "\(error.line):\(error.column) \(error.message)")
      #expect(error.message.contains(message), "\(error.message)")
    }
  }
}
