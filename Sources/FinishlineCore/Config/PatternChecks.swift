/// The regular expressions a load compiles only to check them, and the ones the state
/// directory remembers compiling (`CheckedPatterns`): compiling `runner_match` alone was a
/// fifth of a closed run's check, so each pattern text is compiled once, not on every check.
///
/// A pattern is named by a fingerprint of finishline's version, its key and its exact text. One
/// whose fingerprint is remembered is not compiled again; any other is checked exactly as
/// before, in the same order, with the same error. Shared by every reader of one load.
final class PatternChecks {
  let verified: Set<String>
  /// The fingerprint of every pattern this load met, checked or remembered.
  private(set) var seen: [String] = []

  init(verified: Set<String>) {
    self.verified = verified
  }

  /// Runs `check` unless the pattern at `key` with this `source` is remembered to pass it.
  func check(key: String, source: String, _ check: () throws(ConfigError) -> Void) throws(ConfigError) {
    let fingerprint = Self.fingerprint(key: key, source: source)
    if !verified.contains(fingerprint) { try check() }
    seen.append(fingerprint)
  }

  /// FNV-1a (64 bits) of the version, key and text, in hex: nothing of the pattern is readable
  /// from it, and another version of finishline never trusts this one's memory.
  static func fingerprint(key: String, source: String) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in "\(FinishlineVersion.current)\u{0}\(key)\u{0}\(source)".utf8 {
      hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
    }
    let digits = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
  }
}
