/// What an `email` target needs beyond its `smtp://` or `smtps://` URL.
public struct EmailSettings: Sendable, Equatable {
  public var from: String
  public var to: [String]
  public var username: String?
  public var password: String?

  public init(from: String, to: [String], username: String? = nil, password: String? = nil) {
    self.from = from
    self.to = to
    self.username = username
    self.password = password
  }
}
