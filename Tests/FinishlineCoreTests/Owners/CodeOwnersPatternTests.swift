import Testing

@testable import FinishlineCore

/// Patterns against paths as GitHub's and GitLab's CODEOWNERS documentation describe them.
@Suite("CODEOWNERS patterns")
struct CodeOwnersPatternTests {
  /// GitHub's documented examples (docs.github.com, "About code owners"), gitignore rules.
  @Test(arguments: [
    ("*", "README.md", true), ("*", "src/deep/file.go", true),
    ("*.js", "app.js", true), ("*.js", "src/app/main.js", true), ("*.js", "src/app.jsx", false),
    ("/build/logs/", "build/logs/run.log", true), ("/build/logs/", "build/logs/2026/run.log", true),
    ("/build/logs/", "src/build/logs/run.log", false), ("/build/logs/", "build/logs", false),
    ("docs/*", "docs/getting-started.md", true), ("docs/*", "docs/build-app/troubleshooting.md", false),
    ("docs/*", "src/docs/a.md", false),
    ("apps/", "apps/main.js", true), ("apps/", "src/apps/main.js", true), ("apps/", "apps", false),
    ("/docs/", "docs/a.md", true), ("/docs/", "src/docs/a.md", false),
    ("**/logs", "build/logs/a.log", true), ("**/logs", "scripts/logs/a.log", true),
    ("**/logs", "deeply/nested/logs/a.log", true), ("**/logs", "logs/a.log", true), ("**/logs", "logsx/a", false),
    ("/apps/github", "apps/github/a.rb", true), ("/apps/github", "apps/github", true),
    ("/apps/github", "apps/githubber/a.rb", false),
    ("docs/**", "docs/a/b.md", true), ("docs/**", "docs", false),
    ("src/**/test", "src/test/a.js", true), ("src/**/test", "src/a/b/test/c.js", true),
    ("cypress/e2e/pay", "cypress/e2e/pay/checkout.cy.js", true), ("cypress/e2e/pay", "x/cypress/e2e/pay/a", false),
    ("spec?.cy.js", "e2e/spec1.cy.js", true), ("spec?.cy.js", "e2e/spec10.cy.js", false),
    (##"\#notes.md"##, "#notes.md", true), ("*.cy.js", "e2e/.hidden.cy.js", true),
    ("[ab].js", "a.js", false), ("[ab].js", "[ab].js", true),
  ])
  func `GitHub reads a pattern as gitignore does`(_ pattern: String, _ path: String, _ matches: Bool) {
    #expect(CodeOwnersPattern(pattern, dialect: .github).matches(path) == matches)
  }

  /// GitLab's documented examples (docs.gitlab.com, "CODEOWNERS syntax") and its
  /// normalization: `/**/` before an unanchored pattern, `**/*` after a trailing slash.
  @Test(arguments: [
    ("*", "README.md", true), ("*", "app/models/user.rb", true),
    ("*.rb", "app/models/user.rb", true), ("*.rb", "user.rbx", false),
    ("/docs/", "docs/a.md", true), ("/docs/", "docs/api/b.md", true), ("/docs/", "ee/docs/a.md", false),
    ("/docs/*", "docs/a.md", true), ("/docs/*", "docs/api/b.md", false),
    ("/docs/**/*.md", "docs/a.md", true), ("/docs/**/*.md", "docs/api/v4/b.md", true),
    ("/docs/**/*.md", "docs/api/b.rb", false),
    ("lib/", "lib/a.rb", true), ("lib/", "ee/lib/a.rb", true),
    ("/config/", "config/db.yml", true), ("/config/", "ee/config/db.yml", false),
    ("README", "README", true), ("README", "docs/README", true), ("README", "README/file", false),
    ("ee/docs", "ee/docs", true), ("ee/docs", "x/ee/docs", true), ("ee/docs", "ee/docs/a.md", false),
    (#"path\ with\ spaces/"#, "path with spaces/a.md", true),
    ("docs/**", "docs/a.md", true), ("docs/**", "docs/a/b.md", false),
  ])
  func `GitLab reads a pattern as File.fnmatch does`(_ pattern: String, _ path: String, _ matches: Bool) {
    #expect(CodeOwnersPattern(pattern, dialect: .gitlab).matches(path) == matches)
  }
}
