/// What one invocation of the check pipeline is for. `check`, `check --dry-run`, `explain` and
/// `preview` run the same pipeline; the mode says only what it may write and what it shows, so
/// the four cannot judge differently.
public enum CheckMode: Sendable, Equatable, CaseIterable {
  /// `check`: lock, deliver, record.
  case deliver
  /// `check --dry-run`: decide and log; send nothing, write nothing.
  case dryRun
  /// `explain`: a dry run that also judges a closed run's artifacts afresh and takes an unusable
  /// state file for none, to show what a check would see.
  case explain
  /// `preview`: as `explain`, and every post the check would make is addressed (its message kind
  /// and mention, looked up as a check would) so it can be shown exactly as it would be sent.
  case preview

  /// Only a real check takes locks, sends and writes state, metrics, the page or the parse cache.
  public var writes: Bool { self == .deliver }

  /// `explain` and `preview` judge the artifacts whatever the state says: a closed, settled run
  /// is judged afresh rather than answered from its state alone, and a state file that cannot be
  /// used is taken for none rather than reported (or, by a real check, moved aside).
  public var judgesAfresh: Bool { self == .explain || self == .preview }

  /// The posts a dry mode decides are addressed and kept for showing.
  public var addressesDryPosts: Bool { self == .preview }
}
