import FinishlineSystem
import Glibc
import Testing

@Suite("System call errors")
struct SyscallErrorTests {
  @Test func `the message names the operation, the path and the C library's reason`() {
    let error = SyscallError(
      operation: "fsync", path: "/var/lib/finishline/B-42.json", errno: ENOSPC)
    #expect(
      error.description
        == "fsync of /var/lib/finishline/B-42.json failed: No space left on device")
  }

  @Test func `without a path the message still names the operation`() {
    let error = SyscallError(operation: "flock", path: nil, errno: EBADF)
    #expect(error.description == "flock failed: Bad file descriptor")
  }
}
