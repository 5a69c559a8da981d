internal import Synchronization

/// Whether this invocation has let a request go out, so that losing the state database
/// afterwards is never reported as "nothing was posted" (SPEC §7).
final class RequestsSent: Sendable {
  private let count = Atomic<Int>(0)

  /// Called once an attempt's intent is recorded, right before its request is sent.
  func record() {
    count.add(1, ordering: .relaxed)
  }

  var any: Bool { count.load(ordering: .relaxed) > 0 }
}
