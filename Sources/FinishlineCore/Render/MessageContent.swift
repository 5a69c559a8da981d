/// What a final-status message says, worked out once so that every channel says the same
/// thing and only the formatting differs.
struct MessageContent {
  /// Rows the machine table shows before "… and N more machines".
  static let machineLimit = 20
  /// Machine names listed under a failure group before "and N more".
  static let machineNameLimit = 10
  /// Tests named under a failure group, and flaky tests named, before "and N more".
  static let testNameLimit = 5
  /// Unicode scalars of a group's example message shown; the rest is rarely read and would
  /// crowd out other groups.
  static let exampleLimit = 1_000

  let context: MessageContext
  /// Failed machines first, then by name, so a capped table still shows the failures.
  let machines: [MachineEvidence]
  let failedMachineCount: Int
  let groups: [FailureGroup]
  /// The advice under each group, in the order of `groups`.
  let advice: [[String]]

  init(_ context: MessageContext) {
    self.context = context
    machines = context.snapshot.machines.sorted {
      ($0.failed ? 0 : 1, $0.name) < ($1.failed ? 0 : 1, $1.name)
    }
    failedMachineCount = machines.count { $0.failed }
    groups = FailureGrouping.groups(context.snapshot.failures)
    let matcher = AdviceMatcher(rules: context.advice, state: context.verdict.state)
    advice = groups.map(matcher.advice(for:))
  }

  /// A one-machine run needs no machine table, and no "1 of 1 machine".
  var showsMachines: Bool { machines.count > 1 }

  /// Everything shown, within the display caps.
  var fullCut: MessageCut {
    MessageCut(
      adviceGroups: groups.count, showsTests: true,
      machineRows: showsMachines ? min(machines.count, Self.machineLimit) : 0, failureGroups: groups.count)
  }

  var state: RunState { context.verdict.state }

  /// The build name: the run's, followed by the group for a sub-run (`BUILD-42 billing`).
  var name: String {
    guard let group = context.group else { return context.scope }
    return "\(context.run) \(group)"
  }

  /// "FAILED BUILD-42 — billing, group 2 of 3", or "FAILED BUILD-42" for a plain run.
  /// Alerts say so first: they ask an operator to look, they are not a final status.
  var title: String {
    let state = context.kind == .alert ? "NEEDS ATTENTION: \(state)" : "\(state)"
    guard let group = context.group else { return "\(state) \(context.scope)" }
    guard let position = context.groupPosition else { return "\(state) \(context.run) — \(group)" }
    return "\(state) \(context.run) — \(group), group \(position.index) of \(position.count)"
  }

  /// "116 passed", "3 failed", "1 pending", "0 skipped", and "2 flaky" when some were.
  var testCounts: [String] {
    let counts = context.snapshot.counts
    return [
      "\(counts.passed.groupedDigits) passed", "\(counts.failed.groupedDigits) failed",
      "\(counts.pending.groupedDigits) pending", "\(counts.skipped.groupedDigits) skipped",
    ] + (counts.flaky > 0 ? ["\(counts.flaky.groupedDigits) flaky"] : [])
  }

  /// "2 of 5 failed", after a "Machines" label; `nil` for a one-machine run.
  var machineSummary: String? {
    guard showsMachines else { return nil }
    return "\(failedMachineCount.groupedDigits) of \(machines.count.groupedDigits) failed"
  }

  /// One line per failed hook: which hook, where, what it kept from running, and why. Hooks
  /// are not tests, so they are not in the counts; these lines say why the run failed anyway.
  var hookLines: [String] {
    context.snapshot.failedHooks.map { machine, hook in
      let skipped = hook.skippedTests > 0 ? ", \(hook.skippedTests.counted("test")) skipped" : ""
      let place = showsMachines ? " on \(machine)" : ""
      return "Failed hook \(hook.displayName)\(place)\(skipped): \(Self.clip(hook.message, to: Self.hookMessageLimit))"
    }
  }

  /// Unicode scalars of a failed hook's message shown on its line.
  static let hookMessageLimit = 300

  /// "Flaky (passed on retry): login.cy.js › logs in, …", or `nil` when no test was flaky.
  var flakyLine: String? {
    let names = context.snapshot.machines.flatMap(\.flakyTests)
    guard !names.isEmpty else { return nil }
    return "Flaky (passed on retry): " + names.listed(limit: Self.testNameLimit)
  }

  /// The lines under the counts that every channel shows: an alert's advice to the operator,
  /// failed hooks, then flaky tests.
  var noticeLines: [String] { context.actions + hookLines + (flakyLine.map { [$0] } ?? []) }

  /// "12m4s", or `nil` when no report states a run time.
  var duration: String? { context.duration.map(Interval.describe) }

  /// "PASSED", "FAILED", or the machine's last status when it is neither.
  func status(of machine: MachineEvidence) -> String {
    machine.failed ? "FAILED" : (machine.status?.status.rawValue ?? "PASSED")
  }

