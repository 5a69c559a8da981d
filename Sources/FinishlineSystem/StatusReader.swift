public import FinishlineCore

/// Reads every tracked run's state for `status`, without taking run locks: state files are
/// replaced atomically, so a read sees the old or the new file, never a torn one.
public struct StatusReader: Sendable {
  public var backend: any StateBackend

  public init(backend: any StateBackend) {
    self.backend = backend
  }

  /// One tracked run, or a state file that could not be used.
  public enum Entry: Sendable {
    case run(StoredRun)
    case unusable(run: String, problem: String)
  }

  /// Every tracked run, or only `run`. A sub-run's own file is listed under its parent, not
  /// again on its own, unless its parent has no state (it was only ever checked by name).
  public func entries(only run: String? = nil) throws(StateStoreError) -> [Entry] {
    let names: [String]
    if let run { names = [run] } else { names = try backend.runs() }
    let listed = Set(names)
    return names.compactMap { name -> Entry? in
      do {
        switch try backend.peek(name) {
        case .absent: return nil
        case .stored(let stored):
          if run == nil, let parent = stored.parent, listed.contains(parent) { return nil }
          return .run(stored)
        case .unusable(let problem): return .unusable(run: name, problem: problem)
        }
      } catch {
        return .unusable(run: name, problem: "\(error)")
      }
    }
  }
}
