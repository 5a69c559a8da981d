/// The Prometheus text exposition format, version 0.0.4, which node_exporter's textfile
/// collector reads: `# HELP` and `# TYPE` lines, then one `name{labels} value` line per sample.
///
/// Rendering is deterministic (families in the order given, samples sorted by their labels),
/// so a file that did not change in meaning does not change in bytes.
public enum PrometheusText {
  /// The two metric types finishline exposes.
  public enum MetricType: String, Sendable {
    /// Only ever goes up (restarting from zero is a reset Prometheus' `rate()` understands).
    case counter
    /// Set to the latest value on every write.
    case gauge
  }

  /// One metric name with its help text, type and samples.
  public struct Family: Sendable, Equatable {
    /// The full metric name as it appears on sample lines (a counter's ends in `_total`).
    public var name: String
    public var help: String
    public var type: MetricType
    public var samples: [Sample]

    public init(name: String, help: String, type: MetricType, samples: [Sample]) {
      self.name = name
      self.help = help
      self.type = type
      self.samples = samples
    }
  }

  /// One value of a family, told apart from its siblings by its labels.
  public struct Sample: Sendable, Equatable {
    /// Label names and values, in the order they are written.
    public var labels: [Label]
    public var value: Double

    public init(labels: [Label] = [], value: Double) {
      self.labels = labels
      self.value = value
    }
  }

  /// A label name (a constant chosen by finishline) and its value (any text).
  public struct Label: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
      self.name = name
      self.value = value
    }
  }

  /// The exposition text, ending with a newline as the format requires. Families without
  /// samples are left out: a `# TYPE` line with nothing under it says nothing.
  public static func render(_ families: [Family]) -> String {
    var lines: [String] = []
    for family in families where !family.samples.isEmpty {
      lines.append("# HELP \(family.name) \(escapeHelp(family.help))")
      lines.append("# TYPE \(family.name) \(family.type.rawValue)")
      let sorted = family.samples.sorted {
        $0.labels.map(\.value).lexicographicallyPrecedes($1.labels.map(\.value))
      }
      for sample in sorted {
        let pairs = sample.labels.map { "\($0.name)=\"\(escapeLabel($0.value))\"" }
        let labels = pairs.isEmpty ? "" : "{" + pairs.joined(separator: ",") + "}"
        lines.append("\(family.name)\(labels) \(format(sample.value))")
      }
    }
    return lines.map { $0 + "\n" }.joined()
  }

  /// Label values escape backslash, double quote and line feed; nothing else is special.
  static func escapeLabel(_ value: String) -> String {
    var escaped = ""
    for character in value {
      switch character {
      case "\\": escaped += "\\\\"
      case "\"": escaped += "\\\""
      case "\n": escaped += "\\n"
      default: escaped.append(character)
      }
    }
    return escaped
  }

  /// Help text escapes backslash and line feed (a quote is literal there).
  static func escapeHelp(_ text: String) -> String {
    text.replacing("\\", with: "\\\\").replacing("\n", with: "\\n")
  }

  /// Whole numbers without a fraction (counters read `3`, not `3.0`), and the format's
  /// spellings of the non-finite values, which differ from Swift's.
  static func format(_ value: Double) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value < 0 ? "-Inf" : "+Inf" }
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return "\(value)"
  }
}
