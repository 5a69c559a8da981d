/// Escaping for text put into HTML, in element content and in quoted attribute values alike.
public enum HTMLText {
  /// Escapes the five characters that could end a text run or an attribute value, so run
  /// names, reasons and targets are shown as written and can never become markup.
  public static func escape(_ text: String) -> String {
    var escaped = ""
    escaped.reserveCapacity(text.utf8.count)
    for character in text {
      switch character {
      case "&": escaped += "&amp;"
      case "<": escaped += "&lt;"
      case ">": escaped += "&gt;"
      case "\"": escaped += "&quot;"
      case "'": escaped += "&#39;"
      default: escaped.append(character)
      }
    }
    return escaped
  }
}
