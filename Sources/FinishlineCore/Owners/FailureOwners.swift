/// Who owns each failing spec of one scope, and whose owners its messages ping (SPEC §8.2):
/// worked out once per check from CODEOWNERS, the failures and the series' labels, so every
/// channel, the webhook and `explain` say the same.
public struct FailureOwners: Sendable, Equatable {
  /// One failing spec as a report named it, and what CODEOWNERS says of it.
  public struct Spec: Sendable, Equatable {
    public var spec: String
    /// Relative to the repository root; `nil` when the spec lies outside it.
    public var path: String?
    /// The lines that decided (one on GitHub, one per section on GitLab); empty when none matched.
    public var rules: [CodeOwners.Rule]
    public var owners: [String]
  }

  /// The CODEOWNERS file read.
  public var file: String
  /// Every failing spec, in the order failures name them.
  public var specs: [Spec]
  /// The specs whose owners are mentioned (`mention`: new failures', all, or none).
  public var pinged: Set<String>
  public var settings: OwnerSettings

  /// - Parameter labels: the scope's history labels; without them (history off or not
  ///   reached) `mention = "new"` pings every failure's owners, since a ping owed is worse
  ///   lost than repeated.
  public init(
    codeOwners: CodeOwners, failures: [TestFailure], labels: HistoryLabels?, settings: OwnerSettings
  ) {
    file = codeOwners.file
    self.settings = settings
    var seen = Set<String>()
    specs = failures.compactMap(\.spec).filter { seen.insert($0).inserted }.map { spec in
      let path = Self.relative(spec, to: settings.repoRoot)
      let rules = path.map(codeOwners.deciding) ?? []
      return Spec(spec: spec, path: path, rules: rules, owners: path.map(codeOwners.owners) ?? [])
    }
    switch settings.mention {
    case .none: pinged = []
    case .all: pinged = seen
    case .new:
      guard let labels else {
        pinged = seen
        break
      }
      let new = Set(labels.new)
      pinged = Set(
        failures.filter { new.contains(HistoryLabels.historyName($0.displayName)) }.compactMap(\.spec))
    }
  }

  /// The group's owners, each once, in the order its specs name them.
  public func owners(of group: FailureGroup) -> [String] {
    var owners: [String] = []
    for spec in specs where group.specs.contains(spec.spec) {
      for owner in spec.owners where !owners.contains(owner) { owners.append(owner) }
    }
    return owners
  }

  /// "@payments-qa, shop/search": the group's owners as `channel` writes them, mentioned when
  /// one of their specs is pinged and `[owners.handles]` maps them, else as text without `@`
  /// (never a broken ping; mail and webhooks ping nobody, nor does anything when `pinging` is
  /// off); `nil` when the group has no owners.
  public func written(
    _ group: FailureGroup, channel: NotifyTarget.Kind, pinging: Bool = true, escape: (String) -> String = { $0 }
  ) -> String? {
    let owners = owners(of: group)
    guard !owners.isEmpty else { return nil }
    let chat = pinging && (channel == .mattermost || channel == .slack)
    let pingedOwners = Set(
      specs.filter { chat && pinged.contains($0.spec) && group.specs.contains($0.spec) }.flatMap(\.owners))
    return owners.map { owner in
      pingedOwners.contains(owner)
        ? settings.handle(of: owner, channel: channel) ?? escape(OwnerSettings.plain(owner))
        : escape(OwnerSettings.plain(owner))
    }.joined(separator: ", ")
  }

  /// `spec` relative to `root`: an absolute path under it loses the root, a relative one is
  /// taken as relative to it already (`./` dropped), Windows' backslashes are slashes; `nil`
  /// for an absolute path elsewhere.
  static func relative(_ spec: String, to root: String) -> String? {
    var path = spec.replacing("\\", with: "/")
    var prefix = root.replacing("\\", with: "/")
    if !prefix.hasSuffix("/") { prefix += "/" }
    if path.hasPrefix(prefix) { return String(path.dropFirst(prefix.count)) }
    let absolute = path.hasPrefix("/") || (path.count > 2 && path.dropFirst().hasPrefix(":/"))
    guard !absolute else { return nil }
    while path.hasPrefix("./") { path.removeFirst(2) }
    return path.isEmpty ? nil : path
  }
}
