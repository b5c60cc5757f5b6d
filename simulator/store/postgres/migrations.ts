import { daEmailAndRoomMigration } from "./migration-da-email-room.js";
import { guardedWritesMigration } from "./migration-guarded-writes.js";

/**
 * The PostgreSQL schema, version by version; never edit a shipped one, append a new one. The
 * same tables as SQLite's, with PostgreSQL's types: BIGINT milliseconds, BYTEA, BOOLEAN, JSONB.
 */
export const postgresMigrations: readonly string[] = [
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

  CREATE TABLE users (
    user_key TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('user', 'da')),
    participant TEXT NOT NULL,
    participant_name TEXT NOT NULL,
    clearing_house TEXT NOT NULL CHECK (clearing_house IN ('HKSCC', 'HKCC', 'SEOCH')),
    email TEXT,
    has_smartcard BOOLEAN NOT NULL DEFAULT false,
    created_at BIGINT NOT NULL,
    password_hash TEXT NOT NULL,
    password_changed_at BIGINT NOT NULL,
    password_expired BOOLEAN NOT NULL DEFAULT false
  );
  CREATE INDEX users_participant ON users (participant);

  CREATE TABLE password_history (
    id BIGSERIAL PRIMARY KEY,
    user_key TEXT NOT NULL REFERENCES users (user_key) ON DELETE CASCADE,
    password_hash TEXT NOT NULL,
    changed_at BIGINT NOT NULL
  );
  CREATE INDEX password_history_user ON password_history (user_key, id);

  CREATE TABLE login_failures (user_key TEXT NOT NULL, at BIGINT NOT NULL);
  CREATE INDEX login_failures_user ON login_failures (user_key, at);

  CREATE TABLE lockouts (user_key TEXT PRIMARY KEY, locked_until BIGINT NOT NULL);

  CREATE TABLE logins (
    id BIGSERIAL PRIMARY KEY,
    token_hash BYTEA NOT NULL UNIQUE,
    user_key TEXT NOT NULL,
    state TEXT NOT NULL,
    factors TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    finished BOOLEAN NOT NULL DEFAULT false,
    otp_hash BYTEA,
    otp_expires_at BIGINT,
    otp_attempts INTEGER NOT NULL DEFAULT 0,
    otp_void BOOLEAN NOT NULL DEFAULT false,
    otp_sent_at BIGINT,
    resends_used INTEGER NOT NULL DEFAULT 0,
    otp_sending_since BIGINT
  );
  CREATE INDEX logins_expiry ON logins (expires_at);

  CREATE TABLE sessions (
    token_hash BYTEA PRIMARY KEY,
    user_key TEXT NOT NULL,
    auth_method TEXT NOT NULL,
    issued_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    absolute_expires_at BIGINT NOT NULL,
    revoked_at BIGINT
  );
  CREATE INDEX sessions_user ON sessions (user_key);

  CREATE TABLE outbox (
    id BIGSERIAL PRIMARY KEY,
    to_address TEXT NOT NULL,
    user_id TEXT,
    subject TEXT NOT NULL,
    text TEXT NOT NULL,
    html TEXT,
    otp TEXT,
    sent_at BIGINT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('delivered', 'failed')),
    error TEXT
  );
  CREATE INDEX outbox_to ON outbox (lower(to_address), id);
  CREATE INDEX outbox_user ON outbox (user_id, id);

  CREATE TABLE audit (
    id BIGSERIAL PRIMARY KEY,
    at BIGINT NOT NULL,
    user_id TEXT,
    event TEXT NOT NULL,
    method TEXT NOT NULL,
    outcome TEXT NOT NULL,
    client_address TEXT,
    detail TEXT,
    real_at BIGINT
  );
  CREATE INDEX audit_user ON audit (user_id, id);
  CREATE INDEX audit_event ON audit (event, id);

  CREATE TABLE smartcard_challenges (
    login_key BYTEA PRIMARY KEY,
    nonce BYTEA NOT NULL,
    expires_at BIGINT NOT NULL
  );

  CREATE TABLE control_state (id INTEGER PRIMARY KEY CHECK (id = 1), state JSONB NOT NULL);

  -- Counts of the per-address rate limit: worth no WAL (a crash forgets a minute's counts).
  CREATE UNLOGGED TABLE rate_limits (key TEXT PRIMARY KEY, window_start BIGINT NOT NULL, hits INTEGER NOT NULL);
  `,
  // The readiness board (terminal PCs' connectivity results, the audit log read by event and user), and
  // why a session was revoked (signed out, ended elsewhere, account locked, simulator reset).
  `
  CREATE TABLE pc_results (
    id BIGSERIAL PRIMARY KEY,
    participant TEXT NOT NULL,
    pc_name TEXT NOT NULL,
    pc_key TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pass', 'warn', 'fail')),
    started_at BIGINT NOT NULL,
    failing_step TEXT,
    target TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('app', 'upload')),
    file_name TEXT,
    submitted_by TEXT NOT NULL,
    submitted_at BIGINT NOT NULL,
    report TEXT NOT NULL
  );
  CREATE INDEX pc_results_pc ON pc_results (participant, pc_key, started_at);
  CREATE INDEX audit_event_user ON audit (event, user_id, at);
  ALTER TABLE sessions ADD COLUMN end_reason TEXT;
  `,
  daEmailAndRoomMigration,
  guardedWritesMigration,
];
