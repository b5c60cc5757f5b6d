/**
 * The SQL both adapters share for what the audit log tells about sign-ins; `p(n)` writes the n-th
 * parameter in the adapter's own way (`?1` in SQLite, `$1` in PostgreSQL).
 */
type Placeholder = (n: number) => string;

/**
 * A failed attempt: a wrong password (at sign-in or at unlocking), a wrong or void code, a refused
 * card; or a try while locked out. A condition over `audit` aliased `f`.
 */
export const failedAttemptSql = `f.event IN ('authn.password', 'authn.otp', 'authn.smartcard', 'session.reauthenticate')
  AND (f.outcome LIKE 'failure%' OR f.outcome = 'locked-out')`;

/**
 * A participant's users (parameter 1) with what the readiness board needs of each, in one read:
 * email, card, the lock in force at parameter 2, their first and last sign-ins with 2FA and with the
 * card, and their failed attempts since the last sign-in.
 */
export const boardUsersSql = (p: Placeholder): string => `
  WITH members AS MATERIALIZED (
    SELECT user_key, user_id, display_name, role, email, has_smartcard FROM users WHERE participant = ${p(1)}),
  successes AS MATERIALIZED (
    SELECT a.user_id AS user_key,
      min(CASE WHEN a.method = 'otp' THEN a.at END) AS first_2fa,
      max(CASE WHEN a.method = 'otp' THEN a.at END) AS last_2fa,
      max(CASE WHEN a.method = 'smartcard' THEN a.at END) AS last_card,
      max(a.at) AS last_any
    FROM members m JOIN audit a ON a.event = 'authn.success' AND a.user_id = m.user_key
    GROUP BY a.user_id),
  failures AS (
    SELECT f.user_id AS user_key, count(*) AS n
    FROM members m JOIN audit f ON f.user_id = m.user_key
    LEFT JOIN successes s ON s.user_key = m.user_key
    WHERE ${failedAttemptSql} AND f.at > coalesce(s.last_any, -1)
    GROUP BY f.user_id)
  SELECT m.user_id, m.display_name, m.role, m.email, m.has_smartcard, l.locked_until,
    s.first_2fa, s.last_2fa, s.last_card, coalesce(f.n, 0) AS failures
  FROM members m
  LEFT JOIN lockouts l ON l.user_key = m.user_key AND l.locked_until > ${p(2)}
  LEFT JOIN successes s ON s.user_key = m.user_key
  LEFT JOIN failures f ON f.user_key = m.user_key
  ORDER BY m.user_key`;

/** Each PC's latest result of a participant (parameter 1), by the time its check started, and its count. */
export const latestPcResultsSql = (p: Placeholder): string => `
  SELECT r.participant, r.pc_name, r.status, r.started_at, r.failing_step, r.target, r.source, r.file_name,
    r.submitted_by, r.submitted_at, c.result_count
  FROM (SELECT pc_key, max(started_at) AS latest, count(*) AS result_count
        FROM pc_results WHERE participant = ${p(1)} GROUP BY pc_key) c
  JOIN pc_results r ON r.participant = ${p(1)} AND r.pc_key = c.pc_key AND r.started_at = c.latest
  ORDER BY r.pc_key`;

/** The user's (parameter 1) last successful sign-in before parameter 2. */
export const lastSignInSql = (p: Placeholder): string =>
  `SELECT at, method FROM audit WHERE event = 'authn.success' AND user_id = ${p(1)} AND at < ${p(2)}
   ORDER BY at DESC, id DESC LIMIT 1`;

/** The user's (parameter 1) failed attempts after parameter 2: how many, and the last one's time. */
export const failuresSinceSql = (p: Placeholder): string =>
  `SELECT count(*) AS n, max(f.at) AS last FROM audit f
   WHERE f.user_id = ${p(1)} AND ${failedAttemptSql} AND f.at > ${p(2)}`;

/** A PC is one whatever the case of its name. */
export const pcKey = (pcName: string): string => pcName.toLowerCase();
