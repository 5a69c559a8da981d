import FinishlineCore
import FinishlineSystem
import Foundation
import Glibc
import Testing

@Suite("Finding artifacts")
struct ArtifactFinderTests {
  private func find(
    _ pattern: String, in directory: TemporaryDirectory, run: String = "B-42",
    stateDir: String = "/nonexistent"
  ) throws -> [FoundArtifact] {
    let compiled = try PathPattern(pattern, run: run, stateDir: stateDir)
    return try ArtifactFinder(root: directory.path).find(compiled)
  }

  @Test func `result files are found per machine, oldest first`() throws {
    try TemporaryDirectory.with { directory in
      try directory.write("{}", to: "mochawesome/B-42/vm02/b.json")
      try directory.write("{}", to: "mochawesome/B-42/vm01/a.json")
      try directory.write("{\"big\": 1}", to: "mochawesome/B-42/vm01/z.json")
      try directory.write("{}", to: "mochawesome/B-41/vm01/a.json")
      try directory.write("{}", to: "mochawesome/B-42/vm01/notes.txt")
      let base = Date(timeIntervalSince1970: 1_700_000_000)
      try directory.setModified("mochawesome/B-42/vm02/b.json", to: base)
      try directory.setModified("mochawesome/B-42/vm01/a.json", to: base + 60)
      try directory.setModified("mochawesome/B-42/vm01/z.json", to: base)

      let found = try find("mochawesome/{run}/{machine}/*.json", in: directory)

      #expect(
        found.map(\.relativePath) == [
          "mochawesome/B-42/vm01/z.json", "mochawesome/B-42/vm02/b.json",
          "mochawesome/B-42/vm01/a.json",
        ])
      #expect(found.map(\.machine) == ["vm01", "vm02", "vm01"])
      #expect(found.map(\.path) == found.map { directory.file($0.relativePath) })
      #expect(found.map(\.modifiedAt) == [base, base, base + 60])
    }
  }

  @Test func `a machine captured from part of a file name`() throws {
    try TemporaryDirectory.with { directory in
      try directory.write("<x/>", to: "xml/B-42/results-vm-01.xml")
      try directory.write("<x/>", to: "xml/B-42/other.xml")
      let found = try find("xml/{run}/results-{machine}.xml", in: directory)
      #expect(found.map(\.machine) == ["vm-01"])
    }
  }

  @Test(arguments: ["mochawesome/{run}/{machine}/*.json", "logs/{run}.done", "**/*.log"])
  func `missing directories are no matches, not errors`(pattern: String) throws {
    try TemporaryDirectory.with { directory in
      #expect(try find(pattern, in: directory).isEmpty)
      let nowhere = try PathPattern(pattern, run: "B-42", stateDir: "/s")
      #expect(try ArtifactFinder(root: directory.file("absent/root")).find(nowhere).isEmpty)
    }
  }

  @Test func `a plain marker path is found, and only as a regular file`() throws {
    try TemporaryDirectory.with { directory in
      try directory.write("", to: "logs/B-42.done")
      #expect(try find("logs/{run}.done", in: directory).map(\.relativePath) == ["logs/B-42.done"])
      try directory.makeDirectory("logs/B-43.done")
      #expect(try find("logs/B-43.done", in: directory).isEmpty)
    }
  }

  @Test func `an absolute pattern ignores the root`() throws {
    try TemporaryDirectory.with { directory in
      let stateDir = directory.file("state")
      try directory.write("stop", to: "state/B-42.cancel")
      let found = try find(
        "{state_dir}/{run}.cancel", in: TemporaryDirectory(path: "/nonexistent"),
        stateDir: stateDir)
      #expect(found.map(\.path) == [stateDir + "/B-42.cancel"])
      #expect(found.map(\.relativePath) == [stateDir + "/B-42.cancel"])
    }
  }

  @Test func `globstar finds nested files but skips hidden directories and hidden files`() throws {
    try TemporaryDirectory.with { directory in
      try directory.write("", to: "logs/top.log")
      try directory.write("", to: "logs/a/b/deep.log")
      try directory.write("", to: "logs/.cache/hidden-dir.log")
      try directory.write("", to: "logs/a/.hidden.log")
      let found = try find("logs/**/*.log", in: directory)
      #expect(found.map(\.relativePath).sorted() == ["logs/a/b/deep.log", "logs/top.log"])
    }
  }

  @Test func `globstar does not follow a directory link, so a link loop ends`() throws {
    try TemporaryDirectory.with { directory in
      try directory.write("", to: "logs/a/inner.log")
      try directory.symlink("logs/a/loop", to: "..")
      try directory.symlink("logs/outside", to: "/usr")
      let found = try find("logs/**/*.log", in: directory)
      #expect(found.map(\.relativePath) == ["logs/a/inner.log"])
    }
  }

  @Test func `named segments follow directory links, bounded by the pattern's depth`() throws {
    try TemporaryDirectory.with { directory in
      try directory.write("{}", to: "elsewhere/B-42/vm01/a.json")
      try directory.symlink("mochawesome", to: directory.file("elsewhere"))
      let found = try find("mochawesome/{run}/{machine}/*.json", in: directory)
      #expect(found.map(\.relativePath) == ["mochawesome/B-42/vm01/a.json"])
      #expect(found.map(\.machine) == ["vm01"])

      try directory.write("", to: "loop/a/x.log")
      try directory.symlink("loop/a/back", to: "..")
      let looped = try find("loop/*/*/*/*.log", in: directory)
      #expect(looped.map(\.relativePath) == ["loop/a/back/a/x.log"])
    }
  }

  @Test func `dangling links, FIFOs and directories are not artifacts`() throws {
    try TemporaryDirectory.with { directory in
      try directory.write("{}", to: "r/real.json")
      try directory.symlink("r/dangling.json", to: directory.file("r/absent"))
      try directory.symlink("r/self.json", to: directory.file("r/self.json"))
      #expect(mkfifo(directory.file("r/pipe.json"), 0o600) == 0)
      try directory.makeDirectory("r/dir.json")
      try directory.write("{}", to: "r/target")
      try directory.symlink("r/linked.json", to: directory.file("r/target"))
      let found = try find("r/*.json", in: directory)
      #expect(found.map(\.relativePath).sorted() == ["r/linked.json", "r/real.json"])
    }
  }

  @Test func `a name that is not UTF-8 is skipped without stopping the walk`() throws {
    try TemporaryDirectory.with { directory in
      try directory.write("{}", to: "r/good.json")
      var badName = Array(directory.file("r/bad-").utf8CString.dropLast())
      badName += [CChar(bitPattern: 0xFF)] + Array(".json".utf8CString)
      let fd = open(badName, O_CREAT | O_WRONLY, 0o600)
      #expect(fd >= 0)
      close(fd)
      #expect(try find("r/*.json", in: directory).map(\.relativePath) == ["r/good.json"])
    }
  }

  @Test func `a build name with glob characters matches only itself`() throws {
    try TemporaryDirectory.with { directory in
      try directory.write("", to: "logs/nightly[1].log")
      try directory.write("", to: "logs/nightly1.log")
      let found = try find("logs/{run}.log", in: directory, run: "nightly[1]")
      #expect(found.map(\.relativePath) == ["logs/nightly[1].log"])
    }
  }

  @Test(arguments: [
    "mochawesome/{run}/{machine}/*.json", "mochawesome/{run}/vm-{machine}/*.json", "mochawesome/*/{machine}/*.json",
    "mochawesome/{run}/*/{machine}.json", "mochawesome/{run}/{machine}/?.json", "xml/{run}/results-{machine}.xml",
    "**/{machine}/*.json", "mochawesome/**/*.json", "/nowhere/{machine}/*.json",
  ])
  func `a walk names each file as matching its path again would`(pattern: String) throws {
    try TemporaryDirectory.with { directory in
      for path in [
        "mochawesome/B-42/vm-1/a.json", "mochawesome/B-42/vm-2/b.json", "mochawesome/B-42/vm-2/.hidden.json",
        "mochawesome/B-41/vm-1/a.json", "mochawesome/B-42/vm-1/deep/c.json", "xml/B-42/results-vm-3.xml",
      ] {
        try directory.write("{}", to: path)
      }
      let compiled = try PathPattern(pattern, run: "B-42", stateDir: "/nonexistent")
      let found = try ArtifactFinder(root: directory.path).find(compiled)
      for artifact in found {
        #expect(artifact.machine == compiled.match(relativePath: artifact.relativePath)?.machine, "\(artifact.path)")
      }
      #expect(compiled.isMatchedByWalk == !pattern.contains("**"))
    }
  }
}
