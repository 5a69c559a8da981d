/// The grace windows and limits that turn "nothing happened yet" into a decision.
public struct Policy: Sendable, Equatable {
  /// Runner alive but no artifact progress this long: HUNG.
  public var hangAfter: Double = 45 * 60
  /// Watched this long without finishing: HUNG.
  public var maxRuntime: Double = 12 * 3_600
  /// Runner gone: wait this long for final artifacts.
  public var settle: Double = 2 * 60
  /// Undecidable this long: UNKNOWN.
  public var unknownAfter: Double = 15 * 60
  /// No evidence at all yet: still RUNNING this long.
  public var startGrace: Double = 10 * 60
  /// A delivery still failing this long becomes terminal ("expired").
  public var giveUpAfter: Double = 24 * 3_600

  public init() {}

  /// The keys of `[policy]`, in documentation order, with their setters.
  static var keys: [(String, WritableKeyPath<Policy, Double>)] {
    [
      ("hang_after", \.hangAfter), ("max_runtime", \.maxRuntime), ("settle", \.settle),
      ("unknown_after", \.unknownAfter), ("start_grace", \.startGrace),
      ("give_up_after", \.giveUpAfter),
    ]
  }

  /// The keys that cannot be `0s`, and why; every other window may be zero (`settle = "0s"`
  /// judges a run as soon as its runner is gone).
  static let zeroRefused = [
    "hang_after": "a live runner would be HUNG at once; write the longest quiet time a healthy run has",
    "max_runtime": "every run would be HUNG at once; write the longest time a run may take",
  ]
}
