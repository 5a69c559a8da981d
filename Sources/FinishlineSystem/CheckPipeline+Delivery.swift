internal import FinishlineCore
internal import FoundationEssentials

/// The delivery half of a check: one post to one target, its ledger entries, and the mention.
extension CheckPipeline {
  /// Sends one post, recording the intent before every attempt and the outcome after,
  /// so a crash mid-flight is later seen as ambiguous rather than silently resent.
  func send(
    _ context: MessageContext, to target: NotifyTarget, state: RunState, stored: inout StoredRun,
    scopeName: String, deadline: Deadline, log: EventLog
  ) throws -> DeliveryRecord {
    var record =
      stored.scope(named: scopeName)?.delivery(for: target.name, kind: context.kind)
      ?? DeliveryRecord(target: target.name, kind: context.kind, state: state)
    record.state = state
    let attempt = attempt(context, to: target, log: log)
    let redact = log.redactor
    let outcome = try Deliverer(deadline: deadline).deliver(
      timeout: target.requestTimeout,
      beforeAttempt: { _ in
        let now = environment.clock()
        record.outcome = .inFlight
        record.attempts += 1
        record.intentAt = now
        record.firstAttemptAt = record.firstAttemptAt ?? now
        record.lastAttemptAt = now
        try save(record, scopeName: scopeName, stored: &stored)
        log.info("attempt", [("attempt", String(record.attempts)), ("url", target.url.description)])
      },
      attempt: attempt,
      afterAttempt: { attempt in
        var fields = [("attempt", String(record.attempts)), ("outcome", attempt.outcome.recorded.rawValue)]
        if let status = attempt.status {
          fields.append((target.kind == .email ? "smtp_status" : "http_status", String(status)))
        }
        if let detail = attempt.outcome.detail { fields.append(("detail", redact(detail))) }
        if let wait = attempt.waitBefore { fields.append(("retry_in", "\((wait * 10).rounded() / 10)s")) }
        log.log(attempt.outcome == .delivered ? .notice : .warning, "delivery", fields)
      })
    record.outcome = outcome.recorded
    record.lastError = outcome.detail.map { redact($0) }
    if outcome == .delivered { record.postedAt = environment.clock() }
    try save(record, scopeName: scopeName, stored: &stored)
    return record
  }

  /// Asks the chat server whom the triggering user's email belongs to, when the target has an
  /// API token and `[mentions]` does not know them. Short and bounded: a failed lookup costs
  /// only the mention, never the post.
  func lookUpMention(for target: NotifyTarget, deadline: Deadline, log: EventLog) -> String? {
    guard let email = request.context.triggeredBy, let token = target.token,
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
    let caFile = target.caFile ?? environment.caBundle
    if target.kind == .email, let settings = target.email {
      let email = EmailMessage(context)
      let message = SMTPMessage(
        from: settings.from, to: settings.to, subject: email.subject, body: email.body,
        messageID: MailFormat.messageID(key: key, from: settings.from))
      let mail = environment.mail
      return { seconds in
        let exchange = mail.send(
          message,
          via: SMTPRequest(
            url: target.url.raw, username: settings.username, password: settings.password,
            connectTimeout: min(target.connectTimeout, seconds), totalTimeout: seconds, caFile: caFile))
        return Deliverer.Result(
          outcome: exchange.outcome(tls: TLSContext(host: target.url.host, target: target.name, caFile: caFile)),
          status: exchange.smtpStatus)
      }
    }
    let body = MessageRenderer.render(context, for: target) { error in
      log.error("render-failed", [("reason", "\(error); sending the minimal message instead")])
    }
    var headers = [HTTPHeader(name: "Content-Type", value: "application/json")]
    if target.kind == .webhook { headers.append(HTTPHeader(name: "Idempotency-Key", value: key)) }
    var prepared = HTTPRequest(
      url: target.url.raw, headers: headers, body: Array(body), connectTimeout: target.connectTimeout,
      totalTimeout: target.requestTimeout)
    prepared.caFile = caFile
    let request = prepared
    let tls = TLSContext(host: target.url.host, target: target.name, caFile: caFile)
    let transport = environment.transport
    return { seconds in
      var timed = request
      timed.totalTimeout = seconds
      timed.connectTimeout = min(timed.connectTimeout, seconds)
      let exchange = transport.send(timed)
      var facts = AttemptFacts(
        curlCode: exchange.curlCode, curlError: exchange.curlError, httpStatus: exchange.httpStatus,
        requestFullySent: exchange.requestFullySent, retryAfter: exchange.retryAfter)
      facts.tls = tls
      return Deliverer.Result(outcome: AttemptOutcome.classify(facts), status: exchange.httpStatus)
    }
  }

  /// Records one delivery outcome or intent: in a sub-run's own file first, then the run's.
  func save(_ record: DeliveryRecord, scopeName: String, stored: inout StoredRun) throws {
    guard var scope = stored.scope(named: scopeName) else { return }
    scope.update(record)
    stored.update(scope)
    guard !request.dryRun else { return }
    try mirror(scope, now: environment.clock())
    try store.save(stored)
  }
}
