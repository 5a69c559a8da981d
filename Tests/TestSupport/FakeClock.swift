internal import Foundation

/// Runs the binary under libfaketime (Debian's `faketime`), so an end-to-end test lives
/// through `settle` and the other grace windows without sleeping and without a clock seam.
///
/// The `faketime` wrapper is used rather than `LD_PRELOAD` by hand: preloaded without the
/// wrapper's set-up, libfaketime left the Swift binary without its arguments.
public enum FakeClock {
  static let wrapper = "/usr/bin/faketime"

  /// The binary with its wall clock `seconds` ahead of the real one.
  public static func ahead(of binary: FinishlineBinary, by seconds: Int) throws -> FinishlineBinary {
    guard FileManager.default.isExecutableFile(atPath: wrapper) else {
      throw SupportError("faketime is not installed; `apt-get install faketime` (scripts/test does)")
    }
    // NO_FAKE_STAT: files keep their real times, so "quiet since the last change" really grows.
    return FinishlineBinary(
      path: wrapper, leadingArguments: ["-f", "+\(seconds)s", binary.path], fixedEnvironment: ["NO_FAKE_STAT": "1"])
  }
}
