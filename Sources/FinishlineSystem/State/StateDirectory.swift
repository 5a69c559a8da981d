import Glibc

/// The directory holding state files, lock files and markers; it must be private to the user
/// running finishline (mode 0700) because state records delivery errors and run names.
///
/// Or private to a group: a directory an administrator made setgid for a `finishline` group
/// (`install -d -m 2770 -g finishline /var/lib/finishline`) is shared by its members, so a
/// timer running as one user and a Jenkins post step running as another keep one state. Its
/// mode stays 2770 and finishline's files in it are 0660.
public enum StateDirectory {
  /// What `ensure` found or did, for the log.
  public enum Preparation: Sendable, Equatable {
    /// The directory was already there with acceptable permissions.
    case existed
    /// The directory (and any missing parents) was created.
    case created
    /// The directory was there but open to others; it is now 0700 (2770 when group-shared).
    case tightened(from: UInt32, to: UInt32)

    /// A line for the operator when something changed on disk, or `nil` when nothing did.
    public func note(for path: String) -> String? {
      switch self {
      case .existed: nil
      case .created: "created state directory \(path) with mode 0700"
      case .tightened(let mode, let now):
        "state directory \(path) had mode 0\(String(mode, radix: 8)); tightened it to 0\(String(now, radix: 8))"
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
    let shared = isShared(permissions)
    let wanted: mode_t = shared ? 0o2770 : 0o700
    let openToOthers = permissions & (shared ? 0o007 : 0o077) != 0
    let groupCannotWrite = shared && permissions & 0o070 != 0o070
    guard openToOthers || groupCannotWrite else { return .existed }
    try directory.changeMode(to: wanted)
    return .tightened(from: UInt32(permissions), to: UInt32(wanted))
  }

  /// A setgid directory is shared by its group.
  static func isShared(_ permissions: mode_t) -> Bool { permissions & mode_t(S_ISGID) != 0 }

  /// The mode of finishline's own files in `directory`: 0600, or 0660 in a group-shared one.
  static func fileMode(in directory: String) -> mode_t {
    guard let status = try? Syscall.fileStatus(atPath: directory), isShared(status.permissions) else { return 0o600 }
    return 0o660
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
