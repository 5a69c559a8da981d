/// Checks a build name before it becomes part of a state file's path.
public enum RunName {
  /// `nil` when usable, else why not.
  public static func problem(with name: String) -> String? {
    if name.isEmpty { return "the run name is empty" }
    if name == "." || name == ".." || name.hasPrefix(".") { return "the run name `\(name)` must not start with '.'" }
    if name.contains("/") || name.contains("\0") { return "the run name `\(name)` must not contain '/'" }
    if name.utf8.count > 200 { return "the run name is longer than 200 bytes" }
    if name.contains(where: \.isNewline) { return "the run name must be one line" }
    return nil
  }
}
