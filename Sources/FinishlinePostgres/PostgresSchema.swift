/// The tables finishline keeps in its state database, created and upgraded by finishline itself
/// through `migrations` (docs/POSTGRESQL.md describes them).
enum PostgresSchema {
  /// One step of the schema: applied once, in order, inside a transaction that also records it
  /// in `finishline_schema`, so a database at any earlier version reaches the latest and a step
  /// that fails leaves the database as it was.
  struct Migration: Sendable {
    var version: Int
    /// What it changes, for the log line of the invocation that applies it.
    var summary: String
    var sql: String
  }

  /// Every step, in version order. Never edit a step that shipped: add the next one.
  static let migrations = [
    Migration(
      version: 1, summary: "runs, delivery claims, records set aside, alert subscriptions, cancels",
      sql: version1),
    Migration(
      version: 2, summary: "an index of open runs, which every check counts for its metrics",
      sql: "CREATE INDEX IF NOT EXISTS finishline_runs_open ON finishline_runs (run) WHERE open AND parent IS NULL;"),
    Migration(version: 3, summary: "series' histories: their tests and recorded runs", sql: version3),
  ]

  /// The version this build writes; a database at a newer one is refused, never changed.
  static var version: Int { migrations.last?.version ?? 0 }

  /// The advisory-lock class of every lock finishline takes ("FiNi"); the second key is the
  /// run's `hashtext`, or 0 for the schema itself.
  static let lockClass: Int32 = 0x4669_4E69

  /// Read on every connection: the schema's version, or SQLSTATE 42P01 before the first run.
  static let versionQuery = "SELECT max(version) FROM finishline_schema"

  /// The steps a database at `current` (`nil`: no schema at all) still needs.
  static func pending(from current: Int?) -> [Migration] {
    migrations.filter { $0.version > (current ?? 0) }
  }

  /// One migration as a script: it waits for any other host upgrading the same database (the
  /// advisory lock), skips itself when that host already applied it, and records its version.
  static func script(_ migration: Migration) -> String {
    """
    BEGIN;
    SELECT pg_advisory_xact_lock(\(lockClass), 0);
    CREATE TABLE IF NOT EXISTS finishline_schema (
      version integer PRIMARY KEY,
      migrated_at timestamptz NOT NULL DEFAULT now()
    );
    DO $finishline$
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM finishline_schema WHERE version >= \(migration.version)) THEN
        \(migration.sql)
        INSERT INTO finishline_schema (version) VALUES (\(migration.version));
      END IF;
    END
    $finishline$;
    COMMIT;
    """
  }

  /// The tables of 0.4.0, the first schema.
  static let version1 = """
    CREATE TABLE IF NOT EXISTS finishline_runs (
      run text PRIMARY KEY,
      parent text,
      open boolean NOT NULL,
      record text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE IF NOT EXISTS finishline_deliveries (
      scope text NOT NULL,
      target text NOT NULL,
      kind text NOT NULL,
      run text NOT NULL,
      outcome text NOT NULL,
      holder text NOT NULL,
      holder_pid integer NOT NULL,
      holder_start timestamptz,
      claims integer NOT NULL DEFAULT 1,
      claimed_at timestamptz NOT NULL DEFAULT now(),
      lease_until timestamptz,
      settled_at timestamptz,
      PRIMARY KEY (scope, target, kind)
    );
    CREATE TABLE IF NOT EXISTS finishline_set_aside (
      id bigserial PRIMARY KEY,
      run text NOT NULL,
      record text NOT NULL,
      problem text NOT NULL,
      set_aside_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE IF NOT EXISTS finishline_alerts (
      id text PRIMARY KEY,
      subscription text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE IF NOT EXISTS finishline_cancels (
      run text PRIMARY KEY,
      note text NOT NULL,
      cancelled_at timestamptz NOT NULL DEFAULT now()
    );
    """

  /// Series' histories (SPEC §8.1): a series' table of test names, newline-separated, and a
  /// row per recorded build with one outcome letter per test of that table.
  static let version3 = """
    CREATE TABLE IF NOT EXISTS finishline_series (
      series text PRIMARY KEY,
      tests text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE IF NOT EXISTS finishline_series_runs (
      series text NOT NULL REFERENCES finishline_series (series) ON DELETE CASCADE,
      build text NOT NULL,
      position integer NOT NULL,
      state text NOT NULL,
      recorded_at timestamptz NOT NULL,
      counts text NOT NULL,
      outcomes text NOT NULL,
      PRIMARY KEY (series, build)
    );
    """
}