  /// The machine table's header.
  static let machineColumns = ["Machine", "Status", "Passed", "Failed", "Pending", "Skipped"]

  /// One machine's row of the machine table.
  func cells(of machine: MachineEvidence) -> [String] {
    let counts = machine.counts
    return [
      machine.name, status(of: machine), counts.passed.groupedDigits, counts.failed.groupedDigits,
      counts.pending.groupedDigits, counts.skipped.groupedDigits,
    ]
  }

  /// The machine table as aligned plain-text lines, header first, for channels without tables.
  func machineTable(rows: Int) -> [String] {
    // Names and statuses read left-aligned, numbers right-aligned.
    Columns.align([Self.machineColumns] + machines.prefix(rows).map(cells(of:)), rightAligned: 2...)
      .map { String($0.trimmingTrailingWhitespace) }
  }

  /// "… and 40 more machines" under a table of `rows` rows, or `nil` when every machine is shown.
  func moreMachines(rows: Int) -> String? {
    let hidden = machines.count - rows
    return hidden > 0 ? "… and \(hidden.counted("more machine"))" : nil
  }

  /// "4 failures".
  func failureCount(of group: FailureGroup) -> String { group.count.counted("failure") }

  /// " on vm-02, vm-04" or " on vm-01, vm-02, … vm-10 and 50 more"; empty for a one-machine run.
  func machinePlace(of group: FailureGroup) -> String {
    showsMachines ? " on " + group.machines.listed(limit: Self.machineNameLimit) : ""
  }

  /// The group's tests, or `nil` when they are not shown.
  func testList(of group: FailureGroup, in cut: MessageCut) -> String? {
    guard cut.showsTests, !group.tests.isEmpty else { return nil }
    return group.tests.listed(limit: Self.testNameLimit)
  }

  /// The advice under the group at `index` in this cut.
  func advice(at index: Int, in cut: MessageCut) -> [String] {
    index < cut.adviceGroups ? advice[index] : []
  }

  /// The group's example message, cut to `exampleLimit`.
  func example(of group: FailureGroup) -> String {
    if group.message.isEmpty { return "(no message)" }
    return Self.clip(group.message, to: Self.exampleLimit)
  }

  /// "… 2,980 more failure groups and 40 machines not shown" when the cut had to leave things
  /// out to fit; `nil` when it did not (display caps alone say so where they apply).
  func omissions(in cut: MessageCut) -> String? {
    guard cut != fullCut else { return nil }
    var parts: [String] = []
    let hiddenGroups = groups.count - cut.failureGroups
    if hiddenGroups > 0 {
      parts.append(hiddenGroups.counted(cut.failureGroups > 0 ? "more failure group" : "failure group"))
    }
    let hiddenMachines = showsMachines ? machines.count - cut.machineRows : 0
    if hiddenMachines > 0 { parts.append(hiddenMachines.counted("machine")) }
    let shown = 0..<cut.failureGroups
    let hiddenAdvice = shown.count { $0 >= cut.adviceGroups && !advice[$0].isEmpty }
    if hiddenAdvice > 0 { parts.append("advice for \(hiddenAdvice.counted("group"))") }
    if !cut.showsTests, groups[shown].contains(where: { !$0.tests.isEmpty }) { parts.append("test lists") }
    guard let last = parts.popLast() else { return nil }
    let list = parts.isEmpty ? last : parts.joined(separator: ", ") + " and " + last
    return "… \(list) not shown"
  }

  /// `text` cut to `limit` Unicode scalars, ending in "…" when something was cut.
  static func clip(_ text: String, to limit: Int) -> String {
    guard text.unicodeScalars.count > limit else { return text }
    guard limit > 0 else { return "" }
    var kept = String.UnicodeScalarView()
    kept.append(contentsOf: text.unicodeScalars.prefix(max(0, limit - 1)))
    return String(kept) + "…"
  }
}

extension MessageContent {
  /// The line under the headline that says what changed since the series' last run; `nil`
  /// with history off and on alerts.
  var historyLine: String? {
    guard context.kind == .final, let history = context.history else { return nil }
    return history.labels.summary(series: history.series)
  }

  /// " · owners: @payments-qa, shop/search": who owns the group's specs, pinged in a chat
  /// where `mention` and `[owners.handles]` say so; plain names (through `escape`) otherwise,
  /// and always on an operator alert, which is for whoever watches the runs.
  func ownersTag(of group: FailureGroup, channel: NotifyTarget.Kind, escape: (String) -> String = { $0 }) -> String {
    guard
      let owners = context.owners?.written(group, channel: channel, pinging: context.kind == .final, escape: escape)
    else { return "" }
    return " · owners: \(owners)"
  }

  /// " · new", " · failing since nightly-398 (14 runs)": the group's place in the history.
  func historyTag(of group: FailureGroup) -> String {
    guard context.kind == .final, let tag = context.history?.labels.tag(for: group.tests) else { return "" }
    return " · \(tag)"
  }
}
