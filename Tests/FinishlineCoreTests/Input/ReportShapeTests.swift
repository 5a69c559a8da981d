import Foundation
import Testing

@testable import FinishlineCore

@Suite("Telling a report's format by its content")
struct ReportShapeTests {
  @Test(arguments: [
    ("cypress-login.json", ReportFormat?.some(.mochawesome)), ("mochawesome-3-shape.json", .mochawesome),
    ("mochawesome-3-empty-spec.json", .mochawesome), ("mochawesome-merge-report.json", .mochawesome),
    ("ctrf-playwright.json", .ctrf), ("ctrf-jest.json", .ctrf), ("cypress-login.xml", .junit),
    ("surefire.xml", .junit), ("utf16.xml", .junit), ("latin1.xml", .junit), ("nested-testsuites.xml", .junit),
    ("playwright.json", .playwright), ("playwright-junit.xml", .junit), ("mocha-json.json", .mochaJSON),
    ("mocha-json-reporter.json", .mochaJSON), ("dotnet-mstest.trx", .trx), ("nunit3.xml", .nunit),
    ("nunit2.xml", .nunit), ("xunit.xml", .xunit), ("jrm-merged.xml", .junit),
    ("package.json", nil), ("cypress-fixture-example.json", nil), ("pom.xml", nil), ("checkstyle.xml", nil),
  ])
  func `each fixture is told by its content, and a stray file by none`(name: String, format: ReportFormat?) throws {
    let shape = ReportShape.of(BytesSource([UInt8](try Fixture.data(name)), chunk: 113))
    #expect(ReportFormat.recognizing(shape) == format, "\(name): \(shape)")
  }

  @Test func `a file cut short has the shape read before the cut`() {
    let shape = ReportShape.of(BytesSource(Array(#"{"results": {"tool": {"name": "jest"}, "tests": [{"na"#.utf8)))
    #expect(shape == .json(JSONShape(members: ["results": .object], resultsMembers: ["tool", "tests"])))
    #expect(ReportFormat.recognizing(shape) == .ctrf)
  }

  @Test(arguments: [("", ReportShape.other), ("   ", .other), ("hello", .other), ("<", .xml(root: nil))])
  func `what is neither JSON nor XML has no format`(text: String, shape: ReportShape) {
    #expect(ReportShape.of(BytesSource(Array(text.utf8))) == shape)
    #expect(ReportFormat.recognizing(shape) == nil)
  }

  @Test func `no two formats recognize the same fixture`() throws {
    let names = try FileManager.default.contentsOfDirectory(
      atPath: try #require(Bundle.module.url(forResource: "Fixtures/reports", withExtension: nil)).path)
    #expect(!names.isEmpty)
    for name in names {
      let shape = ReportShape.of(BytesSource([UInt8](try Fixture.data(name))))
      let readers = ReportFormat.allCases.filter { $0.reader.recognizes(shape) }
      #expect(readers.count <= 1, "\(name) is recognized by \(readers)")
    }
  }
}
