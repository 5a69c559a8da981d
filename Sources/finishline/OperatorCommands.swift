import ArgumentParser
import FinishlineCore
import FinishlineSystem
import FoundationEssentials
import Glibc

/// The operator named in `cancel` and `reset` log lines: who ran sudo, else the login, else
/// the real user id's name (a unit or a container often has no `$USER`).
func operatorName(_ environment: [String: String]) -> String? {
  environment["SUDO_USER"] ?? environment["USER"] ?? environment["LOGNAME"] ?? UserName.ofRealUser()
}

/// The build name operator commands act on, checked before it names a state file.
struct RunArgument: ParsableArguments {
  @Argument(help: ArgumentHelp("The build name of the run (or of one sub-run).", valueName: "run"))
  var name: String

  func validate() throws {
    if let problem = RunName.problem(with: name) { throw ValidationError(problem) }
  }
}

struct CancelCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cancel",
    abstract: "Write the run's cancel marker: the next check closes it as CANCELLED and posts nothing.")

  @OptionGroup var options: ConfigOptions

  @OptionGroup var build: RunArgument

  @Option(name: .long, help: "Why, for the marker file and the log.")
  var reason: String?

  @Flag(name: .long, help: "Write the marker even for a build name nothing knows yet (a run about to start).")
  var force = false

  func run() throws {
    let configuration = try options.load()
    let actions = OperatorActions(configuration: configuration, log: options.eventLog(secrets: configuration.secrets))
    do {
      let marker = try actions.cancel(
        build.name, reason: reason, user: operatorName(options.environment), force: force, now: .now)
      print("cancel marker written: \(marker)")
    } catch {
      throw Failure(status: error.exitStatus, message: error.description)
    }
  }
}

struct ResetCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reset",
    abstract:
      "Reopen a closed run (or one group), or forget a target's failed delivery, so the next check decides afresh.")

  @OptionGroup var options: ConfigOptions

  @OptionGroup var build: RunArgument

  @Option(name: .long, help: "Only this group of a categorized run.")
  var group: String?

  @Option(name: .long, help: "Forget this target's delivery record instead of reopening the scope.")
  var delivery: String?

  @Flag(name: .long, help: "With --delivery: forget a delivery that succeeded too, so the next check posts again.")
  var resend = false

  @Option(name: .long, help: "How long to wait for a check holding the run's lock (30s, or seconds).")
  var lockWait = DurationArgument(seconds: 10)

  func validate() throws {
    if resend, delivery == nil { throw ValidationError("--resend goes with --delivery TARGET") }
  }

  func run() throws {
    let configuration = try options.load()
    let actions = OperatorActions(
      configuration: configuration, log: options.eventLog(secrets: configuration.secrets), lockWait: lockWait.seconds)
    do {
      for change in try actions.reset(
        build.name, group: group, delivery: delivery, resend: resend, user: operatorName(options.environment),
        now: .now)
      {
        print(change)
      }
    } catch {
      throw Failure(status: error.exitStatus, message: error.description)
    }
  }
}

struct StatusCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "status", abstract: "Every tracked run: state, since when, reason, delivery per target.")

  @OptionGroup var options: ConfigOptions

  @Argument(help: ArgumentHelp("Only this run.", valueName: "run"))
  var runName: String?

  @Flag(name: .long, help: "Print a JSON array of decision records.")
  var json = false

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Write a self-contained HTML status page to this file (mode 0644, replaced atomically)"
        + " and print its path.",
      valueName: "file"))
  var html: String?

  @Flag(
    name: .long,
    help: ArgumentHelp(
      "Print nothing; exit 0 when the run is closed and every post it owes is settled, 1 while it is not"
        + " (a watch stops itself on this)."))
  var closed = false

  func validate() throws {
    if json, html != nil { throw ValidationError("--json and --html cannot be combined") }
    if closed, runName == nil || json || html != nil {
      throw ValidationError("--closed takes one run and no --json or --html")
    }
  }

  func run() throws {
    let configuration = try options.load()
    let redact = Redactor(secrets: configuration.secrets)
    let now = Date.now
    if closed, let runName {
      guard RunTargets.isSettled(runName, configuration: configuration, now: now) else { throw ExitCode(1) }
      return
    }
    guard StateStore(directory: configuration.stateDir).exists else {
      throw Failure(
        status: .usage,
        message: "the state directory \(configuration.stateDir) does not exist: no run has been checked with it"
          + " (is state_dir or --state-dir right?)")
    }
    let overview = StatusOverview(configuration: configuration, only: runName, now: now)
    if let html {
      do {
        try overview.writePage(to: html, stateDir: configuration.stateDir, redact: redact, now: now)
      } catch {
        throw Failure(status: .cannotWriteState, message: "cannot write the status page: \(error)")
      }
      print(html)
    } else if json {
      print(redact(JSONValue.array(overview.reports.map(\.json)).text))
    } else {
      print(redact(StatusTable.render(overview.rows, now: now, color: isatty(1) == 1)))
    }
    for entry in overview.unreadable {
      let problem = "\(entry.run): state file \(entry.problem); `finishline check` will move it aside"
      EventLog.standardError("finishline: \(redact(problem))")
    }
    if let runName, overview.reports.isEmpty, overview.unreadable.isEmpty {
      throw Failure(status: .usage, message: "no state for run \(runName)")
    }
  }
}

