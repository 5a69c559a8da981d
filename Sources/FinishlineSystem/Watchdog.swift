internal import Glibc

/// The invocation's hard deadline as a last resort: if anything blocks past it (a hung
/// file system, a stuck lock), the process exits rather than hanging its timer.
///
/// Network calls already have their own timeouts within the deadline; this only fires when
/// something else blocks. A send interrupted here left an intent record, so the next
/// invocation treats it as ambiguous instead of resending blindly.
public enum Watchdog {
  public static func arm(seconds: Double, grace: Double = 5) {
    signal(SIGALRM, watchdogFired)
    alarm(UInt32((seconds + grace).rounded(.up)))
  }
}

private func watchdogFired(_ signal: Int32) {
  // Only async-signal-safe work here: a static string and write(2).
  let message: StaticString =
    "level=error event=deadline-exceeded reason=\"invocation exceeded its --deadline; exiting\"\n"
  _ = write(2, message.utf8Start, message.utf8CodeUnitCount)
  _exit(70)
}
