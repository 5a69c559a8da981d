public import FinishlineCore
internal import FoundationEssentials
internal import Glibc

/// Reads the configuration file and credentials file from disk and hands them to the loader.
public enum ConfigurationSource {
  /// Configuration files are small; a huge one is a mistake.
  static let readLimit = 1 << 20

  /// - Parameters:
  ///   - path: the TOML file; relative paths are taken from the working directory.
  ///   - envFile: a dotenv credentials file whose values override the inherited environment.
  ///   - flags: overrides from flags, applied after `FINISHLINE_*` environment variables.
  public static func load(
    path: String, envFile: String?, flags: ConfigOverrides, environment: [String: String]
  ) throws(ConfigError) -> Configuration {
    let file = absolute(path)
    var environment = environment
    if let envFile {
      environment.merge(try credentials(absolute(envFile)), uniquingKeysWith: { _, file in file })
    }
    let text: String
    do {
      guard let data = try AtomicFile.read(file, limit: readLimit) else {
        throw ConfigError.unreadable(file: file, reason: "no such file")
      }
      guard let valid = String(validating: data, as: UTF8.self) else {
        throw ConfigError.unreadable(file: file, reason: "not valid UTF-8 (a TOML file must be)")
      }
      text = valid
    } catch let error as ConfigError {
      throw error
    } catch {
      throw .unreadable(file: file, reason: "\(error)")
    }
    let overrides = ConfigOverrides.fromEnvironment(environment).overlaid(by: flags)
    var known: [String] = []
    let configuration = try ConfigurationLoader.load(
      text: text, file: file, environment: environment, overrides: overrides,
      verifiedPatterns: { stateDir in
        known = CheckedPatterns.read(stateDir: stateDir)
        return Set(known)
      })
    if overrides.remembersPatterns {
      CheckedPatterns.remember(configuration.patternFingerprints, after: known, stateDir: configuration.stateDir)
    }
    return configuration
  }

  /// Refuses a credentials file that group or others can read: it holds webhook tokens.
  static func credentials(_ path: String) throws(ConfigError) -> [String: String] {
    let found: stat?
    do {
      found = try Syscall.fileStatus(atPath: path)
    } catch {
      throw .envFile(path: path, problem: "cannot read credentials file: \(error.reason)")
    }
    guard let status = found else {
      throw .envFile(path: path, problem: "cannot read credentials file: \(SyscallError.describe(ENOENT))")
    }
    guard status.st_mode & 0o077 == 0 else {
      throw .envFile(
        path: path,
        problem: "credentials file is readable by group or others (mode \(String(status.st_mode & 0o777, radix: 8)));"
          + " run `chmod 600 \(path)`")
    }
    let data: Data
    do {
      guard let read = try AtomicFile.read(path, limit: readLimit) else {
        throw ConfigError.envFile(path: path, problem: "no such file")
      }
      data = read
    } catch let error as ConfigError {
      throw error
    } catch {
      throw .envFile(path: path, problem: "\(error)")
    }
    do {
      return try DotEnv.parse(String(decoding: data, as: UTF8.self))
    } catch {
      throw .envFile(path: path, problem: error.description)
    }
  }

  /// Makes a path absolute against the working directory.
  public static func absolute(_ path: String) -> String {
    if path.hasPrefix("/") { return path }
    guard let directory = try? Syscall.currentDirectory() else { return path }
    return ConfigurationLoader.resolve(path, against: directory)
  }
}
