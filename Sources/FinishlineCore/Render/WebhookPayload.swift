public import FoundationEssentials

/// The generic webhook's body (SPEC §6.1): one JSON object that any receiver can act on
/// without knowing finishline, described by `schemas/webhook-v1.schema.json`.
///
/// `schema` names the version. Within v1 fields may be added, so receivers ignore fields they
/// do not know; removing or renaming a field, or changing what one means, makes a v2.
public enum WebhookPayload {
  public static let schema = "finishline.webhook/v1"
  /// The context field reported as `job`: callers name the CI job this way (Jenkins' `JOB_NAME`,
  /// or `--context job=…`) so the payload has one place for it whatever the CI product.
  public static let jobField = "job"

  /// The payload's bytes, keys in the documented order.
  /// - Parameters:
  ///   - kind: a final status, or an operator alert ("needs attention").
  ///   - sentAt: when the payload is built for sending; reported as `sent_at`.
  public static func payload(_ context: MessageContext, kind: DeliveryRecord.Kind, sentAt: Date) -> Data {
    Data(JSONValue.object(members(context, kind: kind, sentAt: sentAt, bare: false)).text.utf8)
  }

  /// The minimal payload sent when the full one is too large (`MessageRenderer`): every v1
  /// field, the machine list, failures, flaky tests and failed hooks left empty, the reason
  /// clipped, and `truncated: true` so a receiver knows to look at `finishline status`.
  public static func bare(_ context: MessageContext, kind: DeliveryRecord.Kind, sentAt: Date) -> Data {
    let members = members(context, kind: kind, sentAt: sentAt, bare: true) + [.init("truncated", .bool(true))]
    return Data(JSONValue.object(members).text.utf8)
  }

  static func members(_ context: MessageContext, kind: DeliveryRecord.Kind, sentAt: Date, bare: Bool)
    -> [JSONValue.Member]
  {
    let snapshot = context.snapshot
    let position: JSONValue =
      context.groupPosition.map {
        .object([.init("index", .int($0.index)), .init("count", .int($0.count))])
      } ?? .null
    let machines = bare ? [] : snapshot.machines
    return [
      .init("schema", .string(schema)),
      .init("kind", .string(kind.rawValue)),
      .init("run", .string(context.run)),
      .init("scope", .string(context.scope)),
      .init("job", .string(context.fields.last { $0.name == jobField }?.value)),
      .init("group", .string(context.group)),
      .init("group_position", position),
      .init("state", .string(context.verdict.state.rawValue)),
      .init("reason", .string(bare ? MessageContent.clip(context.verdict.reason, to: 1_000) : context.verdict.reason)),
      .init("exit_code", context.exitCode.map(JSONValue.int) ?? .null),
      .init("counts", .object(snapshot.counts.jsonMembers)),
      .init(
        "machines",
        .object([
          .init("total", .int(snapshot.machines.count)),
          .init("failed", .int(snapshot.machines.filter(\.failed).count)),
          .init("list", .array(machines.map(machine))),
        ])),
      .init("failures", .array(bare ? [] : failureGroups(context))),
      .init("flaky_tests", .array(machines.flatMap(\.flakyTests).map { .string($0) })),
      .init("failed_hooks", .array(bare ? [] : failedHooks(snapshot))),
      .init("history", context.history.map { history($0, bare: bare) } ?? .null),
      .init(
        "links",
        .array(
          context.links.map { .object([.init("label", .string($0.label)), .init("url", .string($0.url))]) })),
      .init("context", .object(contextMembers(context.fields))),
      .init("sent_at", .string(Timestamp.iso(sentAt))),
    ]
  }

