import FinishlineCore
import FoundationEssentials

/// `check` read without swift-argument-parser, for the timer that runs it every minute on a
/// closed run: building the parser's argument tree (reflection over every option wrapper,
/// protocol conformance scans, generic metadata) was 44 % of such a check's instructions.
///
/// It reads only a command line it is sure of: `check` followed by known long options, each
/// single-valued one at most once, as `--name value` or `--name=value`. Anything else (a
/// positional, a short or unknown option, `--help`, a repeated or missing value, a value
/// that starts with `-`, a value the parser would reject) is left to swift-argument-parser,
/// so every usage error keeps its exact wording and exit status.
enum CheckFastPath {
  /// The invocation `arguments` (without the program name) ask for, or nil to let the parser read them.
  static func invocation(_ arguments: [String]) -> CheckInvocation? {
    guard arguments.first == "check", var read = CommandLineWords(arguments.dropFirst()),
      let run = read.values.removeValue(forKey: "run")
    else { return nil }
    var invocation = CheckInvocation(runName: run)
    invocation.categorize = read.flags.contains("categorize")
    invocation.dryRun = read.flags.contains("dry-run")
    invocation.json = read.flags.contains("json")
    invocation.wait = read.flags.contains("wait")
    invocation.context = read.lists["context", default: []]
    invocation.links = read.lists["link", default: []]
    guard apply(read.values, to: &invocation), invocation.problem == nil else { return nil }
    return invocation
  }

  /// Sets each single value as `CheckCommand` would, or says false where its parser would refuse one.
  private static func apply(_ values: [String: String], to invocation: inout CheckInvocation) -> Bool {
    invocation.options = ConfigChoice(
      config: values["config"], envFile: values["env-file"], stateDir: values["state-dir"], root: values["root"])
    invocation.triggeredBy = values["triggered-by"]
    if let text = values["log-format"] {
      guard let option = LogFormatOption(argument: text) else { return false }
      invocation.options.logFormat = option.format
    }
    if let text = values["deadline"] {
      guard let deadline = DurationArgument(argument: text) else { return false }
      invocation.deadline = deadline.seconds
    }
    if let text = values["lock-wait"] {
      guard let wait = DurationArgument(argument: text) else { return false }
      invocation.lockWait = wait.seconds
    }
    if let text = values["exit-code"] {
      guard let code = Int(text) else { return false }
      invocation.exitCode = code
    }
    if let text = values["started-at"] {
      guard StartedAtOption.problem(with: text, now: Date()) == nil, let start = StartTime.parse(text) else {
        return false
      }
      invocation.startedAt = start
    }
    return true
  }
}

/// A command line of long options only, split by kind; nil when it holds anything else.
struct CommandLineWords {
  static let flagNames: Set<String> = ["categorize", "dry-run", "json", "wait"]
  static let valueNames: Set<String> = [
    "config", "env-file", "state-dir", "root", "log-format", "run", "deadline", "lock-wait", "started-at",
    "exit-code", "triggered-by",
  ]
  static let listNames: Set<String> = ["context", "link"]

  var values: [String: String] = [:]
  var flags: Set<String> = []
  var lists: [String: [String]] = [:]

  init?(_ arguments: ArraySlice<String>) {
    var rest = arguments
    while let argument = rest.popFirst() {
      guard argument.hasPrefix("--") else { return nil }
      let body = argument.dropFirst(2)
      let name = String(body.prefix { $0 != "=" })
      let inline = body.firstIndex(of: "=").map { String(body[body.index(after: $0)...]) }
      if Self.flagNames.contains(name) {
        guard inline == nil, flags.insert(name).inserted else { return nil }
        continue
      }
      guard Self.valueNames.contains(name) || Self.listNames.contains(name),
        let value = inline ?? rest.popFirst(), !value.hasPrefix("-")
      else { return nil }
      if Self.listNames.contains(name) {
        lists[name, default: []].append(value)
      } else {
        guard values.updateValue(value, forKey: name) == nil else { return nil }
      }
    }
  }
}
