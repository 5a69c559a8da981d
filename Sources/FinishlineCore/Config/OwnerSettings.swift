/// The `[owners]` table (SPEC §8.2): where CODEOWNERS is, what spec paths are relative to,
/// whose owners are pinged and how owners are written in each chat.
public struct OwnerSettings: Sendable, Equatable {
  /// Whose owners a message mentions; the others are written as text.
  public enum MentionMode: String, Sendable, Equatable, CaseIterable {
    /// Owners of failures new since the series' baseline, so a known-red suite does not ping
    /// the same team every night.
    case new
    case all
    case none
  }

  /// The CODEOWNERS file, or a folder to look for it in as GitHub does (`.github/CODEOWNERS`,
  /// `CODEOWNERS`, `docs/CODEOWNERS`, then GitLab's `.gitlab/CODEOWNERS`).
  public var codeowners: String
  /// The repository's root: reports' absolute spec paths under it are made relative to it.
  public var repoRoot: String
  public var mention: MentionMode
  /// `nil`: told from the file (`CodeOwners.parse`).
  public var host: CodeOwnersPattern.Dialect?
  /// CODEOWNERS owner → chat handle, as `[mentions]` maps emails.
  public var handles: [String: MentionHandle]

  public init(
    codeowners: String, repoRoot: String, mention: MentionMode = .new, host: CodeOwnersPattern.Dialect? = nil,
    handles: [String: MentionHandle] = [:]
  ) {
    self.codeowners = codeowners
    self.repoRoot = repoRoot
    self.mention = mention
    self.host = host
    self.handles = handles
  }

  /// The chat mention of `owner` for `channel`, or `nil` when `[owners.handles]` has none.
  /// Owners match without case, as GitHub and GitLab compare user, team and email names.
  public func handle(of owner: String, channel: NotifyTarget.Kind?) -> String? {
    let key = owner.lowercased()
    return handles.sorted { $0.key < $1.key }.first { $0.key.lowercased() == key }?.value.mention(for: channel)
  }

  /// An owner as text that pings nobody: without its leading `@`s (`shop/payments`).
  public static func plain(_ owner: String) -> String {
    String(owner.drop { $0 == "@" })
  }

  /// The repository root when `repo_root` is not set: the folder given as `codeowners`, or the
  /// folder holding the file (above its `.github`, `docs` or `.gitlab` folder).
  static func defaultRoot(of codeowners: String) -> String {
    guard codeowners.hasSuffix("CODEOWNERS") else { return codeowners }
    var folder = ConfigurationLoader.directory(of: codeowners)
    for known in ["/.github", "/docs", "/.gitlab"] where folder.hasSuffix(known) {
      folder = String(folder.dropLast(known.count))
    }
    return folder.isEmpty ? "/" : folder
  }
}

extension ConfigurationLoader {
  static func owners(_ table: TOMLTableReader, history: HistorySettings, base: String) throws(ConfigError)
    -> OwnerSettings
  {
    try table.rejectUnknownKeys(known: ["codeowners", "repo_root", "mention", "host", "handles"])
    guard let written = try table.string("codeowners") else {
      throw .missingKey(file: table.file, key: "owners.codeowners")
    }
    let codeowners = resolve(written, against: base)
    var settings = OwnerSettings(
      codeowners: codeowners,
      repoRoot: try table.string("repo_root").map { resolve($0, against: base) }
        ?? OwnerSettings.defaultRoot(of: codeowners),
      mention: history.enabled ? .new : .all)
    if let mention = try table.string("mention") {
      guard let mode = OwnerSettings.MentionMode(rawValue: mention) else {
        throw table.invalid("mention", "`\(mention)` is not one of new, all, none")
      }
      guard mode != .new || history.enabled else {
        throw table.invalid("mention", "`new` needs the series' history, and [history] enabled = false")
      }
      settings.mention = mode
    }
    if let host = try table.string("host"), host != "auto" {
      guard let dialect = CodeOwnersPattern.Dialect(rawValue: host) else {
        throw table.invalid("host", "`\(host)` is not one of auto, github, gitlab")
      }
      settings.host = dialect
    }
    settings.handles = try table.table("handles").map(mentions) ?? [:]
    return settings
  }
}