  /// What changed since the series' baseline (SPEC §8.1); a bare payload keeps the series and
  /// baseline and leaves the lists empty.
  private static func history(_ history: ScopeHistory, bare: Bool) -> JSONValue {
    let labels = history.labels
    let names = { (tests: [String]) in JSONValue.array(bare ? [] : tests.map { .string($0) }) }
    return .object([
      .init("series", .string(history.series)),
      .init("compared_with", .string(labels.comparedWith)),
      .init("new", names(labels.new)),
      .init(
        "still_failing",
        .array(
          bare
            ? []
            : labels.stillFailing.map {
              .object([
                .init("test", .string($0.test)), .init("since", .string($0.since)), .init("runs", .int($0.runs)),
              ])
            })),
      .init("fixed", names(labels.fixed)),
      .init("added", names(labels.added)),
      .init("removed", names(labels.removed)),
      .init(
        "flaky",
        .array(
          bare
            ? []
            : labels.flaky.map {
              .object([
                .init("test", .string($0.test)), .init("flips", .int($0.flips)), .init("window", .int($0.window)),
              ])
            })),
    ])
  }

  private static func failedHooks(_ snapshot: RunSnapshot) -> [JSONValue] {
    snapshot.failedHooks.map { machine, hook in
      .object([
        .init("machine", .string(machine)), .init("hook", .string(hook.displayName)),
        .init("message", .string(hook.message)), .init("skipped_tests", .int(hook.skippedTests)),
      ])
    }
  }

  /// The `Idempotency-Key` header value: the same for every attempt, and every invocation, that
  /// tells `target` about `scope`, whether the scope is checked through its categorized parent
  /// or by its own build name, so a receiver can drop a resent duplicate (SPEC §6.2).
  ///
  /// 64 hex digits of SHA-256 over scope, scope, target and kind joined by NUL, which none of
  /// them can contain (scope names refuse it). The scope stands twice where the parent run's
  /// name once stood, so a plain run, whose run and scope are the same, keeps its key.
  public static func idempotencyKey(scope: String, target: String, kind: DeliveryRecord.Kind) -> String {
    SHA256.hex([scope, scope, target, kind.rawValue].joined(separator: "\0"))
  }

  private static func machine(_ machine: MachineEvidence) -> JSONValue {
    .object(
      [.init("name", .string(machine.name)), .init("status", .string(status(of: machine)))]
        + machine.counts.jsonMembers)
  }

  /// A failed test outranks a PASSED status line; a machine with neither a status line nor
  /// readable results is UNKNOWN rather than presumed to have passed.
  private static func status(of machine: MachineEvidence) -> String {
    if machine.failed { return MachineStatus.failed.rawValue }
    if let line = machine.status { return line.status.rawValue }
    return machine.hasFinalResults ? MachineStatus.passed.rawValue : "UNKNOWN"
  }

  /// One member per field name; a later field of the same name replaces the earlier value, as
  /// later configuration layers do.
  private static func contextMembers(_ fields: [InvocationContext.Field]) -> [JSONValue.Member] {
    var members: [JSONValue.Member] = []
    for field in fields {
      if let index = members.firstIndex(where: { $0.key == field.name }) {
        members[index].value = .string(field.value)
      } else {
        members.append(.init(field.name, .string(field.value)))
      }
    }
    return members
  }

  /// The failure groups every channel shows (`FailureGrouping`: messages equal once numbers,
  /// ids, hex, durations and timestamps are normalised), most frequent first, each with its
  /// machines, specs, tests, the advice that matches it and its CODEOWNERS owners.
  private static func failureGroups(_ context: MessageContext) -> [JSONValue] {
    let matcher = AdviceMatcher(rules: context.advice, state: context.verdict.state)
    return FailureGrouping.groups(context.snapshot.failures).map { group in
      .object([
        .init("message", .string(group.message)),
        .init("count", .int(group.count)),
        .init("machines", .array(group.machines.map { .string($0) })),
        .init("specs", .array(group.specs.map { .string($0) })),
        .init("tests", .array(group.tests.map { .string($0) })),
        .init("advice", .array(matcher.advice(for: group).map { .string($0) })),
        .init("owners", .array((context.owners?.owners(of: group) ?? []).map { .string($0) })),
      ])
    }
  }
}
