public import FinishlineCore
public import FoundationEssentials
internal import Synchronization

/// Where run state, the delivery ledger, cancellations and alert subscriptions live (SPEC §7):
/// a state directory on one host, or a PostgreSQL database shared by many. `check`, the
/// operator commands, `status`, alerts and metrics all go through this seam, so both keep one
/// contract. Each concern is its own small protocol; one a backend does not need is `nil`
/// (the directory's `flock` makes separate claims and shared cancellations unnecessary).
public protocol StateBackend: RunRecords {
  /// Claims on deliveries, for a state shared by hosts that may each try one; `nil` where the
  /// run's hold alone serializes them and its record is the ledger (a directory).
  var claims: (any DeliveryClaims)? { get }
  /// Cancellations every host sees; `nil` where the cancel marker file is the record.
  var cancellations: (any SharedCancellations)? { get }
  var alerts: any AlertBook { get }
  /// Each series' finished runs (SPEC §8.1).
  var history: any HistoryBook { get }
}

/// The histories of series, kept apart from run records: a run's hold does not cover them, so
/// each series is changed under its own lock, and two runs of one series finishing at once on
/// two hosts both land.
public protocol HistoryBook: Sendable {
  /// The series' history; an empty one when it has none.
  func history(of series: String) throws(StateStoreError) -> SeriesHistory
  /// Records `run` (in place of an earlier record of the same build) under the series' lock,
  /// keeping the newest `keep`; returns the history as it was before, and a note for the log
  /// when an unusable history was set aside.
  func record(
    _ run: FinishedRun, in series: String, keep: Int, lockWait: Double, now: Date
  ) throws(StateStoreError) -> (before: SeriesHistory, note: String?)
  /// Every series with a history, sorted.
  func series() throws(StateStoreError) -> [String]
}

/// One record per run, and the hold that serializes a run's invocations.
public protocol RunRecords: Sendable {
  /// Where the state is, safe to log: a directory, or the database URL without its password.
  var location: String { get }
  /// Whether any state was ever written there: `status` says so rather than "no tracked runs".
  var exists: Bool { get }
  /// Makes the state ready to write (the directory, the schema); a line for the log when it
  /// changed something.
  func prepare() throws(StateStoreError) -> String?
  /// The run's exclusive hold, waited on for at most `wait` seconds; `nil` when another
  /// invocation, on any host sharing this state, keeps it that long.
  func hold(_ run: String, wait: Double) throws(StateStoreError) -> (any RunHold)?
  /// The run's record read without a hold and without changing anything.
  func peek(_ run: String) throws(StateStoreError) -> StateStore.Peek
  /// The run's record under its hold; one that cannot be trusted is set aside, never
  /// replaced, and reported as `.corrupt`.
  func load(_ run: String, now: Date) throws(StateStoreError) -> StoredRun?
  func save(_ run: StoredRun) throws(StateStoreError)
  /// Every run with a record, sorted.
  func runs() throws(StateStoreError) -> [String]
  /// How many parent runs are not closed, for the `finishline_open_runs` gauge.
  func openRunCount() -> Int
  /// Where one run's record is, for messages.
  func place(of run: String) -> String
}

/// The delivery ledger of a shared state: a row claimed before the request is sent, so a
/// hold lost to a failover cannot post twice.
public protocol DeliveryClaims: Sendable {
  /// `.claimed`, or what the ledger already holds for it when another invocation claimed or
  /// settled it.
  func claim(_ key: DeliveryKey, lease: Double) throws(StateStoreError) -> DeliveryClaim
  /// Records how a claimed delivery ended.
  func settle(_ key: DeliveryKey, outcome: DeliveryRecord.Outcome) throws(StateStoreError)
  /// Forgets deliveries an operator reset, so the next check may claim them again.
  func forget(_ keys: [DeliveryKey]) throws(StateStoreError)
}

/// `finishline cancel` recorded where every host sharing the state sees it, standing for a
/// cancel marker file that hosts other than the operator's lack.
public protocol SharedCancellations: Sendable {
  func cancellation(of run: String) throws(StateStoreError) -> Marker?
  func recordCancellation(of run: String, note: String) throws(StateStoreError)
  /// Forgets a recorded cancellation (`reset`); `true` when there was one.
  func clearCancellation(of run: String) throws(StateStoreError) -> Bool
}

/// A run's exclusive hold, given back when the invocation is done with the run.
public protocol RunHold: AnyObject {
  func release()
}

/// One delivery's identity in the ledger: the same for a check by the parent's name and a
/// check by the sub-run's own, so neither can post what the other did.
public struct DeliveryKey: Sendable, Hashable {
  public var run: String
  public var scope: String
  public var target: String
  public var kind: DeliveryRecord.Kind

  public init(run: String, scope: String, target: String, kind: DeliveryRecord.Kind) {
    self.run = run
    self.scope = scope
    self.target = target
    self.kind = kind
  }
}

/// What claiming a delivery found.
public enum DeliveryClaim: Sendable, Equatable {
  case claimed
  /// Another invocation has it: this one must not send.
  case heldElsewhere(ClaimHolder)
}

/// The invocation a delivery's row belongs to, and what it did with it.
public enum ClaimHolder: Sendable, Equatable {
  /// Already delivered, by the invocation that claimed it, at `at`.
  case delivered(by: String, at: Date?)
  /// Claimed by another live invocation until its lease ends.
  case inFlight(by: String, until: Date?)
}

/// Alert subscriptions, wherever state lives (SPEC §6.3).
public protocol AlertBook: Sendable {
  func list() throws(StateStoreError) -> [AlertSubscription]
  /// Adds the subscription `make` builds with a fresh id, unless an identical one exists.
  func add(_ make: (String) -> AlertSubscription, lockWait: Double) throws(StateStoreError)
    -> (subscription: AlertSubscription, existed: Bool)
  /// `false` when there was none with that id.
  func remove(_ id: String, lockWait: Double) throws(StateStoreError) -> Bool
}

extension Configuration {
  /// The state this configuration names: its database when `state_url` is set, else its
  /// state directory.
  /// - Parameter lockWait: how long connecting to the database may take (`--lock-wait`).
  public func stateBackend(lockWait: Double = 10) -> any StateBackend {
    if let variable = unresolvedStateURL {
      return UnusableState(
        problem: .refused(
          location: "state_url",
          reason: "\(variable.dropFirst(4)) is not set, and this command needs the state database"))
    }
    guard let url = stateURL else { return StateStore(directory: stateDir) }
    guard let open = SharedStateBackends.opener.withLock({ $0 }) else {
      return UnusableState(
        problem: .refused(location: url.description, reason: "this build of finishline has no PostgreSQL backend"))
    }
    return open(url, lockWait)
  }
}

/// Where `state_url` backends come from: `FinishlinePostgres` installs its opener when the
/// executable starts, so this module, and with it the file-backed path, carries no PostgreSQL
/// code and a closed-run check touches none.
public enum SharedStateBackends {
  public typealias Opener = @Sendable (_ url: DatabaseURL, _ connectWait: Double) -> any StateBackend

  static let opener = Mutex<Opener?>(nil)

  public static func install(_ open: @escaping Opener) {
    opener.withLock { $0 = open }
  }
}
