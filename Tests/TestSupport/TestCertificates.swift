public import Foundation

/// A private CA and server certificates made with the `openssl` command for one test, as a
/// self-hosted Mattermost's operator would make them: a CA the system does not trust, a
/// certificate for 127.0.0.1 and localhost signed by it, and one for another host name.
public final class TestCertificates: @unchecked Sendable {
  /// One set per test process: making RSA keys costs a noticeable share of a loaded machine,
  /// and no test changes the files.
  public static let shared: Result<TestCertificates, any Error> = Result { try TestCertificates() }

  /// The shared set, or the error that kept it from being made.
  public static func make() throws -> TestCertificates { try shared.get() }

  public let directory: URL
  /// The CA certificate, PEM: what `ca_file` or `CURL_CA_BUNDLE` names.
  public var caFile: String { path("ca.pem") }
  /// A certificate for `127.0.0.1` and `localhost`, and its key.
  public var server: (cert: String, key: String) { (path("server.pem"), path("server.key")) }
  /// A certificate for `other.example` only: the name check must fail against 127.0.0.1.
  public var wrongName: (cert: String, key: String) { (path("other.pem"), path("other.key")) }

  public init() throws {
    directory = FileManager.default.temporaryDirectory.appendingPathComponent("finishline-tls-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    try openssl([
      "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", path("ca.key"), "-out", caFile, "-days", "2",
      "-subj", "/CN=finishline test CA", "-addext", "basicConstraints=critical,CA:TRUE",
      "-addext", "keyUsage=critical,keyCertSign,cRLSign",
    ])
    try issue("server", names: "DNS:localhost,IP:127.0.0.1")
    try issue("other", names: "DNS:other.example")
  }

  deinit {
    try? FileManager.default.removeItem(at: directory)
  }

  private func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

  private func issue(_ name: String, names: String) throws {
    try openssl([
      "req", "-newkey", "rsa:2048", "-nodes", "-keyout", path("\(name).key"), "-out", path("\(name).csr"),
      "-subj", "/CN=\(name)",
    ])
    try "subjectAltName=\(names)\nextendedKeyUsage=serverAuth\n".write(
      toFile: path("\(name).ext"), atomically: true, encoding: .utf8)
    try openssl([
      "x509", "-req", "-in", path("\(name).csr"), "-CA", caFile, "-CAkey", path("ca.key"), "-CAcreateserial",
      "-out", path("\(name).pem"), "-days", "2", "-extfile", path("\(name).ext"),
    ])
  }

  private func openssl(_ arguments: [String]) throws {
    let result = try FinishlineBinary(path: "/usr/bin/openssl").run(arguments)
    guard result.status == 0 else { throw SupportError("openssl \(arguments.first ?? ""): \(result.stderr)") }
  }
}
