import Glibc

/// The directory holding state files, lock files and markers; it must be private to the user
/// running finishline (mode 0700) because state records delivery errors and run names.
public enum StateDirectory {
  /// What `ensure` found or did, for the log.
  public enum Preparation: Sendable, Equatable {
    /// The directory was already there with acceptable permissions.
    case existed
    /// The directory (and any missing parents) was created.
    case created
    /// The directory was there but readable or writable by others; it is now 0700.
    case tightened(from: UInt32)

    /// A line for the operator when something changed on disk, or `nil` when nothing did.
    public func note(for path: String) -> String? {
      switch self {
      case .existed: nil
      case .created: "created state directory \(path) with mode 0700"
      case .tightened(let mode):
        "state directory \(path) had mode 0\(String(mode, radix: 8)); tightened it to 0700"
      }
    }
  }

  /// Makes sure `path` is a real directory with mode 0700, creating it and its parents.
  ///
  /// Parents are created like `mkdir -p` (mode 0755 less the umask) and may be symbolic links,
  /// as `/var/lib` sometimes is; the leaf itself may not be, because the state in it must not
  /// be redirected elsewhere. The check and the chmod go through one `O_NOFOLLOW` descriptor,
  /// so the leaf cannot be swapped for a link in between.
  /// - Throws: `FileRefusal` when the leaf is a symbolic link or not a directory;
  ///   `SyscallError` when it cannot be created or opened.
  @discardableResult
  public static func ensure(_ path: String) throws -> Preparation {
    // A trailing slash would make the kernel follow a link in the leaf despite O_NOFOLLOW.
    var path = path
    while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
    let created: Bool
    let directory: FileDescriptor
    do {
      directory = try open(path)
      created = false
    } catch let error as SyscallError where error.errno == ENOENT {
      try createParents(of: path)
      created = try Syscall.mkdir(path, mode: 0o700)
      directory = try open(path)
    }
    let permissions = try directory.status().permissions
    if created {
      // mkdir applied the umask, which can only have removed bits; set exactly 0700.
      if permissions != 0o700 { try directory.changeMode(to: 0o700) }
      return .created
    }
    guard permissions & 0o077 != 0 else { return .existed }
    try directory.changeMode(to: 0o700)
    return .tightened(from: UInt32(permissions))
  }

  /// Opens the leaf as a directory without following a link, naming the refusals.
  private static func open(_ path: String) throws -> FileDescriptor {
    do throws(SyscallError) {
      return try FileDescriptor(opening: path, flags: O_RDONLY | O_DIRECTORY | O_NOFOLLOW)
    } catch let error where error.errno == ELOOP {
      throw FileRefusal.symbolicLink(path: path)
    } catch let error where error.errno == ENOTDIR {
      guard let status = try Syscall.linkStatus(atPath: path) else { throw error }
      throw status.isSymbolicLink
        ? FileRefusal.symbolicLink(path: path) : FileRefusal.notADirectory(path: path)
    }
  }

  /// Creates each missing ancestor of `path`, outermost first.
  private static func createParents(of path: String) throws(SyscallError) {
    let components = path.split(separator: "/", omittingEmptySubsequences: true).dropLast()
    var prefix = path.hasPrefix("/") ? "/" : ""
    for component in components {
      prefix += component
      _ = try Syscall.mkdir(prefix, mode: 0o755)
      prefix += "/"
    }
  }
}