struct ExplainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "explain",
    abstract: "Show the evidence of a fresh snapshot and the rule that decides; posts nothing, writes nothing.")

  @OptionGroup var options: ConfigOptions

  @OptionGroup var build: RunArgument

  @OptionGroup var start: StartedAtOption

  func run() throws {
    let configuration = try options.load()
    let stored: StoredScope?
    switch StatusReader(configuration: configuration).entries(only: build.name).first {
    case .run(let record) where record.kind == .categorized:
      print(Redactor(secrets: configuration.secrets)(Explanation.parent(record)))
      return
    case .run(let record): stored = record.scope(named: build.name)
    case .unusable(_, let problem):
      print("note: the state file \(problem); explaining as if the run were seen for the first time\n")
      stored = nil
    case nil: stored = nil
    }
    do {
      let evaluation = try ScopeEvaluation(
        configuration: configuration, scope: build.name, stored: stored, processes: ProcFileSystemTable(), now: .now,
        startedAt: start.date)
      print(
        Redactor(secrets: configuration.secrets)(
          Explanation.render(
            facts: evaluation.facts, verdict: evaluation.verdict, stored: stored,
            runnerMatch: configuration.run.runnerMatch.flatMap { try? RunnerMatch($0, run: build.name).expanded })))
    } catch {
      throw Failure(status: .internalError, message: error.description)
    }
  }
}

struct PreviewCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "preview",
    abstract: "Print each target's message for a run exactly as check would send it; sends and writes nothing.")

  @OptionGroup var options: ConfigOptions

  @OptionGroup var build: RunArgument

  @OptionGroup var start: StartedAtOption

  @Option(name: .long, help: "Email of whoever triggered the run (default: $BUILD_USER_EMAIL), for mentions.")
  var triggeredBy: String?

  @Option(name: .long, help: "A context field for messages, key=value (repeatable), as check takes it.")
  var context: [String] = []

  @Option(name: .long, help: "A link for messages, label=url (repeatable), as check takes it.")
  var link: [String] = []

  func run() throws {
    let configuration = try options.load(delivers: true)
    let redact = Redactor(secrets: configuration.secrets)
    do {
      let invocation = try InvocationContext.resolve(
        environment: options.environment, context: context, links: link, triggeredBy: triggeredBy)
      let evaluation = try ScopeEvaluation(
        configuration: configuration, scope: build.name, stored: nil, processes: ProcFileSystemTable(), now: .now,
        startedAt: start.date)
      let context = MessageContext(
        run: build.name, scope: build.name, verdict: evaluation.verdict, snapshot: evaluation.snapshot, firstSeen: .now,
        links: invocation.links.map { ($0.label, $0.url) }, fields: invocation.fields.map { ($0.name, $0.value) },
        triggeredBy: invocation.triggeredBy,
        advice: configuration.advice)
      print("state: \(evaluation.verdict.state) (\(evaluation.verdict.reason))")
      for target in configuration.notify {
        var context = context
        context.mention = Mention.handle(for: invocation.triggeredBy, in: configuration.mentions, channel: target.kind)
        if target.kind == .email {
          let email = EmailMessage(context)
          print("\n== \(target.name) (email) → \(target.email?.to.joined(separator: ", ") ?? "")")
          print(redact("Subject: \(email.subject)\n\n\(email.body)"))
          continue
        }
        let body = MessageRenderer.render(context, for: target) { error in
          print("note: the full message failed to render (\(error)); this minimal one would be sent")
        }
        print("\n== \(target.name) (\(target.kind.rawValue)) → \(target.url)")
        print(redact(String(decoding: body, as: UTF8.self)))
      }
    } catch let error as InvocationContextError {
      throw Failure(status: .usage, message: error.description)
    } catch {
      throw Failure(status: .internalError, message: "\(error)")
    }
  }
}
