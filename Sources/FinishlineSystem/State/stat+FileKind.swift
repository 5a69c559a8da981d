import FoundationEssentials
import Glibc

/// Reading `stat` results in words, because `st_mode & S_IFMT` comparisons are easy to get wrong
/// and the mtime arrives split into seconds and nanoseconds.
extension stat {
  var isSymbolicLink: Bool { fileType == S_IFLNK }
  var isDirectory: Bool { fileType == S_IFDIR }
  var isRegularFile: Bool { fileType == S_IFREG }

  /// The permission bits (such as 0o600), without the file type.
  var permissions: mode_t { st_mode & 0o7777 }

  var modificationDate: Date {
    Date(
      timeIntervalSince1970: TimeInterval(st_mtim.tv_sec) + TimeInterval(st_mtim.tv_nsec) / 1e9)
  }

  private var fileType: mode_t { st_mode & mode_t(S_IFMT) }
}
