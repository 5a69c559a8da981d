public import FinishlineCore
import FoundationEssentials
import Glibc

/// Finds the files a `PathPattern` matches under the run root.
///
/// It walks one pattern segment per directory level and lists a directory only when the next
/// segment is a wildcard, so a large root with one relevant subtree costs a few system calls;
/// only `**` walks a whole subtree. Missing directories are no matches, not errors: a run that
/// has not written anything yet is normal.
///
/// Symbolic links: a plain or wildcard segment follows them (an artifact directory may be a
/// link to another disk), but `**` never enters a linked directory, which keeps it inside the
/// tree and away from link loops. Directories already on the current descent (with the same
/// pattern position) are not entered again, which also stops bind-mount loops.
public struct ArtifactFinder: Sendable {
  /// The run root; relative patterns start here. A relative root is taken from the current
  /// directory when searching.
  public var root: String

  public init(root: String) {
    self.root = root
  }

  /// Every regular file matching `pattern`, sorted by modification time, then path, so the
  /// newest artifact is last and equal times still give a stable order.
  /// - Throws: `SyscallError` when a directory or file the pattern reaches cannot be read, such
  ///   as "open directory of /root/…/xml failed: Permission denied".
  public func find(_ pattern: PathPattern) throws(SyscallError) -> [FoundArtifact] {
    let base = pattern.isAbsolute ? "/" : try Self.absolute(root)
    guard let baseStatus = try Syscall.fileStatus(atPath: base), baseStatus.isDirectory else {
      return []
    }
    var walk = Walk(segments: pattern.segments)
    try walk.visit(base, relative: "", segment: 0, status: baseStatus, ancestors: [], machine: nil)
    let walkDecides = pattern.isMatchedByWalk
    let artifacts = walk.files.compactMap { file -> FoundArtifact? in
      let relativePath = pattern.isAbsolute ? "/" + file.relative : file.relative
      // Where the walk only prunes (`**`), the pattern has the final word and names the machine.
      let machine: String?
      if walkDecides {
        machine = file.machine
      } else {
        guard let match = pattern.match(relativePath: relativePath) else { return nil }
        machine = match.machine
      }
      return FoundArtifact(
        path: file.path, relativePath: relativePath, machine: machine,
        modifiedAt: file.status.modificationDate, identity: FileIdentity(file.status))
    }
    return artifacts.sorted { ($0.modifiedAt, $0.path) < ($1.modifiedAt, $1.path) }
  }

  private static func absolute(_ path: String) throws(SyscallError) -> String {
    guard !path.hasPrefix("/") else { return path }
    return PathText.join(try Syscall.currentDirectory(), path)
  }
}

/// One search's progress through the directory tree.
private struct Walk {
  /// A directory at a position in the pattern; meeting one again on the same descent is a loop.
  struct Visit: Hashable {
    var device: dev_t
    var inode: ino_t
    var segment: Int
  }

  let segments: [PathSegment]
  /// Each file found, with its path below the base (components joined by `/`) as it was walked.
  var files: [(path: String, relative: String, status: stat, machine: String?)] = []

  init(segments: [PathSegment]) {
    self.segments = segments
  }

  /// Matches `segments[segment]` against the contents of `directory`; `machine` is what an
  /// outer segment captured (the outermost capture names the machine, as in `PathPattern`).
  mutating func visit(
    _ directory: String, relative: String, segment: Int, status: stat,
    ancestors: Set<Visit>, machine: String?
  ) throws(SyscallError) {
    let here = Visit(device: status.st_dev, inode: status.st_ino, segment: segment)
    guard !ancestors.contains(here) else { return }
    let ancestors = ancestors.union([here])
    switch segments[segment] {
    case .literal(let name):
      try step(into: name, of: directory, relative: relative, from: segment, ancestors, machine)
    case .wildcard(let pattern):
      for name in try entries(of: directory) {
        guard let match = pattern.match(name) else { continue }
        try step(into: name, of: directory, relative: relative, from: segment, ancestors, machine ?? match.machine)
      }
    case .anyDirectories:
      // Zero levels: the rest of the pattern applies right here.
      try visit(
        directory, relative: relative, segment: segment + 1, status: status,
        ancestors: ancestors, machine: machine)
      for name in try entries(of: directory) where segments[segment].matches(name) {
        let child = PathText.join(directory, name)
        // lstat: `**` does not enter linked directories.
        guard let childStatus = try Syscall.linkStatus(atPath: child), childStatus.isDirectory
        else { continue }
        try visit(
          child, relative: Self.below(relative, name), segment: segment, status: childStatus,
          ancestors: ancestors, machine: machine)
      }
    }
  }

  /// Follows the entry `name`, which matched `segments[segment]`: records it if it is the
  /// last segment and a regular file, descends if it is a directory with more to match.
  private mutating func step(
    into name: String, of directory: String, relative: String, from segment: Int,
    _ ancestors: Set<Visit>, _ machine: String?
  ) throws(SyscallError) {
    let path = PathText.join(directory, name)
    guard let status = try followedStatus(path) else { return }
    if segment == segments.count - 1 {
      if status.isRegularFile { files.append((path, Self.below(relative, name), status, machine)) }
    } else if status.isDirectory {
      try visit(
        path, relative: Self.below(relative, name), segment: segment + 1, status: status,
        ancestors: ancestors, machine: machine)
    }
  }

  /// `name` one level below `relative` (the base itself when empty).
  private static func below(_ relative: String, _ name: String) -> String {
    relative.isEmpty ? name : relative + "/" + name
  }

  /// `stat` through links; a dangling link or a link loop is nothing, like a missing file.
  private func followedStatus(_ path: String) throws(SyscallError) -> stat? {
    do throws(SyscallError) {
      return try Syscall.fileStatus(atPath: path)
    } catch let error where error.errno == ELOOP {
      return nil
    }
  }

  /// Directory entries in name order, so that walks are repeatable.
  private func entries(of directory: String) throws(SyscallError) -> [String] {
    (try Syscall.directoryEntries(directory) ?? []).sorted()
  }
}
