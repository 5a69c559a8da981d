import FinishlineCore
import FinishlineSystem
import FoundationEssentials

/// What `check` was asked to do, whichever parser read the command line: `CheckCommand`
/// (swift-argument-parser) or `CheckFastPath`, so both run exactly the same check.
struct CheckInvocation: Sendable {
  var options = ConfigChoice()
  var runName: String
  var categorize = false
  var deadline: Double = 60
  var lockWait: Double = 10
  var startedAt: Date?
  var exitCode: Int?
  var dryRun = false
  var json = false
  var wait = false
  var context: [String] = []
  var links: [String] = []
  var triggeredBy: String?

  /// Why this is not a check to run (a usage error, 64), or nil; both parsers refuse the same.
  var problem: String? {
    RunName.problem(with: runName) ?? (deadline > 0 ? nil : "--deadline must be longer than 0s")
  }

  func run() throws {
    Watchdog.arm(seconds: deadline)
    let configuration = try options.load(categorize: categorize ? true : nil, delivers: true, remembers: !dryRun)
    let log = options.eventLog(secrets: configuration.secrets)
    let invocation = try MessageOptions.resolve(
      context: context, links: links, triggeredBy: triggeredBy, environment: options.environment)
    let pipeline = CheckPipeline(
      configuration: configuration,
      request: CheckRequest(
        run: runName, mode: dryRun ? .dryRun : .deliver, lockWait: lockWait, deadline: deadline,
        context: invocation, startedAt: startedAt, exitCode: exitCode),
      environment: CheckEnvironment(
        processes: ProcFileSystemTable(), transport: CurlHTTPTransport(), mail: CurlSMTPTransport(), clock: { .now },
        log: log, caBundle: options.caBundle))
    let outcome = wait ? WaitingCheck(pipeline: pipeline).run() : pipeline.run()
    if json, let report = outcome.report {
      print(log.redactor(report.json.text))
    }
    guard outcome.exit == .ok else {
      throw Failure(status: outcome.exit, message: log.redactor(outcome.message ?? "check failed"))
    }
  }
}
