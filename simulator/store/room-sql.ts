import { type Role } from "../../shared/phases.js";
import { type RoomTraineeRecord } from "./room-store.js";
import { isSet, type Flag } from "./rows.js";

type Placeholder = (n: number) => string;

/** Events of the trainer and of HKEX's side are recorded against a user, but are not the user's doing. */
const ownEvent = (alias: string) => `${alias}.method NOT IN ('control', 'hkex')`;

/**
 * The room: every known user with a password attempt after audit event parameter 1, with their lock,
 * live session and newest sign-in (when still in progress) at parameter 2 (a session idle for parameter 3 ms is
 * over), and their latest event of their own.
 */
export const roomTraineesSql = (p: Placeholder): string => `
  WITH tried AS (
    SELECT DISTINCT user_id AS user_key FROM audit
    WHERE event = 'authn.password' AND id > ${p(1)} AND user_id IS NOT NULL),
  own AS (
    SELECT a.user_id AS user_key, max(a.id) AS last_id, count(*) AS own_events
    FROM tried t JOIN audit a ON a.user_id = t.user_key
    WHERE ${ownEvent("a")}
    GROUP BY a.user_id)
  SELECT u.user_key, u.user_id, u.display_name, u.role, u.participant, u.participant_name, u.has_smartcard,
    u.created_at, l.locked_until,
    EXISTS (SELECT 1 FROM sessions s WHERE s.user_key = u.user_key AND s.revoked_at IS NULL
      AND s.absolute_expires_at > ${p(2)} AND s.last_seen_at + ${p(3)} > ${p(2)}) AS signed_in,
    (SELECT CASE WHEN NOT g.finished AND g.expires_at > ${p(2)} THEN g.state END
      FROM logins g WHERE g.user_key = u.user_key ORDER BY g.id DESC LIMIT 1) AS login_state,
    o.last_id, o.own_events, last.at AS last_at, last.real_at AS last_real_at
  FROM own o
  JOIN users u ON u.user_key = o.user_key
  JOIN audit last ON last.id = o.last_id
  LEFT JOIN lockouts l ON l.user_key = u.user_key AND l.locked_until > ${p(2)}
  ORDER BY u.participant, u.user_key`;

export interface RoomTraineeRow {
  user_key: string;
  user_id: string;
  display_name: string;
  role: Role;
  participant: string;
  participant_name: string;
  has_smartcard: Flag;
  created_at: number;
  locked_until: number | null;
  signed_in: Flag;
  login_state: string | null;
  last_id: number;
  own_events: number;
  last_at: number;
  last_real_at: number | null;
}

export function roomTraineeFromRow(row: RoomTraineeRow): RoomTraineeRecord {
  return {
    userKey: row.user_key,
    userId: row.user_id,
    displayName: row.display_name,
    role: row.role,
    participant: row.participant,
    participantName: row.participant_name,
    hasSmartcard: isSet(row.has_smartcard),
    createdAt: row.created_at,
    lockedUntil: row.locked_until,
    signedIn: isSet(row.signed_in),
    loginState: row.login_state,
    lastId: Number(row.last_id),
    ownEvents: Number(row.own_events),
    lastAt: row.last_at,
    lastRealAt: row.last_real_at,
  };
}

/**
 * What starting one trainee over (parameter 1, their normalized user ID) forgets: their sign-ins in
 * progress with their codes, failures, lock and mail, and their audit events, with the email
 * registrations they made as a DA (`by <user>:` in the detail, `submitted by <user>:` once processed).
 */
export const forgetTraineeSql = (p: Placeholder): string[] => [
  `DELETE FROM logins WHERE user_key = ${p(1)}`,
  `DELETE FROM login_failures WHERE user_key = ${p(1)}`,
  `DELETE FROM lockouts WHERE user_key = ${p(1)}`,
  `DELETE FROM outbox WHERE user_id = ${p(1)}`,
  `DELETE FROM audit WHERE (user_id = ${p(1)} AND ${ownEvent("audit")})
     OR (event IN ('admin.email.set', 'admin.da-email.apply')
       AND lower(substr(detail, 1, length(${p(1)}) + 4)) = 'by ' || ${p(1)} || ':')
     OR (event = 'hkex.da-email.processed'
       AND lower(substr(detail, 1, length(${p(1)}) + 14)) = 'submitted by ' || ${p(1)} || ':')`,
];
