import Foundation

/// A running `scripts/webhook-sink`: a real HTTP server on 127.0.0.1 that records what it
/// receives and answers as scripted, so transport and end-to-end tests exercise real sockets.
///
/// ```swift
/// let sink = try WebhookSink.start(script: "500,200")
/// defer { sink.stop() }
/// // ... post to sink.url(path: "/hook") ...
/// let received = try sink.requests()
/// ```
public final class WebhookSink: @unchecked Sendable {
  /// One request as the sink logged it.
  public struct Request: Decodable, Equatable, Sendable {
    public var path: String
    public var headers: [String: String]
    public var body: String

    /// The value of a header, matched without regard to case as HTTP does.
    public func header(_ name: String) -> String? {
      headers.first { $0.key.lowercased() == name.lowercased() }?.value
    }
  }

  public enum Failure: Error, CustomStringConvertible {
    case didNotStart(String)
    case tooFewRequests(expected: Int, received: Int)

    public var description: String {
      switch self {
      case .didNotStart(let reason): "webhook-sink did not start: \(reason)"
      case .tooFewRequests(let expected, let received):
        "webhook-sink logged \(received) request(s), expected at least \(expected)"
      }
    }
  }

  /// The port the sink listens on.
  public let port: Int
  private let process: ChildProcess
  private let directory: URL
  private var logFile: URL { Self.logFile(in: directory) }

  /// Polling bounds: 200 × 25 ms, so a sink that never comes up fails the test in 5 s.
  private static let pollAttempts = 200
  private static let pollInterval: UInt32 = 25_000

  private init(port: Int, process: ChildProcess, directory: URL) {
    self.port = port
    self.process = process
    self.directory = directory
  }

  /// Starts a sink answering with `script` (see `scripts/webhook-sink`), and returns once it
  /// accepts connections.
  /// - Parameter port: 0 for any free port, or a port to listen on (to come up where a
  ///   client earlier found nothing listening).
  public static func start(script: String = "200", port: Int = 0) throws -> WebhookSink {
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("webhook-sink-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let portFile = directory.appendingPathComponent("port")
    // Named explicitly: the python3 first on PATH may not be the system one.
    let process = try ChildProcess.spawn(
      "/usr/bin/python3",
      [try scriptPath(), "--port-file", portFile.path, "--log", logFile(in: directory).path, "--script", script, "--port", String(port)])
    for _ in 0..<pollAttempts {
      if let text = try? String(contentsOf: portFile, encoding: .utf8), let port = Int(text) {
        return WebhookSink(port: port, process: process, directory: directory)
      }
      guard process.isRunning else {
        try? FileManager.default.removeItem(at: directory)
        throw Failure.didNotStart("exited with status \(process.wait())")
      }
      usleep(pollInterval)
    }
    process.stop()
    try? FileManager.default.removeItem(at: directory)
    throw Failure.didNotStart("no port file after 5 s")
  }

  /// An `http://127.0.0.1:PORT/...` URL on this sink.
  public func url(path: String = "/hook") -> String {
    "http://127.0.0.1:\(port)\(path.hasPrefix("/") ? path : "/" + path)"
  }

  /// The requests logged so far, oldest first. With `atLeast`, waits (boundedly) for that many,
  /// for answers such as `hang` where the client may finish before the sink's log write.
  public func requests(atLeast minimum: Int = 0) throws -> [Request] {
    var received = try readLog()
    var attempts = 0
    while received.count < minimum && attempts < Self.pollAttempts {
      usleep(Self.pollInterval)
      received = try readLog()
      attempts += 1
    }
    guard received.count >= minimum else {
      throw Failure.tooFewRequests(expected: minimum, received: received.count)
    }
    return received
  }

  /// Stops the sink and removes its files; safe to call more than once. A sink that ignores
  /// SIGTERM for 5 s is killed, so a broken sink cannot hang the test run.
  public func stop() {
    process.signal(SIGTERM)
    var attempts = 0
    while process.isRunning && attempts < Self.pollAttempts {
      usleep(Self.pollInterval)
      attempts += 1
    }
    process.stop()
    try? FileManager.default.removeItem(at: directory)
  }

  private static func logFile(in directory: URL) -> URL {
    directory.appendingPathComponent("requests.jsonl")
  }

  private func readLog() throws -> [Request] {
    guard FileManager.default.fileExists(atPath: logFile.path) else { return [] }
    let decoder = JSONDecoder()
    return try String(contentsOf: logFile, encoding: .utf8)
      .split(separator: "\n")
      .map { try decoder.decode(Request.self, from: Data($0.utf8)) }
  }

  /// `scripts/webhook-sink`, found by walking up from this file to the package root.
  private static func scriptPath(from file: String = #filePath) throws -> String {
    var directory = URL(fileURLWithPath: file).deletingLastPathComponent()
    while directory.path != "/" {
      let manifest = directory.appendingPathComponent("Package.swift")
      if FileManager.default.fileExists(atPath: manifest.path) {
        return directory.appendingPathComponent("scripts/webhook-sink").path
      }
      directory.deleteLastPathComponent()
    }
    throw Failure.didNotStart("no Package.swift above \(file)")
  }
}
