internal import FoundationEssentials

/// An unusable file is never overwritten: it is renamed to `PATH.corrupt-EPOCH` beside itself,
/// so an operator can look at it, and the caller starts afresh.
enum MoveAside {
  /// The new path; the error says why the file stayed where it was, "`problem`; moving it
  /// aside failed: …", for the caller's own error type.
  static func move(_ path: String, problem: String, now: Date) -> Result<String, MoveAsideFailure> {
    let aside = "\(path).corrupt-\(Int(now.timeIntervalSince1970))"
    do {
      try Syscall.rename(path, over: aside)
      return .success(aside)
    } catch {
      return .failure(MoveAsideFailure(reason: "\(problem); moving it aside failed: \(error.reason)"))
    }
  }
}

struct MoveAsideFailure: Error {
  var reason: String
}
