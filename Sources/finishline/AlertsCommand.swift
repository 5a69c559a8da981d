import ArgumentParser
import FinishlineCore
import FinishlineSystem

struct AlertsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "alerts", abstract: "Manage alert subscriptions, merged with [[notify]] at decision time.",
    subcommands: [Add.self, List.self, Remove.self])

  struct Add: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "add", abstract: "Subscribe a target to runs whose build name matches a glob.")

    @OptionGroup var options: ConfigOptions

    @Option(name: .long, help: "A glob over build names, e.g. 'nightly-*'.")
    var job: String

    @Option(name: .long, help: "webhook, email, mattermost or slack.")
    var type: String

    @Option(name: .long, help: "The webhook URL, or the email address for email.")
    var target: String

    @Option(
      name: .long,
      help: ArgumentHelp(
        "Comma-separated: failure, timeout, terminated, unknown, success, or the states failed, hung, completed"
          + " (default: all but success)."))
    var on: String?

    @Flag(name: .long, help: "Allow plain http to a non-loopback host.")
    var allowInsecure = false

    func run() throws {
      let configuration = try options.load()
      guard let kind = NotifyTarget.Kind(rawValue: type) else {
        throw ValidationError(
          "--type must be one of \(NotifyTarget.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
      }
      var events: [AlertSubscription.Event] = AlertSubscription.Event.defaults
      if let on {
        events = try on.split(separator: ",").map { name in
          guard let event = AlertSubscription.Event(name: String(name.trimmingPrefix(" "))) else {
            throw ValidationError(
              "--on: `\(name)` is not one of \(AlertSubscription.Event.allCases.map(\.rawValue).joined(separator: ", "))"
            )
          }
          return event
        }
      }
      if kind == .email, !configuration.notify.contains(where: { $0.kind == .email }) {
        throw Failure(
          status: .badConfig,
          message: "email subscriptions are sent through an email [[notify]] target's SMTP server and sender;"
            + " \(configuration.file) has none")
      }
      do {
        try AlertSubscription.validate(job: job, kind: kind, target: target, allowInsecure: allowInsecure)
      } catch {
        throw Failure(status: .usage, message: error.description)
      }
      do {
        let (added, existed) = try configuration.stateBackend().alerts.add(
          { id in
            AlertSubscription(id: id, job: job, kind: kind, target: target, on: events, allowInsecure: allowInsecure)
          }, lockWait: 10)
        options.eventLog(secrets: configuration.secrets + [target]).notice(
          existed ? "alert-exists" : "alert-added",
          [
            ("id", added.id), ("job", job), ("type", type), ("on", events.map(\.rawValue).joined(separator: ",")),
            ("reason", existed ? "an identical subscription exists; nothing added" : "subscribed"),
          ])
        print(added.id)
      } catch {
        throw Failure(status: error.exitStatus, message: error.description)
      }
    }
  }

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "list", abstract: "List alert subscriptions (targets redacted).")

    @OptionGroup var options: ConfigOptions

    @Flag(name: .long, help: "Print a JSON array.")
    var json = false

    func run() throws {
      let configuration = try options.load()
      let subscriptions: [AlertSubscription]
      do {
        subscriptions = try configuration.stateBackend().alerts.list()
      } catch {
        throw Failure(status: error.exitStatus, message: error.description)
      }
      let rows = subscriptions.map { subscription -> [JSONValue.Member] in
        [
          .init("id", .string(subscription.id)), .init("job", .string(subscription.job)),
          .init("type", .string(subscription.kind.rawValue)), .init("target", .string(subscription.displayTarget)),
          .init("on", .array(subscription.on.map { .string($0.rawValue) })),
        ]
      }
      if json {
        print(JSONValue.array(rows.map(JSONValue.object)).text)
      } else if subscriptions.isEmpty {
        print("no alert subscriptions")
      } else {
        for subscription in subscriptions {
          print(
            "\(subscription.id)  job=\(subscription.job)  type=\(subscription.kind.rawValue)"
              + "  target=\(subscription.displayTarget)  on=\(subscription.on.map(\.rawValue).joined(separator: ","))")
        }
      }
    }
  }

  struct Remove: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "remove", abstract: "Remove an alert subscription by id.")

    @OptionGroup var options: ConfigOptions

    @Argument(help: "The subscription's id, as `alerts list` shows it.")
    var id: String

    func run() throws {
      let configuration = try options.load()
      do {
        guard try configuration.stateBackend().alerts.remove(id, lockWait: 10) else {
          throw Failure(status: .usage, message: "no alert subscription with id \(id)")
        }
        options.eventLog(secrets: configuration.secrets).notice("alert-removed", [("id", id)])
        print("removed \(id)")
      } catch let error as StateStoreError {
        throw Failure(status: error.exitStatus, message: error.description)
      }
    }
  }
}
