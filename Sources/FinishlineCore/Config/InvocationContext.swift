/// Links and context fields shown in messages, from flags and from the CI environment.
///
/// Named generically ("CI build", "job") so a message reads the same whichever CI started the
/// run; flags win over the environment.
public struct InvocationContext: Sendable, Equatable {
  public var links: [Link] = []
  public var fields: [Field] = []
  /// The email address of whoever triggered the run, for mentions.
  public var triggeredBy: String?

  public struct Link: Sendable, Equatable {
    public var label: String
    public var url: String

    public init(label: String, url: String) {
      self.label = label
      self.url = url
    }
  }

  public struct Field: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
      self.name = name
      self.value = value
    }
  }

  public init() {}

  /// - Parameters:
  ///   - context: `key=value` pairs from `--context`.
  ///   - links: `label=url` pairs from `--link`.
  public static func resolve(
    environment: [String: String], context: [String], links: [String], triggeredBy: String?
  ) throws(InvocationContextError) -> InvocationContext {
    var result = InvocationContext()
    func add(link label: String, _ url: String?) {
      guard let url, !url.isEmpty, !result.links.contains(where: { $0.label == label }) else { return }
      result.links.append(Link(label: label, url: url))
    }
    func add(field name: String, _ value: String?) {
      guard let value, !value.isEmpty, !result.fields.contains(where: { $0.name == name }) else { return }
      result.fields.append(Field(name: name, value: value))
    }
    for pair in links {
      let (label, url) = try split(pair, flag: "--link")
      add(link: label, url)
    }
    for pair in context {
      let (name, value) = try split(pair, flag: "--context")
      add(field: name, value)
    }
    // Jenkins, then GitLab CI, then GitHub Actions.
    add(link: "CI build", environment["BUILD_URL"] ?? environment["CI_JOB_URL"] ?? githubRunURL(environment))
    add(field: "job", environment["JOB_NAME"] ?? environment["CI_PROJECT_PATH"] ?? environment["GITHUB_WORKFLOW"])
    add(
      field: "build", environment["BUILD_NUMBER"] ?? environment["CI_PIPELINE_IID"] ?? environment["GITHUB_RUN_NUMBER"])
    result.triggeredBy = triggeredBy ?? environment["BUILD_USER_EMAIL"] ?? environment["GITLAB_USER_EMAIL"]
    return result
  }

  static func githubRunURL(_ environment: [String: String]) -> String? {
    guard let server = environment["GITHUB_SERVER_URL"], let repository = environment["GITHUB_REPOSITORY"],
      let run = environment["GITHUB_RUN_ID"]
    else { return nil }
    return "\(server)/\(repository)/actions/runs/\(run)"
  }

  static func split(_ pair: String, flag: String) throws(InvocationContextError) -> (String, String) {
    guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
      throw InvocationContextError(flag: flag, value: pair)
    }
    return (String(pair[..<equals]), String(pair[pair.index(after: equals)...]))
  }
}

/// A `--context` or `--link` value that is not `key=value`.
public struct InvocationContextError: Error, Equatable, CustomStringConvertible {
  public var flag: String
  public var value: String

  public var description: String { "\(flag) `\(value)` must be written key=value" }
}
