internal import FoundationEssentials
internal import Glibc

/// The state directory's memory of the configuration patterns that compiled (`PatternChecks`):
/// their fingerprints, one per line, oldest first, in `.patterns-checked`. Only a shortcut: a
/// missing or unreadable file means every pattern is compiled again, and a failed write is
/// ignored.
enum CheckedPatterns {
  static let fileName = ".patterns-checked"
  /// The newest fingerprints kept: a configuration has a few patterns, edited now and then.
  static let keep = 64

  static func read(stateDir: String) -> [String] {
    guard let data = try? AtomicFile.read(PathText.join(stateDir, fileName), limit: 1 << 16) else { return [] }
    return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
  }

  /// Adds the `fingerprints` that `known` (what `read` gave) lacks, in a state directory that
  /// exists: nothing creates one for this.
  static func remember(_ fingerprints: [String], after known: [String], stateDir: String) {
    var lines = known
    for fingerprint in fingerprints where !lines.contains(fingerprint) { lines.append(fingerprint) }
    guard lines.count > known.count, (try? Syscall.fileStatus(atPath: stateDir))??.isDirectory == true else { return }
    let text = lines.suffix(keep).joined(separator: "\n") + "\n"
    try? AtomicFile.write(Data(text.utf8), to: PathText.join(stateDir, fileName))
  }
}
