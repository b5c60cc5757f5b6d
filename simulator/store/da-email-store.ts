import { type DaEmailStatus } from "../../shared/wire/da-email.js";

/** A DA's email application as stored: times are simulated milliseconds, user IDs as given. */
export interface DaEmailRecord {
  id: number;
  participant: string;
  /** The normalized user ID of the DA whose address it is. */
  userKey: string;
  userId: string;
  displayName: string;
  email: string;
  submittedBy: string;
  submittedAt: number;
  status: DaEmailStatus;
  dueAt: number;
  processedAt: number | null;
  late: boolean;
}

export type NewDaEmailApplication = Omit<DaEmailRecord, "id" | "status" | "processedAt">;

/** An application HKEX processed: it, and the address it replaced (null when the DA had none). */
export interface ProcessedDaEmail {
  application: DaEmailRecord;
  previousEmail: string | null;
}

export interface DaEmailFilter {
  status?: DaEmailStatus | undefined;
  participant?: string | undefined;
  userKey?: string | undefined;
}

/**
 * DAs' email applications to HKEX. Each decision is one atomic step in the database: a new
 * application supersedes the DA's pending one; processing claims each pending application once,
 * whichever instance asks, and sets the DA's address with it.
 */
export interface DaEmailStore {
  /** Files an application; one still pending for the same DA is superseded at its submission time. */
  submit(application: NewDaEmailApplication): Promise<DaEmailRecord>;
  /** Oldest first. */
  list(filter: DaEmailFilter): Promise<DaEmailRecord[]>;
  /** Whether an application pending at `dueBy` is due (a read, cheaper than `process`). */
  anyDue(dueBy: number): Promise<boolean>;
  /**
   * Makes every application pending and due by `dueBy` effective (processed at the earlier of its due
   * time and `now`) and sets each DA's address; answers the ones this call processed.
   */
  process(dueBy: number, now: number): Promise<ProcessedDaEmail[]>;
}
