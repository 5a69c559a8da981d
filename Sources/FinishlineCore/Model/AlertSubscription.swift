/// A subscription added at run time (`finishline alerts add`), merged with `[[notify]]` at
/// decision time so an operator can ask for alerts without editing the configuration.
public struct AlertSubscription: Sendable, Equatable, Codable {
  /// What a subscription can ask to hear about, in the words operators use.
  public enum Event: String, Sendable, Codable, CaseIterable {
    case success
    case failure
    case timeout
    case terminated
    case unknown

    public var state: RunState {
      switch self {
      case .success: .completed
      case .failure: .failed
      case .timeout: .hung
      case .terminated: .terminated
      case .unknown: .unknown
      }
    }

    public static let defaults: [Event] = [.failure, .timeout, .terminated, .unknown]

    /// An event by its own name or by the state it stands for, as `[[notify]].on` writes it
    /// (`hung` is `timeout`, `failed` is `failure`, `completed` is `success`).
    public init?(name: String) {
      if let event = Event(rawValue: name) {
        self = event
      } else if let state = RunState(configName: name), let event = Event.allCases.first(where: { $0.state == state }) {
        self = event
      } else {
        return nil
      }
    }
  }

  public var id: String
  /// A glob over build names (`nightly-*`); for a categorized run, the parent's name.
  public var job: String
  public var kind: NotifyTarget.Kind
  /// A webhook URL, or an email address for `email` subscriptions.
  public var target: String
  public var on: [Event]
  public var allowInsecure: Bool

  public init(
    id: String, job: String, kind: NotifyTarget.Kind, target: String, on: [Event], allowInsecure: Bool = false
  ) {
    self.id = id
    self.job = job
    self.kind = kind
    self.target = target
    self.on = on
    self.allowInsecure = allowInsecure
  }

  /// The target as shown to people: an email address, or a webhook URL's scheme and host
  /// only (its path carries the token).
  public var displayTarget: String {
    guard kind != .email else { return target }
    return (try? SecretURL(target, schemes: ["http", "https"]))?.description ?? Redactor.mask
  }

  /// As the status page lists it.
  public var summary: AlertSubscriptionSummary {
    AlertSubscriptionSummary(id: id, job: job, type: kind.rawValue, target: displayTarget, on: on.map(\.rawValue))
  }

  /// The same subscription but for its id: adding it again would send every alert twice.
  public func isSame(as other: AlertSubscription) -> Bool {
    job == other.job && kind == other.kind && target == other.target && Set(on) == Set(other.on)
      && allowInsecure == other.allowInsecure
  }

  /// The target name in delivery records and logs.
  public var targetName: String { "alert-\(id)" }

  public func matches(run: String) -> Bool {
    (try? PathPattern(job, run: run, stateDir: ""))?.match(relativePath: run) != nil
  }

  /// The subscription as a delivery target, or `nil` when it cannot be one here: an email
  /// subscription is sent through the first email `[[notify]]` target's SMTP server, sender
  /// and credentials, to the subscribed address.
  public func notifyTarget(configuration: Configuration) -> NotifyTarget? {
    let states = Set(on.map(\.state))
    if let channel = Channel.unset(kind) {
      guard let url = try? SecretURL(target, schemes: ["http", "https"]) else { return nil }
      return NotifyTarget(name: targetName, channel: channel, url: url, on: states, allowInsecure: allowInsecure)
    }
    guard var mail = configuration.notify.first(where: { $0.kind == .email }), var settings = mail.channel.email else {
      return nil
    }
    settings.to = [target]
    mail.name = targetName
    mail.on = states
    mail.channel = .email(settings)
    return mail
  }

  /// Checks what `alerts add` was given, so a bad subscription is refused when it is added.
  public static func validate(job: String, kind: NotifyTarget.Kind, target: String, allowInsecure: Bool)
    throws(AlertSubscriptionError)
  {
    do {
      _ = try PathPattern(job, run: "example", stateDir: "")
    } catch {
      throw .job("\(error)")
    }
    guard kind != .email else {
      guard target.contains("@"), !target.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" }) else {
        throw .target("`\(target)` is not an email address")
      }
      return
    }
    let url: SecretURL
    do {
      url = try SecretURL(target, schemes: ["http", "https"])
    } catch {
      throw .target("the URL \(error)")
    }
    if url.scheme == "http", !url.isLoopback, !allowInsecure {
      throw .target("plain http to \(url.host) is refused (use https, or pass --allow-insecure)")
    }
  }
}

/// Why `alerts add` refused a subscription.
public enum AlertSubscriptionError: Error, Equatable, CustomStringConvertible {
  case job(String)
  case target(String)

  public var description: String {
    switch self {
    case .job(let problem): "--job: \(problem)"
    case .target(let problem): "--target: \(problem)"
    }
  }
}
