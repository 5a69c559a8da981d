import FinishlineCore
import FinishlineSystem
import Foundation
import TestSupport
import Testing

/// Every input the fuzzers were seeded with (`Fuzz/seeds`) or found crashing
/// (`Fuzz/regressions`, kept by `scripts/fuzz`) is read again by its surface on every run, so a
/// crash once found stays fixed.
@Suite("fuzz regressions")
struct InputSurfaceTests {
  static func inputs(_ kind: String) -> [(InputSurface, String)] {
    let base = RepositoryPaths.root.appendingPathComponent("Fuzz/\(kind)")
    return InputSurface.allCases.flatMap { surface in
      let directory = base.appendingPathComponent(surface.rawValue)
      let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
      return names.sorted().map { (surface, directory.appendingPathComponent($0).path) }
    }
  }

  @Test func `the kept inputs are there to replay`() {
    #expect(!Self.inputs("regressions").isEmpty, "Fuzz/regressions is missing or empty")
    #expect(!Self.inputs("seeds").isEmpty, "Fuzz/seeds is missing or empty")
  }

  @Test(arguments: inputs("regressions") + inputs("seeds"))
  func `a kept input is read without a crash`(surface: InputSurface, path: String) throws {
    surface.read(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
  }

  @Test func `the crash fuzzing found in the TOML parser is an error with a position`() throws {
    let path = RepositoryPaths.root.appendingPathComponent("Fuzz/regressions/toml/non-ascii-bare-key.toml").path
    #expect(throws: ConfigError.self) {
      try ConfigurationSource.load(path: path, envFile: nil, flags: ConfigOverrides(), environment: [:])
    }
  }
}
