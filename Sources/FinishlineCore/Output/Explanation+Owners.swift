extension Explanation {
  /// Per failing spec, who owns it and the CODEOWNERS line that says so (SPEC §8.2), and
  /// whether its owners are mentioned, so a missing or unexpected ping can be traced.
  static func owners(_ scope: EvaluatedScope) -> String {
    guard let owners = scope.message?.owners else { return "" }
    let settings = owners.settings
    var lines = [
      "", "owners: \(owners.file), repo_root \(settings.repoRoot), mention = \(settings.mention.rawValue)",
    ]
    for spec in owners.specs {
      lines.append("  \(spec.spec): \(ownership(of: spec, pinged: owners.pinged.contains(spec.spec)))")
    }
    return "\n" + lines.joined(separator: "\n")
  }

  static func ownership(of spec: FailureOwners.Spec, pinged: Bool) -> String {
    guard let path = spec.path else { return "outside repo_root, so no owner" }
    guard !spec.rules.isEmpty else { return "no line of CODEOWNERS matches \(path)" }
    let lines = spec.rules.map { rule in
      "line \(rule.line)" + (rule.section.map { " [\($0)]" } ?? "") + ": `\(rule.text)`"
    }
    let who = spec.owners.isEmpty ? "unowned" : spec.owners.joined(separator: ", ")
    let mention = spec.owners.isEmpty ? "" : pinged ? " · mentioned" : " · not mentioned"
    return "\(who) (\(lines.joined(separator: "; ")))\(mention)"
  }
}
