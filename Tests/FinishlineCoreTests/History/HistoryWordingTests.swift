import Foundation
import Testing

@testable import FinishlineCore

@Suite("How history is said")
struct HistoryWordingTests {
  static let streak = HistoryLabels.StillFailing(test: "a.cy.js › old", since: "nightly-398", runs: 14)
  static let short = HistoryLabels.StillFailing(test: "a.cy.js › older", since: "nightly-410", runs: 2)

  @Test(arguments: [
    (HistoryLabels(comparedWith: nil, new: ["x"]), "first run of series nightly: no earlier run to compare with"),
    (HistoryLabels(comparedWith: "nightly-411"), "no new failures since nightly-411"),
    (
      HistoryLabels(comparedWith: "nightly-411", stillFailing: [streak]),
      "no new failures · 1 still failing since nightly-411"
    ),
    (
      HistoryLabels(comparedWith: "nightly-411", new: ["x", "y"], stillFailing: [streak, short], fixed: ["z"]),
      "2 new · 2 still failing · 1 fixed since nightly-411"
    ),
    (HistoryLabels(comparedWith: "nightly-411", fixed: ["z"]), "no new failures · 1 fixed since nightly-411"),
  ])
  func `the summary line leads with what is new`(labels: HistoryLabels, line: String) {
    #expect(labels.summary(series: "nightly") == line)
  }

  @Test(arguments: [
    ([String](), nil as String?),
    (["a.cy.js › unlabelled"], nil),
    (["a.cy.js › new one"], "new"),
    (["a.cy.js › old"], "failing since nightly-398 (14 runs)"),
    (["a.cy.js › older", "a.cy.js › old"], "failing since nightly-398 (14 runs)"),
    (["a.cy.js › new one", "a.cy.js › new two", "a.cy.js › old"], "2 new, 1 failing since nightly-398 (14 runs)"),
  ])
  func `a failure group is tagged new or with its longest streak`(tests: [String], tag: String?) {
    let labels = HistoryLabels(
      comparedWith: "nightly-411", new: ["a.cy.js › new one", "a.cy.js › new two"],
      stillFailing: [Self.streak, Self.short])
    #expect(labels.tag(for: tests) == tag)
  }

  @Test func `a group's test whose name had a tab is found under the name the history gave it`() {
    let labels = HistoryLabels(comparedWith: "n-1", new: ["a.cy.js › two words"])
    #expect(labels.tag(for: ["a.cy.js › two\twords"]) == "new")
  }
}
