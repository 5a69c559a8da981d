import ArgumentParser
import FinishlineCore

/// What a message says about the invocation: context fields, links and who triggered the run.
/// `check` and `preview` take the same flags, so a preview shows exactly the post.
struct MessageOptions: ParsableArguments {
  @Option(name: .long, help: "A context field for messages, key=value (repeatable).")
  var context: [String] = []

  @Option(name: .long, help: "A link for messages, label=url (repeatable), e.g. report=https://...")
  var link: [String] = []

  @Option(name: .long, help: "Email of whoever triggered the run (default: $BUILD_USER_EMAIL), for mentions.")
  var triggeredBy: String?

  /// The flags with the CI environment's own (`BUILD_URL`, `JOB_NAME`, ...); a malformed flag
  /// is a usage error (64).
  func resolve(environment: [String: String]) throws -> InvocationContext {
    try Self.resolve(context: context, links: link, triggeredBy: triggeredBy, environment: environment)
  }

  static func resolve(
    context: [String], links: [String], triggeredBy: String?, environment: [String: String]
  ) throws -> InvocationContext {
    do {
      return try InvocationContext.resolve(
        environment: environment, context: context, links: links, triggeredBy: triggeredBy)
    } catch {
      throw Failure(status: .usage, message: error.description)
    }
  }
}
