public import FinishlineCore
internal import FoundationEssentials
internal import Glibc

/// Alert subscriptions in `STATE_DIR/.alerts.json`, changed under `.alerts.lock` with atomic
/// writes, so concurrent `alerts add` and `check` never lose or tear a subscription.
public struct AlertStore: Sendable {
  public let directory: String

  public init(directory: String) {
    self.directory = directory
  }

  /// Hidden, so it can never collide with a run (run names may not start with `.`).
  var path: String { "\(directory)/.alerts.json" }

  struct File: Codable {
    var schemaVersion = 1
    var subscriptions: [AlertSubscription] = []
  }

  /// Every subscription; none when the file does not exist.
  public func list() throws(StateStoreError) -> [AlertSubscription] {
    try read().subscriptions
  }

  /// Adds the subscription `make` builds with a fresh id, unless an identical one exists: that
  /// one is returned (`existed`), so the same alert is never subscribed, and sent, twice.
  public func add(_ make: (String) -> AlertSubscription, lockWait: Double = 10) throws(StateStoreError)
    -> (subscription: AlertSubscription, existed: Bool)
  {
    try update(lockWait: lockWait) { file in
      var id = Self.newID()
      while file.subscriptions.contains(where: { $0.id == id }) { id = Self.newID() }
      let subscription = make(id)
      if let existing = file.subscriptions.first(where: { $0.isSame(as: subscription) }) { return (existing, true) }
      file.subscriptions.append(subscription)
      return (subscription, false)
    }
  }

  /// Removes a subscription; `false` when there was none with that id.
  public func remove(_ id: String, lockWait: Double = 10) throws(StateStoreError) -> Bool {
    try update(lockWait: lockWait) { file in
      let before = file.subscriptions.count
      file.subscriptions.removeAll { $0.id == id }
      return file.subscriptions.count < before
    }
  }

  func update<Result>(lockWait: Double, _ change: (inout File) -> Result) throws(StateStoreError) -> Result {
    let store = StateStore(directory: directory)
    _ = try store.prepare()
    guard let lock = try store.lock(".alerts", wait: lockWait) else {
      throw .cannotWrite(path: path, reason: "another invocation holds .alerts.lock")
    }
    defer { lock.unlock() }
    var file = try read()
    let result = change(&file)
    do {
      try AtomicFile.write(StateCoding.encoder.encode(file), to: path)
    } catch {
      throw .cannotWrite(path: path, reason: "\(error)")
    }
    return result
  }

  func read() throws(StateStoreError) -> File {
    do {
      guard let data = try AtomicFile.read(path, limit: 1 << 20) else { return File() }
      return try StateCoding.decode(File.self, from: data)
    } catch {
      throw .unreadable(path: path, reason: StateCoding.describe(error))
    }
  }

  public static func newID() -> String {
    String((0..<8).map { _ in "0123456789abcdef".randomElement() ?? "0" })
  }
}
