import Testing

@testable import FinishlineCore

@Suite("CODEOWNERS files")
struct CodeOwnersTests {
  static let github = CodeOwners.parse(
    """
    # Owners of the shop
    *       @global-owner1 @global-owner2
    *.js    @js-owner #This is an inline comment.
    *.go docs@example.com
    /build/logs/ @doctocat
    **/logs @octocat
    /apps/ @octocat
    /apps/github
    !/apps/secret.js @nobody
    /tools/ not-an-owner @tools
    """, file: "/repo/.github/CODEOWNERS")

  @Test(arguments: [
    ("README.md", ["@global-owner1", "@global-owner2"], 2),
    ("src/app.js", ["@js-owner"], 3),
    ("cmd/main.go", ["docs@example.com"], 4),
    ("build/logs/run.log", ["@octocat"], 6),
    ("apps/main.rb", ["@octocat"], 7),
    ("apps/github/a.rb", [], 8),
    ("tools/x.sh", ["@tools"], 10),
  ])
  func `on GitHub the last matching line decides, and a line without owners unowns`(
    _ path: String, _ owners: [String], _ line: Int
  ) {
    #expect(Self.github.dialect == .github)
    #expect(Self.github.owners(of: path) == owners)
    #expect(Self.github.deciding(path).map(\.line) == [line])
  }

  @Test func `lines GitHub ignores are named for config check`() {
    #expect(
      Self.github.skipped == [
        "line 9: `!/apps/secret.js`: GitHub does not support negated patterns",
        "line 10: `not-an-owner` is not an owner (@user, @org/team or an email)",
      ])
    #expect(Self.github.deciding("src/app.js").first?.text == "*.js    @js-owner #This is an inline comment.")
    #expect(
      Self.github.allOwners == [
        "@global-owner1", "@global-owner2", "@js-owner", "docs@example.com", "@doctocat", "@octocat", "@tools",
      ])
  }

  /// GitLab's documented section example ("Regular entries and sections"), with a repeated
  /// section, an optional one, an approval count and an exclusion.
  static let gitlab = CodeOwners.parse(
    """
    * @general-approvers

    [Documentation] @docs-team
    docs/
    README.md
    *.txt

    ^[Database][2] @database-team
    model/db/
    config/db/database-setup.md @docs-team

    [DOCUMENTATION]
    /docs/internal/ @internal-writers
    !/docs/internal/draft.md
    """, file: "/repo/CODEOWNERS")

  @Test(arguments: [
    ("app/main.rb", ["@general-approvers"]),
    ("docs/index.md", ["@general-approvers", "@docs-team"]),
    ("model/db/user.rb", ["@general-approvers", "@database-team"]),
    ("config/db/database-setup.md", ["@general-approvers", "@docs-team"]),
    ("docs/internal/guide.md", ["@general-approvers", "@internal-writers"]),
    ("docs/internal/draft.md", ["@general-approvers"]),
  ])
  func `on GitLab each section's last matching line contributes`(_ path: String, _ owners: [String]) {
    #expect(Self.gitlab.dialect == .gitlab, "told by its section headers")
    #expect(Self.gitlab.owners(of: path) == owners)
  }

  @Test func `GitLab sections of one name are one section, under the first header's spelling`() {
    let deciding = Self.gitlab.deciding("docs/internal/guide.md")
    #expect(deciding.map(\.section) == [nil, "Documentation"])
    #expect(deciding.map(\.line) == [1, 13])
  }

  @Test func `the dialect comes from the folder, or is given`() {
    #expect(CodeOwners.parse("* @a", file: "/repo/.gitlab/CODEOWNERS").dialect == .gitlab)
    #expect(CodeOwners.parse("* @a", file: "/repo/CODEOWNERS").dialect == .github)
    #expect(CodeOwners.parse("[Docs]\n* @a", file: "/repo/CODEOWNERS", dialect: .github).dialect == .github)
  }

  @Test(arguments: ["[Docs]", "^[Docs]", "[Docs][2]", "^[Docs][3] @a @b/c", "[Two words] x@example.com"])
  func `GitLab section headers are recognised`(_ line: String) {
    #expect(SectionHeader(line[...]) != nil)
  }

  @Test(arguments: ["[abc].js @owner", "[Docs", "[] @a", "[Docs] not-an-owner"])
  func `a pattern that starts with a bracket is not a header`(_ line: String) {
    #expect(SectionHeader(line[...]) == nil)
  }

  @Test func `Windows line endings and escaped spaces are read`() {
    let owners = CodeOwners.parse("docs/My\\ Guide.md @writers\r\n*.js @js\r\n", file: "/r/CODEOWNERS")
    #expect(owners.owners(of: "docs/My Guide.md") == ["@writers"])
    #expect(owners.owners(of: "a.js") == ["@js"])
  }
}
