import ArgumentParser
import FinishlineCore
import FinishlineSystem
import FoundationEssentials
import Glibc

struct PreviewCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "preview",
    abstract: "Print what check would do for each target (its message exactly as sent, or why not); sends nothing.")

  @OptionGroup var options: ConfigOptions

  @OptionGroup var judged: JudgedRunOptions

  @OptionGroup var message: MessageOptions

  func run() throws {
    let (_, log, outcome) = try judged.judge(options, mode: .preview) { options in
      try message.resolve(environment: options.environment)
    }
    for scope in outcome.evaluated {
      print(log.redactor("\(scope.spec.name): \(scope.verdict.state) (\(scope.verdict.reason))"))
      for delivery in scope.deliveries { print(log.redactor(preview(delivery))) }
    }
  }

  /// One target's part of the plan, headed by where it would go: the message exactly as check
  /// would send it, or why nothing is sent.
  func preview(_ delivery: PlannedDelivery) -> String {
    let target = delivery.target
    let heading: String
    if let settings = target.channel.email {
      heading = "\n== \(target.name) (email) → \(settings.to.joined(separator: ", "))"
    } else {
      heading = "\n== \(target.name) (\(target.kind.rawValue)) → \(target.url)"
    }
    guard let post = delivery.post else {
      return "\(heading)\nnot posted (\(delivery.decision.outcome.rawValue)): \(delivery.decision.reason)"
    }
    var note = ""
    let rendered = MessageRenderer.render(post, for: target) { error in
      note = "note: the full message cannot be sent (\(error)); this minimal one would be\n"
    }
    let header =
      "\(heading)\nwould post (\(post.kind.rawValue)\(post.mention.map { ", mentioning \($0)" } ?? "")): "
      + "\(delivery.decision.reason)\n\(note)"
    switch rendered {
    case .mail(let subject, let body): return header + "Subject: \(subject)\n\n\(body)"
    case .http(let body): return header + String(decoding: body, as: UTF8.self)
    }
  }
}
