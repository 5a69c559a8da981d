import FinishlineSystem
import Foundation
import Glibc
import Testing

@Suite("Atomic state file writes and reads")
struct AtomicFileTests {
  @Test func `a new file is written with mode 0600`() throws {
    try TemporaryDirectory.with { directory in
      try AtomicFile.write(Data("{}".utf8), to: directory.file("B-42.json"))
      #expect(try directory.contents(of: "B-42.json") == "{}")
      #expect(try directory.permissions(of: "B-42.json") == 0o600)
    }
  }

  @Test func `an existing file is replaced, content and mode`() throws {
    try TemporaryDirectory.with { directory in
      let path = try directory.write("old contents that are longer", to: "B-42.json")
      #expect(chmod(path, 0o644) == 0)
      try AtomicFile.write(Data("new".utf8), to: path)
      #expect(try directory.contents(of: "B-42.json") == "new")
      #expect(try directory.permissions(of: "B-42.json") == 0o600)
    }
  }

  @Test func `the requested mode is applied exactly, whatever the umask`() throws {
    try TemporaryDirectory.with { directory in
      try AtomicFile.write(Data("x".utf8), to: directory.file("metrics.prom"), mode: 0o644)
      #expect(try directory.permissions(of: "metrics.prom") == 0o644)
    }
  }

  @Test func `a symbolic link in place of the file is refused and its target left alone`() throws {
    try TemporaryDirectory.with { directory in
      let victim = try directory.write("keep", to: "victim")
      try directory.symlink("B-42.json", to: victim)
      #expect(throws: FileRefusal.symbolicLink(path: directory.file("B-42.json"))) {
        try AtomicFile.write(Data("new".utf8), to: directory.file("B-42.json"))
      }
      #expect(try directory.contents(of: "victim") == "keep")
      #expect(try directory.names() == ["B-42.json", "victim"])
    }
  }

  @Test func `successful writes leave no temporary files behind`() throws {
    try TemporaryDirectory.with { directory in
      for round in 0..<5 {
        try AtomicFile.write(Data("round \(round)".utf8), to: directory.file("B-42.json"))
      }
      #expect(try directory.names() == ["B-42.json"])
      #expect(try directory.contents(of: "B-42.json") == "round 4")
    }
  }

  @Test func `a failed write removes its temporary file and names the target`() throws {
    try TemporaryDirectory.with { directory in
      // A directory where the file should be makes the final rename fail.
      try directory.makeDirectory("B-42.json")
      let error = try #require(throws: SyscallError.self) {
        try AtomicFile.write(Data("new".utf8), to: directory.file("B-42.json"))
      }
      #expect(
        error.description == "replace of \(directory.file("B-42.json")) failed: Is a directory")
      #expect(try directory.names() == ["B-42.json"])
    }
  }

  @Test func `reading an absent file gives nil`() throws {
    try TemporaryDirectory.with { directory in
      let absent = try AtomicFile.read(directory.file("absent.json"), limit: 100)
      let inAbsentDirectory = try AtomicFile.read(directory.file("no/such.json"), limit: 100)
      #expect(absent == nil)
      #expect(inAbsentDirectory == nil)
    }
  }

  @Test func `reading returns the whole file`() throws {
    try TemporaryDirectory.with { directory in
      let text = String(repeating: "0123456789", count: 1_000)
      let path = try directory.write(text, to: "B-42.json")
      #expect(try AtomicFile.read(path, limit: 10_000) == Data(text.utf8))
    }
  }

  @Test func `reading refuses a symbolic link`() throws {
    try TemporaryDirectory.with { directory in
      let victim = try directory.write("{}", to: "victim")
      try directory.symlink("B-42.json", to: victim)
      #expect(throws: FileRefusal.symbolicLink(path: directory.file("B-42.json"))) {
        try AtomicFile.read(directory.file("B-42.json"), limit: 100)
      }
    }
  }

  @Test func `reading refuses a file over the limit`() throws {
    try TemporaryDirectory.with { directory in
      let path = try directory.write("12345", to: "B-42.json")
      #expect(throws: FileRefusal.tooLarge(path: path, size: 5, limit: 4)) {
        try AtomicFile.read(path, limit: 4)
      }
      #expect(try AtomicFile.read(path, limit: 5) == Data("12345".utf8))
    }
  }

  @Test func `reading refuses a FIFO instead of waiting for a writer`() throws {
    try TemporaryDirectory.with { directory in
      let path = directory.file("B-42.json")
      #expect(mkfifo(path, 0o600) == 0)
      #expect(throws: FileRefusal.notARegularFile(path: path)) {
        try AtomicFile.read(path, limit: 100)
      }
    }
  }
}
