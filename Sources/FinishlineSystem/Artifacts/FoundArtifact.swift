public import FoundationEssentials

/// A file that matched an artifact pattern, with what the snapshot needs to know about it
/// without reading it: who wrote it (the machine), when it last changed (progress) and
/// whether it is the file read before (its identity).
public struct FoundArtifact: Sendable, Equatable {
  /// The absolute path.
  public var path: String
  /// The path relative to the run root; for an absolute pattern, the absolute path.
  public var relativePath: String
  /// What the pattern's `{machine}` captured, if it has one.
  public var machine: String?
  public var modifiedAt: Date
  /// Size, times and inode when it was found, for the parse cache; `nil` when unknown.
  public var identity: FileIdentity?

  public init(
    path: String, relativePath: String, machine: String?, modifiedAt: Date, identity: FileIdentity? = nil
  ) {
    self.identity = identity
    self.path = path
    self.relativePath = relativePath
    self.machine = machine
    self.modifiedAt = modifiedAt
  }
}
