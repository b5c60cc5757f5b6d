import { type DaEmailStatus } from "../../shared/wire/da-email.js";
import { type DaEmailRecord } from "./da-email-store.js";
import { isSet, type Flag } from "./rows.js";

/** A row of `da_email_applications` as both adapters read it (`late` is SQLite's 0/1 or a boolean). */
export interface DaEmailRow {
  id: number;
  participant: string;
  user_key: string;
  user_id: string;
  display_name: string;
  email: string;
  submitted_by: string;
  submitted_at: number;
  status: DaEmailStatus;
  due_at: number;
  processed_at: number | null;
  late: Flag;
}

export function daEmailFromRow(row: DaEmailRow): DaEmailRecord {
  return {
    id: Number(row.id),
    participant: row.participant,
    userKey: row.user_key,
    userId: row.user_id,
    displayName: row.display_name,
    email: row.email,
    submittedBy: row.submitted_by,
    submittedAt: row.submitted_at,
    status: row.status,
    dueAt: row.due_at,
    processedAt: row.processed_at,
    late: isSet(row.late),
  };
}

/** The list's filters, each a parameter that matches every row when null: status, participant, user. */
export const daEmailListSql = (p: (n: number) => string): string => `
  SELECT * FROM da_email_applications
  WHERE (${p(1)} IS NULL OR status = ${p(1)})
    AND (${p(2)} IS NULL OR participant = ${p(2)})
    AND (${p(3)} IS NULL OR user_key = ${p(3)})
  ORDER BY id`;
