// The replicas' own tables in the mirror's PostgreSQL, apart from the store's schema and
// its migrations: the shared upstream budget (grant times of the last minute, the 429
// pause and the 401 cool-down) and the leader's latest sync status. Created idempotently
// at every start, under an advisory lock: two replicas starting together would otherwise
// race on CREATE (a unique violation on the catalog), not on the tables' contents.

/**
 * Advisory lock keys, fixed for every replica of one database (a database's advisory
 * locks are its own). Other code on this database must not use these numbers.
 */
export const lockKeys = {
  /** Session lock held by the replica that runs the sync. */
  leader: 746_020_131,
  /** Transaction lock around one decision of the shared budget. */
  ledger: 746_020_132,
  /** Session lock around start-up steps that must not race (this schema, the binding). */
  startup: 746_020_133,
} as const

export const channels = {
  status: 'dashboard_cluster_status',
  views: 'dashboard_cluster_views',
  /** The leader gave the lock up (it is stopping): followers try for it at once. */
  resigned: 'dashboard_cluster_resigned',
}

/** How long a grant counts against the budget: the upstream's own window. */
const windowSql = `interval '60 seconds'`

export const schemaSql = `
CREATE TABLE IF NOT EXISTS cluster_grants (granted_at timestamptz NOT NULL);
CREATE INDEX IF NOT EXISTS cluster_grants_granted_at ON cluster_grants (granted_at);
CREATE TABLE IF NOT EXISTS cluster_budget (
  id smallint PRIMARY KEY CHECK (id = 1),
  paused_until timestamptz,
  unauthorized_until timestamptz
);
INSERT INTO cluster_budget (id) VALUES (1) ON CONFLICT DO NOTHING;
CREATE TABLE IF NOT EXISTS cluster_status (
  id smallint PRIMARY KEY CHECK (id = 1),
  body text NOT NULL,
  updated_at timestamptz NOT NULL
);
-- One grant of the shared budget, decided atomically across replicas on the database
-- server's clock. 'granted' or 'probe' (granted, and the first call since a 401
-- cool-down ended: the others are refused until it proves or fails the key), else
-- 'unauthorized', 'paused' or 'full' with the milliseconds until it may be asked again.
CREATE OR REPLACE FUNCTION cluster_take_grant(grant_limit integer, probe_ms integer)
RETURNS TABLE (outcome text, wait_ms double precision)
LANGUAGE plpgsql AS $fn$
DECLARE
  t timestamptz;
  budget cluster_budget%ROWTYPE;
  held integer;
  frees timestamptz;
BEGIN
  PERFORM pg_advisory_xact_lock(${lockKeys.ledger});
  t := clock_timestamp();
  DELETE FROM cluster_grants WHERE granted_at <= t - ${windowSql};
  SELECT * INTO budget FROM cluster_budget WHERE id = 1;
  IF budget.unauthorized_until > t THEN
    RETURN QUERY SELECT 'unauthorized'::text,
      extract(epoch FROM budget.unauthorized_until - t)::double precision * 1000;
    RETURN;
  END IF;
  IF budget.paused_until > t THEN
    RETURN QUERY SELECT 'paused'::text,
      extract(epoch FROM budget.paused_until - t)::double precision * 1000;
    RETURN;
  END IF;
  SELECT count(*) INTO held FROM cluster_grants;
  IF held >= grant_limit THEN
    SELECT granted_at INTO frees FROM cluster_grants
      ORDER BY granted_at OFFSET held - grant_limit LIMIT 1;
    RETURN QUERY SELECT 'full'::text,
      extract(epoch FROM frees + ${windowSql} - t)::double precision * 1000;
    RETURN;
  END IF;
  INSERT INTO cluster_grants (granted_at) VALUES (t);
  IF budget.unauthorized_until IS NOT NULL THEN
    UPDATE cluster_budget SET unauthorized_until = t + probe_ms * interval '1 millisecond'
      WHERE id = 1;
    RETURN QUERY SELECT 'probe'::text, 0::double precision;
    RETURN;
  END IF;
  RETURN QUERY SELECT 'granted'::text, 0::double precision;
END
$fn$;
`
