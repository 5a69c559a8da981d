public import FoundationEssentials

/// The JSON state file of one watched run: what was seen, decided and delivered.
///
/// Schema-versioned so an older finishline never misreads a newer file: an unknown
/// version is moved aside and reported, never overwritten.
public struct StoredRun: Sendable, Equatable, Codable {
  /// Bump when a change would make an older reader misunderstand the file.
  public static let currentSchemaVersion = 1
  /// Transitions kept in `history`; older ones are dropped.
  public static let historyLimit = 50

  public var schemaVersion: Int
  public var run: String
  public var kind: Kind
  /// For a sub-run's own file: the categorized parent whose group it is. The parent's check
  /// writes this file too, so a check by the sub-run's own name finds what was posted.
  public var parent: String?
  public var firstSeen: Date
  public var lastSeen: Date
  /// The run's overall state: the plain scope's, or for a categorized run the parent's.
  public var state: RunState
  public var reason: String
  public var closedAt: Date?
  /// A categorized parent's runner, last seen alive: the parent closes only after it is gone.
  public var runnerLastSeen: Date?
  public var scopes: [StoredScope]
  public var history: [Transition]

  public enum Kind: String, Sendable, Codable {
    case plain
    case categorized
  }

  public init(run: String, kind: Kind, now: Date) {
    schemaVersion = Self.currentSchemaVersion
    self.run = run
    self.kind = kind
    firstSeen = now
    lastSeen = now
    state = .running
    reason = "first seen"
    scopes = []
    history = []
  }

  public func scope(named name: String) -> StoredScope? { scopes.first { $0.scope == name } }

  /// Replaces or appends the record of one scope.
  public mutating func update(_ scope: StoredScope) {
    if let index = scopes.firstIndex(where: { $0.scope == scope.scope }) {
      scopes[index] = scope
    } else {
      scopes.append(scope)
    }
  }

  public mutating func record(_ transition: Transition) {
    history.append(transition)
    if history.count > Self.historyLimit { history.removeFirst(history.count - Self.historyLimit) }
  }
}

/// One state change, kept so an operator can see how the run got where it is.
public struct Transition: Sendable, Equatable, Codable {
  public var at: Date
  public var scope: String
  public var from: RunState?
  public var to: RunState
  public var reason: String

  public init(at: Date, scope: String, from: RunState?, to: RunState, reason: String) {
    self.at = at
    self.scope = scope
    self.from = from
    self.to = to
    self.reason = reason
  }
}
