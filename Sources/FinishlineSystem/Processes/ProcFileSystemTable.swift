public import FinishlineCore
public import FoundationEssentials
import Glibc

/// The process table read from `/proc`, without running `ps` or `pgrep`: one directory
/// listing and one small read per process.
public struct ProcFileSystemTable: ProcessTable {
  /// Far above the kernel's usual 2 MiB limit on a whole command line; only a bound on memory.
  private static let commandLineLimit = 8 << 20

  public init() {}

  /// Reads `/proc/[0-9]*/cmdline`. Processes with an empty command line (kernel threads,
  /// zombies) are left out, as are processes that exit while the table is read.
  /// - Throws: `SyscallError` when `/proc` itself cannot be listed.
  public func processes() throws(SyscallError) -> [RunningProcess] {
    guard let entries = try Syscall.directoryEntries("/proc") else {
      throw SyscallError(operation: "list processes", path: "/proc", errno: ENOENT)
    }
    let ownPID = Syscall.processID
    return entries.compactMap { entry in
      guard let pid = Int32(entry), pid != ownPID,
        let commandLine = Self.commandLine(ofProcessAt: "/proc/\(entry)/cmdline")
      else { return nil }
      return RunningProcess(pid: pid, commandLine: commandLine)
    }
  }

  /// Reads field 22 of `/proc/PID/stat` (clock ticks since boot) and `btime` of `/proc/stat`.
  /// `btime` is whole seconds, so the result may be up to a second early, never late: a start
  /// that is too early only sets aside fewer old files.
  public func startTime(ofProcess pid: Int32) -> Date? {
    guard let stat = Self.text(at: "/proc/\(pid)/stat"), let close = stat.lastIndex(of: ")"),
      let system = Self.text(at: "/proc/stat")
    else { return nil }
    // Fields after the command name (which may hold spaces and parentheses) start at field 3.
    let fields = stat[stat.index(after: close)...].split(separator: " ")
    guard fields.count > 19, let ticks = Double(fields[19]) else { return nil }
    let bootLine = system.split(separator: "\n").first { $0.hasPrefix("btime ") }
    guard let boot = bootLine.flatMap({ Double($0.dropFirst(6)) }) else { return nil }
    let hertz = Double(sysconf(Int32(_SC_CLK_TCK)))
    guard hertz > 0 else { return nil }
    return Date(timeIntervalSince1970: boot + ticks / hertz)
  }

  private static func text(at path: String) -> String? {
    guard let file = try? FileDescriptor(openingIfPresent: path, flags: O_RDONLY),
      let data = try? file.readToEnd(limit: 1 << 20)
    else { return nil }
    return String(decoding: data, as: UTF8.self)
  }

  /// The arguments joined by single spaces, or `nil` when there are none or the process is
  /// gone: a vanished process is not an error, just no longer running.
  private static func commandLine(ofProcessAt path: String) -> String? {
    let bytes: [UInt8]
    do {
      guard let file = try FileDescriptor(openingIfPresent: path, flags: O_RDONLY),
        let data = try file.readToEnd(limit: commandLineLimit)
      else { return nil }
      bytes = Array(data)
    } catch {
      return nil
    }
    guard !bytes.isEmpty else { return nil }
    // Arguments end in NUL: drop the last one and let the rest separate the arguments.
    let arguments = bytes.last == 0 ? bytes.dropLast() : bytes[...]
    return String(decoding: arguments.map { $0 == 0 ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
  }
}
