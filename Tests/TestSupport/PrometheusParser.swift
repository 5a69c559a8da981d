import Foundation

/// Reads a Prometheus textfile with `scripts/parse-metrics` (the prometheus_client library's
/// parser), so tests judge finishline's metrics by a real reader of the format, not by our own.
public enum PrometheusParser {
  /// A metric family as prometheus_client understood it; a counter's name has no `_total`.
  public struct Family: Decodable, Sendable {
    public var name: String
    public var type: String
    public var help: String
    public var samples: [Sample]
  }

  public struct Sample: Decodable, Sendable, Equatable {
    public var name: String
    public var labels: [String: String]
    public var value: Double
  }

  /// Parses `path`; throws with the parser's complaint when it rejects the file.
  public static func parse(_ path: String) throws -> [Family] {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "parse-metrics-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let stdout = directory.appendingPathComponent("stdout")
    let stderr = directory.appendingPathComponent("stderr")
    // Named explicitly: Debian's python3-prometheus-client belongs to the system interpreter.
    let parser = try ChildProcess.spawn(
      "/usr/bin/python3", [RepositoryPaths.root.appendingPathComponent("scripts/parse-metrics").path, path],
      stdoutPath: stdout.path, stderrPath: stderr.path)
    let status = parser.wait()
    guard status == 0 else {
      let complaint = (try? String(contentsOf: stderr, encoding: .utf8)) ?? ""
      throw SupportError("scripts/parse-metrics exited \(status): \(complaint)")
    }
    return try JSONDecoder().decode([Family].self, from: Data(contentsOf: stdout))
  }

  /// The value of the sample named `name` with exactly `labels`, if the file has it.
  public static func value(_ families: [Family], _ name: String, _ labels: [String: String] = [:]) -> Double? {
    families.lazy.flatMap(\.samples).first { $0.name == name && $0.labels == labels }?.value
  }
}
