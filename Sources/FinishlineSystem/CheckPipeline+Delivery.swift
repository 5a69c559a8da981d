internal import FinishlineCore
internal import FoundationEssentials

/// The delivery half of a check: the loop over a scope's decisions, one post to one target
/// with its ledger entries, and the mention.
extension CheckPipeline {
  /// What one scope's decisions became: the plan per target, and what each target reports.
  struct ScopeDeliveries {
    var planned: [PlannedDelivery] = []
    var reports: [DeliveryReport] = []
  }

  /// Logs every decision and makes the posts it asks for, in order. A post held by an earlier
  /// group, or by a dry run, is only logged; `preview` also addresses what a dry run would post.
  func deliver(
    _ decisions: [DeliveryDecision], message: MessageContext, stored: inout StoredRun, deadline: Deadline,
    log: EventLog
  ) throws -> ScopeDeliveries {
    var delivered = ScopeDeliveries()
    for decision in decisions {
      let scope = stored.scope(named: message.scope)
      logDecision(decision, log, scope: scope)
      let unsent = DeliveryReport(
        decision: decision, record: scope?.delivery(for: decision.target, kind: decision.kind))
      guard let target = targets.first(where: { $0.name == decision.target }) else {
        delivered.reports.append(unsent)
        continue
      }
      var planned = PlannedDelivery(target: target, decision: decision)
      if decision.sends || (request.mode.addressesDryPosts && planned.posts) {
        planned.post = PlannedDelivery.addressed(
          message, for: decision, target: target, mentions: configuration.mentions,
          lookedUp: { lookUpMention(for: target, deadline: deadline, log: log) })
      }
      delivered.planned.append(planned)
      guard decision.sends, let post = planned.post else {
        delivered.reports.append(unsent)
        continue
      }
      delivered.reports.append(
        try send(
          post, to: target, state: message.verdict.state, stored: &stored, deadline: deadline,
          log: log.with([("target", target.name)])))
    }
    return delivered
  }

  /// Logs a decision at the level and under the event name `DeliveryDecision.prominence` gives it.
  func logDecision(_ decision: DeliveryDecision, _ log: EventLog, scope: StoredScope?) {
    let (prominence, event) = decision.prominence(record: scope?.delivery(for: decision.target, kind: decision.kind))
    log.log(LogLevel(prominence), event, [("target", decision.target), ("reason", decision.reason)])
  }

  /// Sends one post, claiming it in the ledger first and recording the intent before every
  /// attempt and the outcome after, so a crash mid-flight is later seen as ambiguous rather
  /// than silently resent.
  func send(
    _ context: MessageContext, to target: NotifyTarget, state: RunState, stored: inout StoredRun,
    deadline: Deadline, log: EventLog
  ) throws -> DeliveryReport {
    let scopeName = context.scope
    let key = DeliveryKey(run: request.run, scope: scopeName, target: target.name, kind: context.kind)
    var record =
      stored.scope(named: scopeName)?.delivery(for: target.name, kind: context.kind)
      ?? DeliveryRecord(target: target.name, kind: context.kind, state: state)
    record.state = state
    let attempt = attempt(context, to: target, log: log)
    var claimed = false
    let outcome: AttemptOutcome
    do {
      outcome = try Deliverer(deadline: deadline).deliver(
        timeout: target.requestTimeout,
        beforeAttempt: {
          if !claimed {
            // Held past the deadline, by when this invocation has stopped sending.
            if case .heldElsewhere(let holder) = try ledger.claim(key, lease: deadline.remaining + 30) {
              throw ClaimRefused(holder: holder)
            }
            claimed = true
          }
          record.recordIntent(at: environment.clock())
          try save(record, scopeName: scopeName, stored: &stored)
          requestsSent.record()
          log.info("attempt", [("attempt", String(record.attempts)), ("url", target.url.description)])
        },
        attempt: attempt,
        afterAttempt: { logAttempt($0, number: record.attempts, kind: target.kind, log: log) })
    } catch let refused as ClaimRefused {
      return try adopt(refused.holder, record: record, scopeName: scopeName, stored: &stored, log: log)
    }
    record.outcome = outcome.recorded
    record.lastError = outcome.detail.map { log.redactor($0) }
    if outcome == .delivered { record.postedAt = environment.clock() }
    if record.outcome == .terminalFailure {
      log.error("delivery-terminal", [("next", DeliveryRecovery.steps(scope: scopeName, target: target.name))])
    }
    try save(record, scopeName: scopeName, stored: &stored)
    try ledger.settle(key, outcome: record.outcome)
    return DeliveryReport(
      target: target.name, outcome: StoredReport.reported(record.outcome), attempts: record.attempts)
  }

  func logAttempt(_ attempt: Deliverer.Attempt, number: Int, kind: NotifyTarget.Kind, log: EventLog) {
    var fields = [("attempt", String(number)), ("outcome", attempt.outcome.recorded.rawValue)]
    if let status = attempt.status { fields.append((kind == .email ? "smtp_status" : "http_status", String(status))) }
    if let detail = attempt.outcome.detail { fields.append(("detail", log.redactor(detail))) }
    if let wait = attempt.waitBefore { fields.append(("retry_in", "\((wait * 10).rounded() / 10)s")) }
    log.log(attempt.outcome == .delivered ? .notice : .warning, "delivery", fields)
  }

