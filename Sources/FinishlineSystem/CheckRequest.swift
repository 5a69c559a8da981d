public import FinishlineCore
public import FoundationEssentials

/// What one `check` invocation was asked to do, after flags were parsed.
public struct CheckRequest: Sendable {
  public var run: String
  /// `check`, `check --dry-run`, `explain` or `preview`: what this invocation may write and show.
  public var mode: CheckMode
  /// Seconds to wait for another invocation's lock.
  public var lockWait: Double
  /// Seconds the whole invocation may take.
  public var deadline: Double
  /// Links, context fields and the triggering user, for messages.
  public var context: InvocationContext
  /// `--started-at`: the run's start as the caller knows it (a CI step knows its build's).
  public var startedAt: Date?
  /// `--exit-code`: the test runner's exit status, which only the caller knows.
  public var exitCode: Int?

  public init(
    run: String, mode: CheckMode = .deliver, lockWait: Double = 10, deadline: Double = 60,
    context: InvocationContext = InvocationContext(), startedAt: Date? = nil, exitCode: Int? = nil
  ) {
    self.startedAt = startedAt
    self.exitCode = exitCode
    self.run = run
    self.mode = mode
    self.lockWait = lockWait
    self.deadline = deadline
    self.context = context
  }
}

/// The world a check touches, injected so tests can use real or plain-value edges.
public struct CheckEnvironment: Sendable {
  public var processes: any ProcessTable
  public var transport: any HTTPTransport
  public var mail: any MailTransport
  public var clock: @Sendable () -> Date
  public var log: EventLog
  /// The CA bundle the environment names (`CURL_CA_BUNDLE`, else `SSL_CERT_FILE`), for
  /// targets without a `ca_file` of their own; libcurl itself reads neither.
  public var caBundle: String?

  public init(
    processes: any ProcessTable, transport: any HTTPTransport, mail: any MailTransport,
    clock: @escaping @Sendable () -> Date, log: EventLog, caBundle: String? = nil
  ) {
    self.caBundle = caBundle
    self.processes = processes
    self.transport = transport
    self.mail = mail
    self.clock = clock
    self.log = log
  }
}

/// How a check ended: the exit status, the decision record, and a message for stderr.
public struct CheckOutcome: Sendable {
  public var exit: ExitStatus
  public var report: CheckReport?
  /// A one-line explanation when the exit status is not 0.
  public var message: String?
  /// Each scope's posting plan, keyed by scope name, for the metrics of this check.
  public var plans: [String: [DeliveryDecision]]
  /// Each scope's evidence, judgement and plan per target, in posting order, for `explain` and
  /// `preview`; empty when the run was answered from its state alone.
  public var evaluated: [EvaluatedScope] = []
  /// The run's record as this check left it (in memory only for a dry run).
  public var state: StoredRun?

  public init(
    exit: ExitStatus, report: CheckReport?, message: String? = nil, plans: [String: [DeliveryDecision]] = [:]
  ) {
    self.exit = exit
    self.report = report
    self.message = message
    self.plans = plans
  }
}
