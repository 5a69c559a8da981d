import ArgumentParser
import FinishlineCore
import FinishlineSystem
import FoundationEssentials
import Glibc

struct PreviewCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "preview",
    abstract: "Print each target's message for a run exactly as check would send it; sends and writes nothing.")

  @OptionGroup var options: ConfigOptions

  @OptionGroup var judged: JudgedRunOptions

  @OptionGroup var message: MessageOptions

  func run() throws {
    let (configuration, log, outcome) = try judged.judge(options, delivers: true) { options in
      try message.resolve(environment: options.environment)
    }
    for scope in outcome.evaluated {
      print(log.redactor("\(scope.spec.name): \(scope.verdict.state) (\(scope.verdict.reason))"))
      guard let post = scope.message else { continue }
      for target in configuration.notify { print(log.redactor(preview(post, for: target, configuration))) }
    }
  }

  /// One target's message, headed by where it would go.
  func preview(_ post: MessageContext, for target: NotifyTarget, _ configuration: Configuration) -> String {
    var context = post
    context.kind = PostingPlanner.kind(of: post.verdict.state)
    context.mention = Mention.handle(for: post.triggeredBy, in: configuration.mentions, channel: target.kind)
    var note = ""
    let rendered = MessageRenderer.render(context, for: target) { error in
      note = "note: the full message cannot be sent (\(error)); this minimal one would be\n"
    }
    switch rendered {
    case .mail(let subject, let body):
      return "\n== \(target.name) (email) → \(target.email?.to.joined(separator: ", ") ?? "")\n\(note)"
        + "Subject: \(subject)\n\n\(body)"
    case .http(let body):
      return "\n== \(target.name) (\(target.kind.rawValue)) → \(target.url)\n\(note)"
        + String(decoding: body, as: UTF8.self)
    }
  }
}
