/// One scope's delivery records, wherever they were written: by a check of its parent, or by a
/// check of its own build name (SPEC §4 "Exactly once per scope, whatever the entry point").
public enum DeliveryLedger {
  /// `own` with every record of `other` it lacks, and every record of `other` that is further
  /// along than its own: delivered, then sent-or-maybe-sent (in flight, ambiguous), then
  /// terminally failed, then transiently failed. Adopting never moves a record backwards, so a
  /// post made through one entry point is never made again through the other.
  public static func adopt(_ other: [DeliveryRecord], into own: [DeliveryRecord]) -> [DeliveryRecord] {
    var merged = own
    for record in other {
      guard let index = merged.firstIndex(where: { $0.target == record.target && $0.kind == record.kind }) else {
        merged.append(record)
        continue
      }
      if rank(record.outcome) > rank(merged[index].outcome) { merged[index] = record }
    }
    return merged
  }

  static func rank(_ outcome: DeliveryRecord.Outcome) -> Int {
    switch outcome {
    case .delivered: 4
    case .inFlight, .ambiguous: 3
    case .terminalFailure: 2
    case .transientFailure: 1
    }
  }
}
