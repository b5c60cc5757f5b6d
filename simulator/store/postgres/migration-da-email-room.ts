/**
 * DAs' email applications to HKEX, and what the trainer's view of the room reads by user: sign-ins in
 * progress (sessions have their index since the first version).
 */
export const daEmailAndRoomMigration = `
  CREATE TABLE da_email_applications (
    id BIGSERIAL PRIMARY KEY,
    participant TEXT NOT NULL,
    user_key TEXT NOT NULL,
    user_id TEXT NOT NULL,
    display_name TEXT NOT NULL,
    email TEXT NOT NULL,
    submitted_by TEXT NOT NULL,
    submitted_at BIGINT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('processing', 'effective', 'superseded')),
    due_at BIGINT NOT NULL,
    processed_at BIGINT,
    late BOOLEAN NOT NULL DEFAULT false
  );
  CREATE INDEX da_email_pending ON da_email_applications (due_at) WHERE status = 'processing';
  CREATE INDEX da_email_user ON da_email_applications (user_key, id);
  CREATE INDEX da_email_participant ON da_email_applications (participant, id);
  CREATE INDEX logins_user ON logins (user_key, id);
`;
