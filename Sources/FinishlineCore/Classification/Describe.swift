/// Small phrase builders so every reason names the evidence the same way.
enum Describe {
  /// "vm-03, vm-07" (capped, so a reason stays one readable line).
  static func names(_ machines: [MachineEvidence], limit: Int = 6) -> String {
    machines.map(\.name).listed(limit: limit)
  }

  /// "vm-03 still RUNNING, vm-07 still NOT STARTED", grouped by status.
  static func machines(_ machines: [MachineEvidence], _ adverb: String) -> String {
    var byStatus: [String: [MachineEvidence]] = [:]
    for machine in machines { byStatus[machine.status?.status.rawValue ?? "silent", default: []].append(machine) }
    return byStatus.keys.sorted().map { status in
      "\(names(byStatus[status] ?? [])) \(adverb) \(status)"
    }.joined(separator: ", ")
  }

  static func pids(_ runners: [RunnerProcess]) -> String {
    let pids = runners.map { String($0.pid) }
    return (runners.count == 1 ? "pid " : "pids ") + pids.prefix(5).joined(separator: ", ")
      + (pids.count > 5 ? " and \(pids.count - 5) more" : "")
  }
}
