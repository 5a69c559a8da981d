import FinishlineCore
import Testing

@Suite("Path patterns")
struct PathPatternTests {
  /// One path checked against one pattern, with what should come of it.
  struct MatchCase: Sendable, CustomTestStringConvertible {
    var pattern: String
    var run = "B-42"
    var stateDir = "/var/lib/finishline"
    var path: String
    /// The machine captured, when a match is expected and it names one.
    var machine: String? = nil
    var matches: Bool
    var testDescription: String { "\(pattern) \(matches ? "matches" : "rejects") \(path)" }
  }

  static let matchCases: [MatchCase] = [
    // The configured result layouts.
    .init(
      pattern: "mochawesome/{run}/{machine}/*.json", path: "mochawesome/B-42/vm01/a.json",
      machine: "vm01", matches: true),
    .init(
      pattern: "mochawesome/{run}/{machine}/*.json", path: "mochawesome/B-43/vm01/a.json",
      matches: false),
    .init(
      pattern: "mochawesome/{run}/{machine}/*.json",
      path: "mochawesome/B-42/vm01/deeper/a.json", matches: false),
    .init(
      pattern: "mochawesome/{run}/{machine}/*.json", path: "mochawesome/B-42/vm01/a.xml",
      matches: false),
    .init(
      pattern: "xml/{run}/results-{machine}.xml", path: "xml/B-42/results-vm-01.xml",
      machine: "vm-01", matches: true),
    .init(
      pattern: "xml/{run}/results-{machine}.xml", path: "xml/B-42/results-.xml",
      matches: false),
    .init(pattern: "logs/{run}*.log", path: "logs/B-42.log", matches: true),
    .init(pattern: "logs/{run}*.log", path: "logs/B-42-retry.log", matches: true),
    .init(pattern: "logs/{run}*.log", path: "logs/B-4.log", matches: false),
    // The longest machine name that lets the rest of the name match.
    .init(pattern: "{machine}-*.json", path: "vm-01-run3.json", machine: "vm-01", matches: true),
    .init(pattern: "{machine}.log", path: "名前.log", machine: "名前", matches: true),
    // Build names are literal text, whatever characters they contain.
    .init(
      pattern: "logs/{run}.log", run: "nightly[1]*?", path: "logs/nightly[1]*?.log",
      matches: true),
    .init(
      pattern: "logs/{run}.log", run: "nightly[1]*?", path: "logs/nightly1ab.log",
      matches: false),
    .init(pattern: "logs/{run}.log", run: "team/B-1", path: "logs/team/B-1.log", matches: true),
    // Wildcards and bracket expressions.
    .init(pattern: "[abc]?.log", path: "b1.log", matches: true),
    .init(pattern: "[abc]?.log", path: "d1.log", matches: false),
    .init(pattern: "[a-c].log", path: "b.log", matches: true),
    .init(pattern: "[!a].log", path: "b.log", matches: true),
    .init(pattern: "[!a].log", path: "a.log", matches: false),
    .init(pattern: "[^a].log", path: "a.log", matches: false),
    .init(pattern: "[]].log", path: "].log", matches: true),
    .init(pattern: "[a-].log", path: "-.log", matches: true),
    .init(pattern: "[\\]x].log", path: "].log", matches: true),
    .init(pattern: "\\*.log", path: "*.log", matches: true),
    .init(pattern: "\\*.log", path: "x.log", matches: false),
    .init(pattern: "a*b*c*d", path: "aXbYcZd", matches: true),
    .init(pattern: "a*a*a*a*a*b", path: String(repeating: "a", count: 60), matches: false),
    // Hidden names need the dot spelled out.
    .init(pattern: "results/*.json", path: "results/.partial.json", matches: false),
    .init(pattern: "results/.*.json", path: "results/.partial.json", matches: true),
    .init(pattern: "{machine}/a.json", path: ".cache/a.json", matches: false),
    // `**` is zero or more directories, never hidden ones.
    .init(pattern: "**/*.json", path: "a.json", matches: true),
    .init(pattern: "**/*.json", path: "x/y/a.json", matches: true),
    .init(pattern: "**/*.json", path: "x/.git/a.json", matches: false),
    .init(
      pattern: "reports/**/{machine}.xml", path: "reports/vm1.xml", machine: "vm1",
      matches: true),
    .init(
      pattern: "reports/**/{machine}.xml", path: "reports/a/b/vm2.xml", machine: "vm2",
      matches: true),
    .init(pattern: "logs/**", path: "logs/a/b.log", matches: true),
    .init(pattern: "logs/**", path: "logs", matches: false),
    // Paths are compared component by component.
    .init(pattern: "./logs//{run}.done", path: "logs/B-42.done", matches: true),
    .init(pattern: "logs/{run}.done", path: "./logs//B-42.done", matches: true),
    .init(
      pattern: "{state_dir}/{run}.cancel", path: "/var/lib/finishline/B-42.cancel",
      matches: true),
    .init(
      pattern: "{state_dir}/{run}.cancel", stateDir: "state", path: "state/B-42.cancel",
      matches: true),
  ]

  @Test(arguments: matchCases)
  func `a path matches or not, capturing the machine`(_ example: MatchCase) throws {
    let pattern = try PathPattern(example.pattern, run: example.run, stateDir: example.stateDir)
    let match = pattern.match(relativePath: example.path)
    #expect((match != nil) == example.matches)
    #expect(match?.machine == example.machine)
  }

