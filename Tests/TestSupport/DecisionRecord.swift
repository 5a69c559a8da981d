import Foundation

/// `check --json` / `status --json` as documented (SPEC §9), decoded into types, so an
/// end-to-end test says `record.scopes[0].deliveries[0].outcome` and a renamed or retyped key
/// fails the decode with the key's name instead of turning into a silent `nil`.
public struct DecisionRecord: Decodable, Sendable {
  public struct Scope: Decodable, Sendable {
    public var scope: String
    public var group: String?
    public var state: String
    public var reason: String
    public var counts: Counts
    public var machines: Machines
    public var deliveries: [Delivery]
  }

  public struct Counts: Decodable, Sendable, Equatable {
    public var passed: Int
    public var failed: Int
    public var pending: Int
    public var skipped: Int
    public var flaky: Int

    public init(passed: Int = 0, failed: Int = 0, pending: Int = 0, skipped: Int = 0, flaky: Int = 0) {
      self.passed = passed
      self.failed = failed
      self.pending = pending
      self.skipped = skipped
      self.flaky = flaky
    }
  }

  public struct Machines: Decodable, Sendable, Equatable {
    public var total: Int
    public var failed: Int

    public init(total: Int, failed: Int) {
      self.total = total
      self.failed = failed
    }
  }

  public struct Delivery: Decodable, Sendable {
    public var target: String
    public var outcome: String
    public var attempts: Int
  }

  public var run: String
  public var scopes: [Scope]

  /// The record a run of the binary printed; the error names what did not decode and shows
  /// what the binary said.
  public static func of(_ result: FinishlineBinary.Result) throws -> DecisionRecord {
    do {
      return try JSONDecoder().decode(DecisionRecord.self, from: Data(result.stdout.utf8))
    } catch {
      throw SupportError("no decision record (\(error)); stdout: \(result.stdout) stderr: \(result.stderr)")
    }
  }

  /// The first scope: the run itself for a plain run.
  public var first: Scope? { scopes.first }
}
