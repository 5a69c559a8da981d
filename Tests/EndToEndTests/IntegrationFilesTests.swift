import Foundation
import TestSupport
import Testing

/// The files operators install: systemd units, the watch helper, the Jenkins post step.
@Suite("integration files", .timeLimit(.minutes(3)))
struct IntegrationFilesTests {
  static let watch = RepositoryPaths.root.appendingPathComponent("scripts/finishline-watch").path

  func runWatch(_ arguments: [String], systemd: String) throws -> FinishlineBinary.Result {
    try FinishlineBinary(path: "/bin/bash").run(
      [Self.watch] + arguments, environment: ["FINISHLINE_WATCH_SYSTEMD": systemd])
  }

  @Test func `the systemd units pass systemd-analyze verify`() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("units-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let units = RepositoryPaths.examples.appendingPathComponent("systemd")
    // verify checks that ExecStart exists, so point it at the binary under test.
    let service = try String(contentsOf: units.appendingPathComponent("finishline@.service"), encoding: .utf8)
      .replacingOccurrences(of: "/usr/local/bin/finishline", with: try FinishlineBinary.built().path)
    try service.write(
      to: directory.appendingPathComponent("finishline@B-42.service"), atomically: true, encoding: .utf8)
    try FileManager.default.copyItem(
      at: units.appendingPathComponent("finishline@.timer"),
      to: directory.appendingPathComponent("finishline@B-42.timer"))
    let result = try FinishlineBinary(path: "/usr/bin/systemd-analyze").run(
      [
        "verify", "--man=no", directory.appendingPathComponent("finishline@B-42.service").path,
        directory.appendingPathComponent("finishline@B-42.timer").path,
      ])
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    #expect(!result.stderr.contains("finishline@"), "verify reported on our units:\n\(result.stderr)")
    for hardening in [
      "ProtectSystem=strict", "NoNewPrivileges=yes", "PrivateTmp=yes", "StateDirectory=finishline", "EnvironmentFile=",
      "--closed %i && systemctl stop --no-block finishline@%i.timer",
      "ReadWritePaths=-/var/lib/node_exporter/textfile -/var/www/html",
    ] {
      #expect(service.contains(hardening))
    }
  }

  @Test func `the install script says what it would write and keeps an existing configuration`() throws {
    let install = RepositoryPaths.root.appendingPathComponent("scripts/install").path
    let staged = FileManager.default.temporaryDirectory.appendingPathComponent("install-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: staged) }
    let plan = try FinishlineBinary(path: "/bin/bash").run(
      [install, "--dry-run", "/opt/fl"], environment: ["DESTDIR": staged.path])
    #expect(plan.status == 0, "\(plan.stderr)")
    for path in [
      "0755 /opt/fl/bin/finishline", "/opt/fl/share/man/man1/finishline.1",
      "/opt/fl/share/bash-completion/completions/finishline", "/opt/fl/share/zsh/site-functions/_finishline",
      "/opt/fl/share/fish/vendor_completions.d/finishline.fish", "/etc/systemd/system/finishline@.service",
      "ExecStart=/opt/fl/bin/finishline", "/etc/systemd/system/finishline@.timer",
      "0644 /etc/finishline/finishline.toml", "/etc/finishline/credentials.env.example",
    ] {
      #expect(plan.stdout.contains(path), "\(path) in:\n\(plan.stdout)")
    }
    #expect(!FileManager.default.fileExists(atPath: staged.path), "a dry run writes nothing")
    try FileManager.default.createDirectory(
      at: staged.appendingPathComponent("etc/finishline"), withIntermediateDirectories: true)
    try "state_dir = \"/srv/fl\"\n".write(
      to: staged.appendingPathComponent("etc/finishline/finishline.toml"), atomically: true, encoding: .utf8)
    let again = try FinishlineBinary(path: "/bin/bash").run(
      [install, "--dry-run", "/opt/fl"], environment: ["DESTDIR": staged.path])
    #expect(again.stdout.contains("keep /etc/finishline/finishline.toml"), "\(again.stdout)")
    let usage = try FinishlineBinary(path: "/bin/bash").run([install, "--bogus"])
    #expect(usage.status == 64)
  }

  @Test func `the watch helper explains itself`() throws {
    let result = try runWatch(["--help"], systemd: "present")
    #expect(result.status == 0)
    #expect(result.stdout.contains("usage: finishline-watch [options] BUILD_NAME"))
    #expect(result.stdout.contains("--categorize"))
    #expect(try runWatch([], systemd: "present").status == 64, "a build name is required")
  }

  @Test func `a dry run shows the transient timer it would start and that it stops itself`() throws {
    let result = try runWatch(
      ["--dry-run", "--finishline", "/opt/fl/finishline", "--categorize", "B-42"], systemd: "present")
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("would run: systemd-run --unit=finishline-watch-B\\\\x2d42"))
    #expect(result.stdout.contains("--on-unit-active=1min"))
    #expect(
      result.stdout.contains(
        #"/opt/fl/finishline\ check\ --config\ /etc/finishline/finishline.toml\ --run\ B-42\ --categorize"#))
    #expect(result.stdout.contains(#"status\ --config\ /etc/finishline/finishline.toml\ --closed\ B-42"#))
    #expect(result.stdout.contains("would watch B-42"), "a dry run says what it would do")
    #expect(!result.stdout.contains("\nwatching"))
    // The printed hint works when pasted into a shell as it is.
    let hint = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("stop it sooner: ") })
    let pasted = try FinishlineBinary(path: "/bin/bash").run(
      ["-c", "printf '%s' " + hint.dropFirst("stop it sooner: systemctl stop ".count)])
    #expect(pasted.stdout == "finishline-watch-B\\x2d42.timer", "\(hint)")
  }

  @Test func `the watch helper passes absolute paths to a service that runs in the root`() throws {
    let result = try runWatch(
      ["--dry-run", "--finishline", "/opt/fl/finishline", "--config", "conf/fl.toml", "B-42"], systemd: "present")
    #expect(
      result.stdout.contains("--config\\ \(FileManager.default.currentDirectoryPath)/conf/fl.toml"), "\(result.stdout)")
  }

  @Test func `without systemd the helper prints a cron line that goes quiet once closed`() throws {
    let result = try runWatch(["--dry-run", "--finishline", "/opt/fl/finishline", "B-42"], systemd: "absent")
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("systemd is not available here"))
    #expect(
      result.stdout.contains(
        "* * * * * /opt/fl/finishline status --config /etc/finishline/finishline.toml --closed B-42 ||"
          + " /opt/fl/finishline check --config /etc/finishline/finishline.toml --run B-42"))
  }

  @Test func `the Jenkins post step runs check for the build`() throws {
    let jenkinsfile = try String(
      contentsOf: RepositoryPaths.examples.appendingPathComponent("Jenkinsfile"), encoding: .utf8)
    #expect(jenkinsfile.contains("post {"))
    #expect(jenkinsfile.contains("finishline check --config"))
    #expect(jenkinsfile.contains("--wait --deadline 10m"))
    #expect(jenkinsfile.contains("case $? in 69|75) ;;"))
  }
}
