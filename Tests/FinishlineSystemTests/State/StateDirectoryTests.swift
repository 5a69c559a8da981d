import FinishlineSystem
import Foundation
import Glibc
import Testing

@Suite("The state directory")
struct StateDirectoryTests {
  @Test func `a missing directory is created, with its parents, as 0700`() throws {
    try TemporaryDirectory.with { directory in
      let path = directory.file("var/lib/finishline")
      let preparation = try StateDirectory.ensure(path)
      #expect(preparation == .created)
      #expect(try directory.permissions(of: "var/lib/finishline") == 0o700)
      #expect(preparation.note(for: path) == "created state directory \(path) with mode 0700")
    }
  }

  @Test func `a directory open to others is tightened to 0700 and says so`() throws {
    try TemporaryDirectory.with { directory in
      try directory.makeDirectory("state", mode: 0o755)
      let path = directory.file("state")
      let preparation = try StateDirectory.ensure(path)
      #expect(preparation == .tightened(from: 0o755, to: 0o700))
      #expect(try directory.permissions(of: "state") == 0o700)
      #expect(
        preparation.note(for: path)
          == "state directory \(path) had mode 0755; tightened it to 0700")
    }
  }

  /// The full mode, setgid included, which `FileManager` does not report.
  private func mode(_ path: String) -> mode_t {
    var status = stat()
    return stat(path, &status) == 0 ? status.st_mode & 0o7777 : 0
  }

  @Test func `a setgid directory is shared by its group: 2770, files 0660`() throws {
    try TemporaryDirectory.with { directory in
      try directory.makeDirectory("state", mode: 0o755)
      let path = directory.file("state")
      #expect(chmod(path, 0o2775) == 0)
      let preparation = try StateDirectory.ensure(path)
      #expect(preparation == .tightened(from: 0o2775, to: 0o2770))
      #expect(mode(path) == 0o2770)
      #expect(try StateDirectory.ensure(path) == .existed, "2770 is right for a shared directory")
      try AtomicFile.write(Data("{}".utf8), to: path + "/run.json")
      #expect(mode(path + "/run.json") == 0o660)
      let lock = try FileLock.acquire(path: path + "/run.lock", maximumWait: .zero)
      if case .acquired(let held) = lock { held.unlock() }
      #expect(mode(path + "/run.lock") == 0o660)
    }
  }

  @Test func `files in a private directory are 0600`() throws {
    try TemporaryDirectory.with { directory in
      try directory.makeDirectory("state", mode: 0o700)
      try AtomicFile.write(Data("{}".utf8), to: directory.file("state/run.json"))
      #expect(mode(directory.file("state/run.json")) == 0o600)
    }
  }

  @Test(arguments: [0o700, 0o500])
  func `a private directory is left as it is`(mode: Int) throws {
    try TemporaryDirectory.with { directory in
      try directory.makeDirectory("state", mode: mode)
      let preparation = try StateDirectory.ensure(directory.file("state"))
      #expect(preparation == .existed)
      #expect(preparation.note(for: directory.file("state")) == nil)
      #expect(try directory.permissions(of: "state") == mode)
    }
  }

  @Test(arguments: ["state", "state/"])
  func `a symbolic link in place of the directory is refused`(spelling: String) throws {
    try TemporaryDirectory.with { directory in
      try directory.makeDirectory("real", mode: 0o755)
      try directory.symlink("state", to: directory.file("real"))
      #expect(throws: FileRefusal.symbolicLink(path: directory.file("state"))) {
        try StateDirectory.ensure(directory.file(spelling))
      }
      #expect(try directory.permissions(of: "real") == 0o755)
    }
  }

  @Test func `a file in place of the directory is refused`() throws {
    try TemporaryDirectory.with { directory in
      try directory.write("", to: "state")
      #expect(throws: FileRefusal.notADirectory(path: directory.file("state"))) {
        try StateDirectory.ensure(directory.file("state"))
      }
    }
  }

  @Test func `a parent may be a symbolic link`() throws {
    try TemporaryDirectory.with { directory in
      try directory.makeDirectory("disk", mode: 0o755)
      try directory.symlink("lib", to: directory.file("disk"))
      #expect(try StateDirectory.ensure(directory.file("lib/finishline")) == .created)
      #expect(try directory.permissions(of: "disk/finishline") == 0o700)
    }
  }
}
