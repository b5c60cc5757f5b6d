import { daEmailAndRoomMigration } from "./migration-da-email-room.js";

/** Schema versions, applied in order; never edit a shipped one, append a new one. */
export const migrations: readonly string[] = [
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
    has_smartcard INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    password_hash TEXT NOT NULL,
    password_changed_at INTEGER NOT NULL,
    password_expired INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX users_participant ON users (participant);

  CREATE TABLE password_history (
    id INTEGER PRIMARY KEY,
    user_key TEXT NOT NULL REFERENCES users (user_key) ON DELETE CASCADE,
    password_hash TEXT NOT NULL,
    changed_at INTEGER NOT NULL
  );
  CREATE INDEX password_history_user ON password_history (user_key, id);

  CREATE TABLE login_failures (user_key TEXT NOT NULL, at INTEGER NOT NULL);
  CREATE INDEX login_failures_user ON login_failures (user_key, at);

  CREATE TABLE lockouts (user_key TEXT PRIMARY KEY, locked_until INTEGER NOT NULL);

  CREATE TABLE logins (
    id INTEGER PRIMARY KEY,
    token_hash BLOB NOT NULL UNIQUE,
    user_key TEXT NOT NULL,
    state TEXT NOT NULL,
    factors TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    finished INTEGER NOT NULL DEFAULT 0,
    otp_hash BLOB,
    otp_expires_at INTEGER,
    otp_attempts INTEGER NOT NULL DEFAULT 0,
    otp_void INTEGER NOT NULL DEFAULT 0,
    otp_sent_at INTEGER,
    resends_used INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX logins_expiry ON logins (expires_at);

  CREATE TABLE sessions (
    token_hash BLOB PRIMARY KEY,
    user_key TEXT NOT NULL,
    auth_method TEXT NOT NULL,
    issued_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    absolute_expires_at INTEGER NOT NULL,
    revoked_at INTEGER
  );

  CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    to_address TEXT NOT NULL,
    user_id TEXT,
    subject TEXT NOT NULL,
    text TEXT NOT NULL,
    html TEXT,
    otp TEXT,
    sent_at INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('delivered', 'failed')),
    error TEXT
  );
  CREATE INDEX outbox_to ON outbox (to_address, id);
  CREATE INDEX outbox_user ON outbox (user_id, id);

  CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    user_id TEXT,
    event TEXT NOT NULL,
    method TEXT NOT NULL,
    outcome TEXT NOT NULL,
    client_address TEXT,
    detail TEXT
  );
  CREATE INDEX audit_user ON audit (user_id, id);
  `,
  // The computer's own time of each audit event beside the simulated one, for records of practice.
  `
  ALTER TABLE audit ADD COLUMN real_at INTEGER;
  CREATE INDEX audit_event ON audit (event, id);
  `,
  // Shared state that lived in process memory: the send of a code under way, smartcard challenges,
  // the control state (clock, pin, faults, scenario, the trainer's moment and situation, token).
  `
  ALTER TABLE logins ADD COLUMN otp_sending_since INTEGER;
  CREATE TABLE smartcard_challenges (
    login_key BLOB PRIMARY KEY,
    nonce BLOB NOT NULL,
    expires_at INTEGER NOT NULL
  );
  CREATE TABLE control_state (id INTEGER PRIMARY KEY CHECK (id = 1), state TEXT NOT NULL);
  `,
  // The readiness board: terminal PCs' connectivity results, and the audit log read by event.
  `
  CREATE TABLE pc_results (
    id INTEGER PRIMARY KEY,
    participant TEXT NOT NULL,
    pc_name TEXT NOT NULL,
    pc_key TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pass', 'warn', 'fail')),
    started_at INTEGER NOT NULL,
    failing_step TEXT,
    target TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('app', 'upload')),
    file_name TEXT,
    submitted_by TEXT NOT NULL,
    submitted_at INTEGER NOT NULL,
    report TEXT NOT NULL
  );
  CREATE INDEX pc_results_pc ON pc_results (participant, pc_key, started_at);
  CREATE INDEX audit_event_user ON audit (event, user_id, at);
  `,
  // Why a session was revoked (signed out, ended elsewhere, account locked, simulator reset).
  `
  ALTER TABLE sessions ADD COLUMN end_reason TEXT;
  `,
  daEmailAndRoomMigration,
];
