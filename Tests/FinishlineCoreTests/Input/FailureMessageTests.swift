import Testing

@testable import FinishlineCore

@Suite("Failure messages")
struct FailureMessageTests {
  @Test(
    arguments: [
      (
        "AssertionError: expected 1 to equal 2\n    at Context.eval (webpack:///./x.cy.js:3:9)",
        "AssertionError: expected 1 to equal 2"
      ),
      (
        "java.lang.AssertionError: expected:<90> but was:<100>\n\tat org.junit.Assert.fail(A.java)",
        "java.lang.AssertionError: expected:<90> but was:<100>"
      ),
      (
        "Error: expect(received).toBe(expected)\n\nExpected: 90\nReceived: 100\n\n"
          + "    at Object.toBe (a.js:1:1)",
        "Error: expect(received).toBe(expected)\n\nExpected: 90\nReceived: 100"
      ),
      ("\n\n  Error: leading blank lines  \n", "Error: leading blank lines"),
      ("one\n\n\n\ntwo", "one\n\ntwo"),
      ("windows\r\nline ends\r\n   at x (y.js:1:1)", "windows\nline ends"),
      (
        "attached to the word: at least once\nat top level",
        "attached to the word: at least once\nat top level"
      ),
    ])
  func `the assertion is kept and stack frames are dropped`(text: String, expected: String) {
    #expect(FailureMessage.assertion(from: text) == expected)
  }

  @Test(arguments: ["", "  \n", "    at x (y.js:1:1)"])
  func `nothing before the first frame means no message`(text: String) {
    #expect(FailureMessage.assertion(from: text) == nil)
  }

  @Test func `ASCII text is cut byte by byte exactly as Character by Character`() {
    var random = SplitMix64(seed: 5)
    let pieces = [
      "at ", " at ", "\tat ", "Error", ": ", "x", " ", "\t", "\n", "\r", "\r\n", "\u{0B}", "\u{0C}", "a", "t",
    ]
    for _ in 0..<5000 {
      let text = (0..<Int(random.next() % 14)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
      #expect(
        FailureMessage.assertion(from: text) == FailureMessage.characterAssertion(from: text), "\(Array(text.utf8))")
    }
  }
}
