/// The validated configuration of one invocation: the TOML file, then the environment, then flags.
public struct Configuration: Sendable, Equatable {
  /// The file it was read from, named in every error and in `config check`.
  public var file: String
  public var stateDir: String
  /// `state_url`: state in PostgreSQL instead of `state_dir` (SPEC §7).
  public var stateURL: DatabaseURL?
  /// The `env:NAME` `state_url` names when it was left unresolved (secrets deferred).
  public var unresolvedStateURL: String?
  public var metricsFile: String?
  /// An HTML status page rewritten after every check.
  public var statusPage: String?
  public var run: RunSources
  public var policy: Policy
  public var categorize: Categorize
  public var history = HistorySettings()
  /// `[owners]`: `nil` when the table is absent, and no owners are shown.
  public var owners: OwnerSettings?
  public var notify: [NotifyTarget]
  public var advice: [AdviceRule]
  /// Email address → chat handle, for mentioning who triggered the run.
  public var mentions: [String: MentionHandle]
  /// `env:NAME` references left unresolved because their variable is unset (secrets deferred).
  public var unsetVariables: [UnsetVariable] = []
  /// The fingerprint of every pattern the load compiled or found remembered (`PatternChecks`),
  /// for the state directory to remember.
  public var patternFingerprints: [String] = []

  public init(
    file: String, stateDir: String, metricsFile: String? = nil, run: RunSources,
    policy: Policy = Policy(), categorize: Categorize = Categorize(), notify: [NotifyTarget] = [],
    advice: [AdviceRule] = [], mentions: [String: MentionHandle] = [:]
  ) {
    self.file = file
    self.stateDir = stateDir
    self.metricsFile = metricsFile
    self.run = run
    self.policy = policy
    self.categorize = categorize
    self.notify = notify
    self.advice = advice
    self.mentions = mentions
  }

  /// Every string that must be kept out of logs, state files and `status` output.
  public var secrets: [String] { notify.flatMap(\.secrets) + (stateURL?.secretFragments ?? []) }
}

/// The `[categorize]` table: a request made of grouped sub-runs.
public struct Categorize: Sendable, Equatable {
  public var enabled = false
  /// A sub-run's build name; `{run}` and `{group}` are replaced.
  public var subrun = "{run}-{group}"
  /// Groups in order; empty = discovered from artifacts.
  public var groups: [String] = []

  public init() {}
}

/// An `[[advice]]` rule: guidance attached under failure groups it matches.
public struct AdviceRule: Sendable, Equatable {
  public enum Pattern: Sendable, Equatable {
    case substring(String)
    case regex(String)
  }

  public var pattern: Pattern
  public var advice: String
  /// The run states whose messages carry this advice; `nil` means every state. Guidance such as
  /// "re-run the group" can be wrong for a run that passed, or right only for a failed one.
  public var states: Set<RunState>?

  public init(pattern: Pattern, advice: String, states: Set<RunState>? = nil) {
    self.pattern = pattern
    self.advice = advice
    self.states = states
  }
}