  @Test func `a match reports the path tidied and, for an absolute pattern, absolute`() throws {
    let relative = try PathPattern("logs/{run}.done", run: "B-42", stateDir: "/s")
    #expect(relative.match(relativePath: "./logs//B-42.done") == PathMatch(path: "logs/B-42.done"))
    let absolute = try PathPattern("{state_dir}/{machine}.cancel", run: "B-42", stateDir: "/s")
    #expect(
      absolute.match(relativePath: "/s/vm1.cancel")
        == PathMatch(path: "/s/vm1.cancel", machine: "vm1"))
  }

  static let errorCases: [(pattern: String, error: PathPatternError)] = [
    ("logs/[abc.log", .unclosedBracket(pattern: "logs/[abc.log")),
    ("logs/[a/b].log", .unclosedBracket(pattern: "logs/[a/b].log")),
    ("logs/[a\\", .unclosedBracket(pattern: "logs/[a\\")),
    ("[z-a].log", .reversedRange("z-a", pattern: "[z-a].log")),
    ("logs/{run.log", .unclosedBrace(pattern: "logs/{run.log")),
    ("logs/{foo}.log", .unknownPlaceholder("foo", pattern: "logs/{foo}.log")),
    ("logs/{}.log", .unknownPlaceholder("", pattern: "logs/{}.log")),
    ("{machine}/{machine}.json", .repeatedMachine(pattern: "{machine}/{machine}.json")),
    ("logs/**.log", .globstarInsideSegment(pattern: "logs/**.log")),
    ("logs/a**/x", .globstarInsideSegment(pattern: "logs/a**/x")),
    ("logs/***/x", .globstarInsideSegment(pattern: "logs/***/x")),
    ("logs/x\\", .trailingBackslash(pattern: "logs/x\\")),
    ("", .empty(pattern: "")),
    ("/", .empty(pattern: "/")),
    ("./", .empty(pattern: "./")),
  ]

  @Test(arguments: errorCases)
  func `a malformed pattern is rejected with the problem named`(
    pattern: String, error: PathPatternError
  ) {
    #expect(throws: error) { try PathPattern(pattern, run: "B-42", stateDir: "/s") }
  }

  @Test func `an unknown placeholder's message names it and lists the known ones`() {
    let error = PathPatternError.unknownPlaceholder("foo", pattern: "logs/{foo}.log")
    #expect(
      error.description
        == "path pattern \"logs/{foo}.log\" uses the unknown placeholder {foo}; "
        + "the placeholders are {run}, {state_dir}, {group} and {machine}")
  }

  static let literalCases: [(pattern: String, run: String, literalPath: String?)] = [
    ("logs/{run}.done", "B-42", "logs/B-42.done"),
    ("{state_dir}/{run}.cancel", "B-42", "/var/lib/finishline/B-42.cancel"),
    ("./logs//x/", "B-42", "logs/x"),
    ("logs/{run}.done", "a*b[1]", "logs/a*b[1].done"),
    ("logs/\\*.done", "B-42", "logs/*.done"),
    ("logs/*.done", "B-42", nil),
    ("logs/{machine}.done", "B-42", nil),
    ("**/x.done", "B-42", nil),
  ]

  @Test(arguments: literalCases)
  func `a pattern without wildcards is a plain path`(
    pattern: String, run: String, literalPath: String?
  ) throws {
    let compiled = try PathPattern(pattern, run: run, stateDir: "/var/lib/finishline")
    #expect(compiled.literalPath == literalPath)
  }

  /// The segment kinds, which decide where a walker lists a directory and where it looks a
  /// name up directly.
  static let segmentCases: [(pattern: String, kinds: [String], absolute: Bool)] = [
    ("mochawesome/{run}/{machine}/*.json", ["mochawesome", "B-42", "wildcard", "wildcard"], false),
    ("a/**/**/b", ["a", "**", "b"], false),
    ("logs/**", ["logs", "**", "wildcard"], false),
    ("x/{run}", ["x", "B-42"], false),
    ("{state_dir}/{run}.cancel", ["s", "B-42.cancel"], true),
    ("/abs/./x", ["abs", "x"], true),
  ]

  @Test(arguments: segmentCases)
  func `segments are plain names where possible`(
    pattern: String, kinds: [String], absolute: Bool
  ) throws {
    let compiled = try PathPattern(pattern, run: "B-42", stateDir: "/s")
    let described = compiled.segments.map { segment in
      switch segment {
      case .literal(let name): name
      case .wildcard: "wildcard"
      case .anyDirectories: "**"
      }
    }
    #expect(described == kinds)
    #expect(compiled.isAbsolute == absolute)
  }

  @Test func `a segment tells a walker which entries to follow`() throws {
    let compiled = try PathPattern("r/**/{machine}-*.xml", run: "B-42", stateDir: "/s")
    #expect(compiled.segments[0].matches("r"))
    #expect(!compiled.segments[0].matches("R"))
    #expect(compiled.segments[1].matches("nested"))
    #expect(!compiled.segments[1].matches(".git"))
    #expect(compiled.segments[2].matches("vm1-a.xml"))
    #expect(!compiled.segments[2].matches("vm1.xml"))
  }
}
