// The fuzz harness of `InputSurface`. `scripts/fuzz` builds it with libFuzzer
// (`-sanitize=fuzzer,address -D FUZZING`), runs libFuzzer's driver and picks the surface with
// FINISHLINE_FUZZ_TARGET. Built normally, it replays files instead:
// `finishline-fuzz SURFACE FILE...` reads each file as that surface, so a crashing input can
// be run again under a debugger.
import FinishlineSystem

#if FUZZING
  import CFuzzer
  import Glibc

  /// libFuzzer's driver with this harness's callback; it parses libFuzzer's own flags.
  @main
  enum Fuzz {
    static func main() {
      if getenv("FINISHLINE_FUZZ_LIST") != nil {
        for surface in InputSurface.allCases { print(surface.rawValue) }
        exit(0)
      }
      var argc = CommandLine.argc
      var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
      exit(
        LLVMFuzzerRunDriver(&argc, &argv) { data, size in
          guard let data else { return 0 }
          surface.read(Array(UnsafeBufferPointer(start: data, count: size)))
          return 0
        })
    }
  }

  let surface: InputSurface = {
    guard let name = getenv("FINISHLINE_FUZZ_TARGET").map({ String(cString: $0) }),
      let surface = InputSurface(rawValue: name)
    else {
      fatalError("set FINISHLINE_FUZZ_TARGET to one of \(InputSurface.allCases.map(\.rawValue))")
    }
    return surface
  }()
#else
  import FoundationEssentials
  import Glibc

  @main
  enum Replay {
    static func main() {
      let arguments = CommandLine.arguments.dropFirst()
      guard let name = arguments.first, let surface = InputSurface(rawValue: name) else {
        print("usage: finishline-fuzz SURFACE FILE...  (SURFACE: \(InputSurface.allCases.map(\.rawValue)))")
        exit(64)
      }
      for path in arguments.dropFirst() {
        guard let data = FileManager.default.contents(atPath: path) else {
          print("cannot read \(path)")
          exit(66)
        }
        surface.read(Array(data))
        print("\(path): read as \(name) without a crash")
      }
    }
  }
#endif
