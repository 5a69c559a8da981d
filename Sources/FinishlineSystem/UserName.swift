internal import Glibc

/// The name of the user running finishline, from the password database rather than the
/// environment, which a service or a container may not set.
public enum UserName {
  public static func ofRealUser() -> String? {
    var entry = passwd()
    var result: UnsafeMutablePointer<passwd>?
    var buffer = [CChar](repeating: 0, count: 4096)
    let uid = Syscall.userID
    guard getpwuid_r(uid, &entry, &buffer, buffer.count, &result) == 0, result != nil, let name = entry.pw_name else {
      return "uid \(uid)"
    }
    return String(cString: name)
  }
}
