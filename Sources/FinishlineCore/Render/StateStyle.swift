/// How each state looks in chat: an emoji and a colour people learn to read at a glance.
public enum StateStyle {
  public static func emoji(_ state: RunState) -> String {
    switch state {
    case .completed: ":white_check_mark:"
    case .failed: ":x:"
    case .running: ":hourglass_flowing_sand:"
    case .cancelled: ":no_entry_sign:"
    case .terminated: ":skull:"
    case .hung: ":warning:"
    case .unknown: ":grey_question:"
    }
  }

  /// Hex colour for attachments and the status page.
  public static func color(_ state: RunState) -> String {
    switch state {
    case .completed: "#2e7d32"
    case .failed: "#c62828"
    case .running: "#1565c0"
    case .cancelled: "#757575"
    case .terminated: "#6a1b9a"
    case .hung: "#ef6c00"
    case .unknown: "#9e9e9e"
    }
  }
}
