/// The tables finishline keeps in its state database, created and migrated by finishline
/// itself (docs/POSTGRESQL.md describes them).
enum PostgresSchema {
  /// The version this build writes; a database at a newer one is refused, never changed.
  static let version = 1

  /// The advisory-lock class of every lock finishline takes ("FiNi"); the second key is the
  /// run's `hashtext`, or 0 for the schema itself.
  static let lockClass: Int32 = 0x4669_4E69

  /// Read on every connection: the schema's version, or SQLSTATE 42P01 before the first run.
  static let versionQuery = "SELECT max(version) FROM finishline_schema"

  /// Everything version 1 needs, in one transaction that waits for any other host doing the
  /// same (the advisory lock), so two first checks on two hosts cannot race the DDL.
  static let create = """
    BEGIN;
    SELECT pg_advisory_xact_lock(\(lockClass), 0);
    CREATE TABLE IF NOT EXISTS finishline_schema (
      version integer PRIMARY KEY,
      migrated_at timestamptz NOT NULL DEFAULT now()
    );
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
    INSERT INTO finishline_schema (version) VALUES (1) ON CONFLICT DO NOTHING;
    COMMIT;
    """
}
