internal import Dispatch

/// `map` over independent, CPU-bound work (parsing report files) on every core.
enum ParallelMap {
  /// The results in the order of `items`; `transform` must not touch shared mutable state.
  static func map<Item: Sendable, Result: Sendable>(
    _ items: [Item], _ transform: @Sendable (Item) -> Result
  ) -> [Result] {
    guard items.count > 1 else { return items.map(transform) }
    let slots = UnsafeMutableBufferPointer<Result?>.allocate(capacity: items.count)
    slots.initialize(repeating: nil)
    defer {
      slots.deinitialize()
      slots.deallocate()
    }
    // Each iteration writes its own slot only.
    nonisolated(unsafe) let output = slots
    DispatchQueue.concurrentPerform(iterations: items.count) { index in output[index] = transform(items[index]) }
    return slots.compactMap { $0 }
  }
}
