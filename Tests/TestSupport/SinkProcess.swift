import Foundation

/// A scripted local server from `scripts/` (`webhook-sink`, `smtp-sink`) running as a child
/// process: the start-up handshake through a port file, the JSON-lines log it keeps, and a stop
/// that cannot hang. Both sinks share this, so they start, read and stop the same way.
struct SinkProcess: Sendable {
  /// The port the server listens on, on 127.0.0.1.
  let port: Int
  private let process: ChildProcess
  private let directory: URL
  private var logFile: URL { Self.logFile(in: directory) }

  /// Polling bounds: 200 × 25 ms, so a sink that never comes up (or never logs) fails in 5 s.
  private static let pollAttempts = 200
  private static let pollInterval: UInt32 = 25_000

  private init(port: Int, process: ChildProcess, directory: URL) {
    self.port = port
    self.process = process
    self.directory = directory
  }

  /// Starts `scripts/<name>` with `--script script`, and returns once it accepts connections.
  static func start(_ name: String, script: String, port: Int = 0, extra: [String] = []) throws -> SinkProcess {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "\(name)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let portFile = directory.appendingPathComponent("port")
    let scriptPath = RepositoryPaths.root.appendingPathComponent("scripts/\(name)").path
    // Named explicitly: the python3 first on PATH may not be the system one with aiosmtpd.
    let process = try ChildProcess.spawn(
      "/usr/bin/python3",
      [
        scriptPath, "--port-file", portFile.path, "--log", logFile(in: directory).path, "--script", script,
        "--port", String(port),
      ] + extra,
      stderrPath: directory.appendingPathComponent("stderr").path)
    for _ in 0..<pollAttempts {
      if let text = try? String(contentsOf: portFile, encoding: .utf8), let port = Int(text) {
        return SinkProcess(port: port, process: process, directory: directory)
      }
      guard process.isRunning else {
        let stderr =
          (try? String(contentsOf: directory.appendingPathComponent("stderr"), encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(at: directory)
        throw SinkFailure.didNotStart(name, "exited with status \(process.wait()): \(stderr)")
      }
      usleep(pollInterval)
    }
    process.stop()
    try? FileManager.default.removeItem(at: directory)
    throw SinkFailure.didNotStart(name, "no port file after 5 s")
  }

  /// The records logged so far, oldest first. With `atLeast`, waits (boundedly) for that many,
  /// for answers such as `hang` where the client may finish before the sink's log write.
  func records<Record: Decodable>(_ type: Record.Type, atLeast minimum: Int) throws -> [Record] {
    var received: [Record] = try readLog()
    var attempts = 0
    while received.count < minimum && attempts < Self.pollAttempts {
      usleep(Self.pollInterval)
      received = try readLog()
      attempts += 1
    }
    guard received.count >= minimum else {
      throw SinkFailure.tooFewRecords(expected: minimum, received: received.count)
    }
    return received
  }

  /// Stops the sink and removes its files; safe to call more than once. A sink that ignores
  /// SIGTERM for 5 s is killed, so a broken sink cannot hang the test run.
  func stop() {
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
    directory.appendingPathComponent("log.jsonl")
  }

  private func readLog<Record: Decodable>() throws -> [Record] {
    guard FileManager.default.fileExists(atPath: logFile.path) else { return [] }
    let decoder = JSONDecoder()
    return try String(contentsOf: logFile, encoding: .utf8)
      .split(separator: "\n")
      .map { try decoder.decode(Record.self, from: Data($0.utf8)) }
  }
}

/// Why a sink could not be used.
public enum SinkFailure: Error, CustomStringConvertible {
  case didNotStart(String, String)
  case tooFewRecords(expected: Int, received: Int)

  public var description: String {
    switch self {
    case .didNotStart(let name, let reason): "\(name) did not start: \(reason)"
    case .tooFewRecords(let expected, let received):
      "the sink logged \(received) record(s), expected at least \(expected)"
    }
  }
}
