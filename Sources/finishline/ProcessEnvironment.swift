import Glibc

/// The process environment as a dictionary (the library never reads it directly).
enum ProcessEnvironment {
  /// Read once: nothing in finishline changes its own environment, and a check asks for it
  /// several times (configuration, log format, CA bundle, CI context).
  static let current: [String: String] = {
    var result: [String: String] = [:]
    var cursor = environ
    while let entry = cursor.pointee {
      let pair = String(cString: entry)
      if let equals = pair.firstIndex(of: "=") {
        result[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
      }
      cursor += 1
    }
    return result
  }()
}
