import FinishlineSystem
import Foundation
import Glibc
import Testing

@Suite("Bounded artifact reads")
struct BoundedFileReaderTests {
  @Test func `a file within the limit is read whole`() throws {
    try TemporaryDirectory.with { directory in
      let path = try directory.write("0123456789", to: "a.json")
      let reader = BoundedFileReader(limit: 10)
      #expect(try reader.read(path) == .contents(Data("0123456789".utf8)))
    }
  }

  @Test func `a file over the limit is reported, not read`() throws {
    try TemporaryDirectory.with { directory in
      let path = try directory.write("0123456789!", to: "a.json")
      #expect(try BoundedFileReader(limit: 10).read(path) == .tooLarge(size: 11))
    }
  }

  @Test func `the default limit is 256 MiB`() {
    #expect(BoundedFileReader().limit == 256 * 1024 * 1024)
  }

  @Test func `a file that vanished is missing`() throws {
    try TemporaryDirectory.with { directory in
      let reader = BoundedFileReader()
      let gone = try reader.read(directory.file("gone.json"))
      let inGoneDirectory = try reader.read(directory.file("gone/a.json"))
      #expect(gone == .missing)
      #expect(inGoneDirectory == .missing)
    }
  }

  @Test func `a linked artifact is read through the link`() throws {
    try TemporaryDirectory.with { directory in
      let target = try directory.write("{}", to: "elsewhere.json")
      try directory.symlink("a.json", to: target)
      #expect(try BoundedFileReader().read(directory.file("a.json")) == .contents(Data("{}".utf8)))
    }
  }

  @Test func `a FIFO is refused instead of blocking`() throws {
    try TemporaryDirectory.with { directory in
      let path = directory.file("a.json")
      #expect(mkfifo(path, 0o600) == 0)
      #expect(throws: FileRefusal.notARegularFile(path: path)) {
        try BoundedFileReader().read(path)
      }
    }
  }

  @Test func `a failure names the path and the system's reason`() throws {
    try TemporaryDirectory.with { directory in
      let path = directory.file(String(repeating: "x", count: 300))
      let error = try #require(throws: SyscallError.self) { try BoundedFileReader().read(path) }
      #expect(error.description == "open of \(path) failed: File name too long")
    }
  }
}
