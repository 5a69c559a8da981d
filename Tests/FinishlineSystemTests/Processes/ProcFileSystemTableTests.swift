import FinishlineCore
import FinishlineSystem
import Foundation
import Glibc
import TestSupport
import Testing

@Suite("The /proc process table", .timeLimit(.minutes(3)))
struct ProcFileSystemTableTests {
  @Test func `a live child is listed by its command line until it is killed and reaped`() throws {
    let marker = "finishline-test-marker-\(UUID().uuidString)"
    let child = try ChildProcess.spawn("/usr/bin/python3", ["-c", "import time; time.sleep(60)", marker])
    defer { child.stop() }

    let table = ProcFileSystemTable()
    let listed = try Self.firstListing(of: marker, in: table)
    #expect(listed?.pid == child.pid)
    #expect(listed?.commandLine == "/usr/bin/python3 -c import time; time.sleep(60) \(marker)")

    #expect(kill(child.pid, SIGKILL) == 0)
    child.wait()
    #expect(try table.processes().allSatisfy { !$0.commandLine.contains(marker) })
    #expect(try table.processes().allSatisfy { $0.pid != child.pid })
  }

  @Test func `the calling process and processes without a command line are left out`() throws {
    let processes = try ProcFileSystemTable().processes()
    #expect(!processes.isEmpty)
    #expect(processes.allSatisfy { $0.pid != getpid() })
    #expect(processes.allSatisfy { !$0.commandLine.isEmpty })
  }

  /// Scans until the child shows up: it is normally there at once, because the spawn returns
  /// after `exec`, but the loop keeps the test honest without assuming so. At most 200 scans.
  private static func firstListing(
    of marker: String, in table: ProcFileSystemTable
  ) throws -> RunningProcess? {
    for _ in 0..<200 {
      if let process = try table.processes().first(where: { $0.commandLine.contains(marker) }) {
        return process
      }
      usleep(10_000)
    }
    return nil
  }
}
