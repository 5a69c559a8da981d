/// How much of a message is shown, so that it fits a channel's limits without failing the post.
///
/// A message that is too long loses its least important parts first:
/// 1. advice under every failure group but the first;
/// 2. the test lists of the failure groups;
/// 3. machine table rows of machines that did not fail;
/// 4. failure groups, the smallest count first;
/// 5. as a last resort, table rows of failed machines.
/// Whatever was dropped but is not needed for the fit is then put back, most important first,
/// so a message limited by, say, its number of blocks keeps the test lists it has room for.
struct MessageCut: Equatable {
  /// Leading failure groups that show their advice.
  var adviceGroups: Int
  var showsTests: Bool
  var machineRows: Int
  var failureGroups: Int

  /// The largest rendering of `full` or less that `fits`; if even the barest cut does not fit
  /// (a header too long on its own), that barest rendering, for the channel to clip.
  ///
  /// - Parameters:
  ///   - failedMachines: Rows of failed machines, which come first in the table.
  ///   - render: Builds the message for a cut; called a few dozen times at most (binary search),
  ///     so thousands of failure groups stay cheap.
  static func fit<Output>(
    _ full: MessageCut, failedMachines: Int, render: (MessageCut) -> Output, fits: (Output) -> Bool
  ) -> Output {
    let complete = render(full)
    if fits(complete) { return complete }
    var cut = full

    let drops: [(inout MessageCut) -> Void] = [
      { $0.adviceGroups = min($0.adviceGroups, 1) },
      { $0.showsTests = false },
      { $0.machineRows = min($0.machineRows, failedMachines) },
    ]
    var fitted = false
    for drop in drops where !fitted {
      drop(&cut)
      fitted = cut.fits(render, fits)
    }
    if !fitted {
      cut.failureGroups = largest(in: 0...cut.failureGroups) {
        cut.with(\.failureGroups, $0).fits(render, fits)
      }
      fitted = cut.fits(render, fits)
    }
    if !fitted {
      cut.machineRows = largest(in: 0...cut.machineRows) { cut.with(\.machineRows, $0).fits(render, fits) }
      fitted = cut.fits(render, fits)
    }
    guard fitted else { return render(cut) }

    cut.machineRows = largest(in: cut.machineRows...full.machineRows) {
      cut.with(\.machineRows, $0).fits(render, fits)
    }
    if full.showsTests, !cut.showsTests, cut.with(\.showsTests, true).fits(render, fits) {
      cut.showsTests = true
    }
    let adviceLimit = max(cut.adviceGroups, min(full.adviceGroups, cut.failureGroups))
    cut.adviceGroups = largest(in: cut.adviceGroups...adviceLimit) {
      cut.with(\.adviceGroups, $0).fits(render, fits)
    }
    return render(cut)
  }

  /// The largest value in `range` for which `fits` holds, assuming it holds for every smaller
  /// one (fewer parts never make a message longer); the lower bound when it holds for none.
  private static func largest(in range: ClosedRange<Int>, where fits: (Int) -> Bool) -> Int {
    var low = range.lowerBound
    var high = range.upperBound
    while low < high {
      let middle = low + (high - low + 1) / 2
      if fits(middle) { low = middle } else { high = middle - 1 }
    }
    return low
  }

  private func with<Value>(_ keyPath: WritableKeyPath<MessageCut, Value>, _ value: Value) -> MessageCut {
    var copy = self
    copy[keyPath: keyPath] = value
    return copy
  }

  private func fits<Output>(_ render: (MessageCut) -> Output, _ fits: (Output) -> Bool) -> Bool {
    fits(render(self))
  }
}