  /// A delivery the shared ledger says another invocation claimed: one that delivered it is
  /// recorded here as delivered (never sent again); one still sending is left to it.
  func adopt(
    _ holder: ClaimHolder, record: DeliveryRecord, scopeName: String, stored: inout StoredRun, log: EventLog
  ) throws -> DeliveryReport {
    switch holder {
    case .delivered(let invocation, let at):
      log.notice(
        DeliveryDecision.Event.duplicatePrevented.rawValue,
        [("reason", "the shared ledger says \(invocation) delivered it\(at.map { " at \(Timestamp.iso($0))" } ?? "")")])
      let adopted = record.deliveredElsewhere(at: at, now: environment.clock())
      try save(adopted, scopeName: scopeName, stored: &stored)
      return DeliveryReport(target: record.target, outcome: .alreadyDelivered, attempts: adopted.attempts)
    case .inFlight(let invocation, let until):
      log.warning(
        "claimed-elsewhere",
        [
          (
            "reason",
            "\(invocation) is sending it\(until.map { " (lease until \(Timestamp.iso($0)))" } ?? ""); left to it"
          )
        ])
      return DeliveryReport(target: record.target, outcome: .pending, attempts: record.attempts)
    }
  }

  /// Asks the chat server whom the triggering user's email belongs to, when the target has an
  /// API token and `[mentions]` does not know them. Short and bounded: a failed lookup costs
  /// only the mention, never the post.
  func lookUpMention(for target: NotifyTarget, deadline: Deadline, log: EventLog) -> String? {
    guard let email = request.context.triggeredBy, let token = target.channel.chat?.token,
      let url = MentionLookup.url(for: email, target: target)
    else { return nil }
    let seconds = min(3, deadline.remaining - 5)
    guard seconds > 0.5 else { return nil }
    var lookup = HTTPRequest(
      url: url, headers: [HTTPHeader(name: "Authorization", value: "Bearer \(token)")], body: [],
      connectTimeout: min(2, seconds), totalTimeout: seconds)
    lookup.method = .get
    lookup.responseLimit = 1 << 16
    lookup.caFile = target.caFile ?? environment.caBundle
    let exchange = environment.transport.send(lookup)
    guard exchange.httpStatus == 200,
      let handle = MentionLookup.handle(fromResponse: exchange.responseSnippet, kind: target.kind)
    else {
      let why =
        exchange.httpStatus.map { "HTTP \($0)" } ?? "curl error \(exchange.curlCode): \(exchange.curlError ?? "")"
      log.warning("mention-lookup-failed", [("target", target.name), ("reason", "\(why); posting without a mention")])
      return nil
    }
    log.info("mention-lookup", [("target", target.name), ("handle", handle)])
    return handle
  }

  /// One attempt of sending `context` to `target`, given the seconds it may take: an HTTP POST
  /// of the channel's payload, or an email through SMTP.
  func attempt(_ context: MessageContext, to target: NotifyTarget, log: EventLog)
    -> @Sendable (Double) -> Deliverer.Result
  {
    let key = WebhookPayload.idempotencyKey(scope: context.scope, target: target.name, kind: context.kind)
    let rendered = MessageRenderer.render(context, for: target) { error in
      log.error("render-failed", [("reason", "\(error); sending the minimal message instead")])
    }
    let caFile = target.caFile ?? environment.caBundle
    let tls = TLSContext(host: target.url.host, target: target.name, caFile: caFile)
    switch (rendered, target.channel) {
    case (.mail(let subject, let body), .email(let settings)):
      let message = SMTPMessage(
        from: settings.from, to: settings.to, subject: subject, body: body,
        messageID: MailFormat.messageID(key: key, from: settings.from))
      let mail = environment.mail
      return { seconds in
        let exchange = mail.send(
          message,
          via: SMTPRequest(
            url: target.url.raw, username: settings.username, password: settings.password,
            connectTimeout: min(target.connectTimeout, seconds), totalTimeout: seconds, caFile: caFile))
        return Deliverer.Result(outcome: exchange.outcome(tls: tls), status: exchange.smtpStatus)
      }
    case (.mail, _):
      // `MessageRenderer` renders a mail for an email target only.
      return { _ in
        Deliverer.Result(outcome: .terminal(detail: "a mail rendered for a \(target.kind) target"), status: nil)
      }
    case (.http(let body), _):
      var headers = [HTTPHeader(name: "Content-Type", value: "application/json")]
      if target.kind == .webhook { headers.append(HTTPHeader(name: "Idempotency-Key", value: key)) }
      var request = HTTPRequest(
        url: target.url.raw, headers: headers, body: Array(body), connectTimeout: target.connectTimeout,
        totalTimeout: target.requestTimeout)
      request.caFile = caFile
      return { [request, transport = environment.transport] seconds in
        var timed = request
        timed.totalTimeout = seconds
        timed.connectTimeout = min(timed.connectTimeout, seconds)
        let exchange = transport.send(timed)
        return Deliverer.Result(outcome: exchange.outcome(tls: tls), status: exchange.httpStatus)
      }
    }
  }

  /// Records one delivery outcome or intent: in a sub-run's own file first, then the run's.
  func save(_ record: DeliveryRecord, scopeName: String, stored: inout StoredRun) throws {
    guard var scope = stored.scope(named: scopeName) else { return }
    scope.update(record)
    stored.update(scope)
    try ledger.mirror(scope, parent: request.run, now: environment.clock())
    try ledger.save(stored)
  }
}

/// The shared ledger gave a delivery to another invocation; thrown out of the attempt loop
/// before anything is sent.
struct ClaimRefused: Error {
  var holder: ClaimHolder
}
