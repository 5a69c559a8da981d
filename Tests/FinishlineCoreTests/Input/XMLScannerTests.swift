import Foundation
import Testing

@testable import FinishlineCore

@Suite("XML scanner")
struct XMLScannerTests {
  /// Every event of `xml`, or the error that stopped the scan.
  private func scan(_ xml: String) -> Result<[XMLEvent], XMLScanError> {
    var scanner = XMLScanner(Array(xml.utf8))
    var events: [XMLEvent] = []
    do {
      while let event = try scanner.next() { events.append(event) }
    } catch {
      return .failure(error)
    }
    return .success(events)
  }

  @Test(
    arguments: [
      (
        #"<a x="1" y='2'>hi</a>"#,
        [
          XMLEvent.startElement(
            name: "a",
            attributes: [XMLAttribute(name: "x", value: "1"), XMLAttribute(name: "y", value: "2")]),
          .text("hi"), .endElement(name: "a"),
        ]
      ),
      (
        "<a><b/></a>",
        [
          .startElement(name: "a", attributes: []), .startElement(name: "b", attributes: []),
          .endElement(name: "b"), .endElement(name: "a"),
        ]
      ),
      (
        #"<a t="&lt;&gt;&amp;&quot;&apos;">&#65;&#x42;&#x1F600;</a >"#,
        [
          .startElement(name: "a", attributes: [XMLAttribute(name: "t", value: #"<>&"'"#)]),
          .text("AB😀"), .endElement(name: "a"),
        ]
      ),
      (
        #"<a><![CDATA[x < y && "z" ]]></a>"#,
        [
          .startElement(name: "a", attributes: []), .cdata(#"x < y && "z" "#),
          .endElement(name: "a"),
        ]
      ),
      (
        #"<?xml version="1.0"?><!DOCTYPE a [<!ENTITY e "]>">]><!-- c --><a/><!-- end -->"#,
        [
          .processingInstruction(target: "xml", data: #"version="1.0""#),
          .comment(" c "), .startElement(name: "a", attributes: []), .endElement(name: "a"),
          .comment(" end "),
        ]
      ),
      (
        "<a>&nbsp; &#0; &#xZZ; &bogus &amp</a>",
        [
          .startElement(name: "a", attributes: []), .text("&nbsp; \u{FFFD} \u{FFFD} &bogus &amp"),
          .endElement(name: "a"),
        ]
      ),
      (
        "<a m=\"line one\nline two\"\n  n = \"x\"/>",
        [
          .startElement(
            name: "a",
            attributes: [
              XMLAttribute(name: "m", value: "line one\nline two"),
              XMLAttribute(name: "n", value: "x"),
            ]),
          .endElement(name: "a"),
        ]
      ),
      (
        "\u{FEFF}\n<a>\n</a>\n",
        [.startElement(name: "a", attributes: []), .text("\n"), .endElement(name: "a")]
      ),
    ])
  func `well-formed markup becomes events in document order`(xml: String, expected: [XMLEvent]) {
    #expect(scan(xml) == .success(expected))
  }

  @Test(
    arguments: [
      ("", 1, "no root element"),
      ("<?xml version=\"1.0\"?>\n", 2, "no root element"),
      ("<a>", 1, "ends inside <a> opened at line 1"),
      ("<a>\n<b>\ntext", 3, "ends inside <b> opened at line 2"),
      ("<a>\n<b attr=\"1", 2, "ends inside the tag <b> begun at line 2"),
      ("<a><b", 1, "ends inside a start tag begun at line 1"),
      ("<a></", 1, "ends inside an end tag begun at line 1"),
      ("<a></a", 1, "ends inside an end tag begun at line 1"),
      ("<a></a\n", 2, "ends inside </a> begun at line 1"),
      ("<a/", 1, "ends inside the tag <a> begun at line 1"),
      ("<a>\n<!-- note\n", 3, "ends inside a comment begun at line 2"),
      ("<a><![CDATA[ x", 1, "ends inside a CDATA section begun at line 1"),
      ("<a><![CD", 1, "ends inside markup starting with `<!`"),
      ("<!-", 1, "ends inside markup starting with `<!`"),
      ("<?xml version", 1, "ends inside a processing instruction begun at line 1"),
      ("<!DOCTYPE a [\n<!ENTITY e \"x\">", 2, "ends inside <!DOCTYPE> begun at line 1"),
    ])
  func `a document cut short is truncated, with the line where it ends`(xml: String, line: Int, detail: String) {
    #expect(scan(xml) == .failure(XMLScanError(kind: .truncated, line: line, detail: detail)))
  }

  @Test(
    arguments: [
      ("<a>\n</b>", 2, "</b> does not close <a> opened at line 1"),
      ("<a><b></a></b>", 1, "</a> does not close <b> opened at line 1"),
      ("</a>", 1, "</a> closes nothing"),
      ("<a/>\n<b/>", 2, "a second root element <b>"),
      ("junk\n<a/>", 1, "text outside the root element"),
      ("<a b></a>", 1, "attribute `b` has no value"),
      ("<a b=1/>", 1, "the value of `b` is not quoted"),
      ("<a>< b</a>", 1, "a name is missing in a start tag"),
      ("<a / >", 1, "`/` inside <a> is not followed by `>`"),
      ("<a></a x>", 1, "</a> is not closed by `>`"),
      ("<a><!ELEMENT a ANY></a>", 1, "unknown markup starting with `<!`"),
      ("<![CDATA[x]]><a/>", 1, "CDATA outside the root element"),
    ])
  func `broken structure is malformed, with its line`(xml: String, line: Int, detail: String) {
    #expect(scan(xml) == .failure(XMLScanError(kind: .malformed, line: line, detail: detail)))
  }

  @Test func `the error says whether the file is truncated or malformed, and where`() {
    let truncated = XMLScanError(kind: .truncated, line: 7, detail: "ends inside <a>")
    let malformed = XMLScanError(kind: .malformed, line: 2, detail: "</b> closes nothing")

    #expect(truncated.description == "truncated XML at line 7: ends inside <a>")
    #expect(malformed.description == "malformed XML at line 2: </b> closes nothing")
  }

  @Test func `events know the line they start on`() throws {
    var scanner = XMLScanner(Array("<a>\n  <b\n   x='1'/>\n  <!--\n-->\n  <c/></a>".utf8))
    var lines: [String: Int] = [:]
    while let event = try scanner.next() {
      switch event {
      case .startElement(let name, _): lines[name] = scanner.eventLine
      case .comment: lines["comment"] = scanner.eventLine
      default: break
      }
    }

    #expect(lines == ["a": 1, "b": 2, "comment": 4, "c": 6])
    #expect(scanner.line == 6)
  }

  @Test(arguments: ["cypress-login.xml", "surefire.xml", "pytest.xml", "declared-counts-only.xml"])
  func `a report cut anywhere before its end is truncated, never malformed`(name: String) throws {
    let bytes = [UInt8](try Fixture.data(name))
    let end = try #require(bytes.lastIndex(of: UInt8(ascii: ">")))

    for length in 0...end {
      var scanner = XMLScanner(Array(bytes[..<length]))
      do {
        while try scanner.next() != nil {}
        Issue.record("\(name) cut to \(length) bytes scanned without error")
      } catch {
        #expect(error.kind == .truncated, "\(name) cut to \(length) bytes: \(error)")
      }
    }
  }

  @Test func `bytes that are not UTF-8 are replaced, not rejected`() throws {
    var scanner = XMLScanner(Array("<a>".utf8) + [0xFF, 0xFE] + Array("</a>".utf8))

    _ = try scanner.next()
    #expect(try scanner.next() == .text("\u{FFFD}\u{FFFD}"))
  }

  @Test func `corrupted bytes never crash the scanner`() throws {
    let original = [UInt8](try Fixture.data("jest-junit.xml"))
    var generator = SplitMix64(seed: 7)

    for _ in 0..<500 {
      var bytes = original
      for _ in 0..<6 {
        let index = Int(generator.next() % UInt64(bytes.count))
        bytes[index] = UInt8(truncatingIfNeeded: generator.next())
      }
      var scanner = XMLScanner(bytes)
      // Every event consumes input, so a scan ends within as many events as there are bytes.
      var events = 0
      while (try? scanner.next()) != nil, events <= bytes.count { events += 1 }
      #expect(events <= bytes.count, "the scanner must end on corrupted input")
    }
  }
}

@Suite("Scanning XML as it streams")
struct XMLStreamingTests {
  /// Every event of `bytes`, or the error that ends them.
  private func events(_ scanner: inout XMLScanner) -> [String] {
    var seen: [String] = []
    var text = ""
    while true {
      do {
        guard let event = try scanner.next() else { break }
        if case .text(let piece) = event {
          text += piece
          continue
        }
        if !text.isEmpty { seen.append("text \(text)") }
        text = ""
        seen.append("\(event)")
      } catch {
        seen.append("error \(error)")
        break
      }
    }
    return seen
  }

  @Test(arguments: [
    "cypress-login.xml", "surefire.xml", "pytest.xml", "dotnet-mstest.trx", "nunit3.xml", "xunit.xml",
    "playwright-junit.xml", "truncated.xml",
  ])
  func `a document read in chunks gives the events of the whole document`(name: String) throws {
    let bytes = [UInt8](try Fixture.data(name))
    var whole = XMLScanner(bytes)
    let expected = events(&whole)
    for chunk in [1, 7, 61, 4096] {
      var streamed = XMLScanner(streaming: BytesSource(bytes, chunk: 3), chunk: chunk)
      #expect(events(&streamed) == expected, "\(name) at chunk \(chunk)")
    }
  }

  @Test func `every prefix of a document ends with the error the whole prefix gives`() throws {
    let bytes = [UInt8](try Fixture.data("nunit3.xml"))
    for length in stride(from: 0, to: bytes.count, by: 101) {
      var whole = XMLScanner(Array(bytes[..<length]))
      var streamed = XMLScanner(streaming: BytesSource(Array(bytes[..<length]), chunk: 5), chunk: 13)
      #expect(events(&streamed) == events(&whole), "prefix of \(length) bytes")
    }
  }

  @Test func `each XML reader's streaming read equals its whole-file read`() throws {
    for name in [
      "cypress-login.xml", "dotnet-mstest.trx", "nunit3.xml", "nunit2.xml", "xunit.xml", "latin1.xml",
      "utf16.xml", "pom.xml",
    ] {
      let bytes = [UInt8](try Fixture.data(name))
      let format = ReportFormat.recognizing(ReportShape.of(BytesSource(bytes))) ?? .junit
      let whole = format.reader.parse(Data(bytes), path: name, retries: .auto)
      let streamed = format.reader.parse(streaming: BytesSource(bytes, chunk: 7), path: name, retries: .auto)
      #expect(streamed == nil || streamed == whole, "\(name)")
      #expect((streamed == nil) == ["latin1.xml", "utf16.xml"].contains(name), "\(name)")
    }
  }
}
