import type { TFunction } from "i18next";
import { isLockedUntilUnlocked } from "../../../shared/wire/admin.js";
import type { Room } from "../../../shared/wire/room.js";
import { csvFile, csvLine as line } from "../../ui/csv.js";
import { formatDateTime } from "../../ui/dates.js";

/**
 * The room's record as one CSV file in the chosen language: when and since when, then a row per
 * trainee. Every time in Hong Kong time; the last activity both as simulated and as this computer's.
 */
export function roomCsv(room: Room, t: TFunction, language: string, exportedAt: Date): string {
  const when = (iso: string | null) => (iso === null ? "" : formatDateTime(iso, language));
  const itemTitle = (id: string) => t(`practice.items.${id}.title`);
  const lines = [
    line([t("room.csv.title")]),
    line([t("room.csv.exportedAt"), when(exportedAt.toISOString())]),
    line([t("room.csv.simulated"), when(room.now), t(`phases.${room.phase}`)]),
    line([
      t("room.csv.since"),
      room.since === null ? t("room.csv.never") : when(room.since.realAt ?? room.since.at),
    ]),
    "",
    line([
      t("admin.columns.userId"),
      t("admin.columns.name"),
      t("admin.columns.role"),
      t("room.columns.participant"),
      t("room.columns.signedIn"),
      t("room.columns.locked"),
      t("room.columns.step"),
      t("room.csv.practiceDone"),
      t("room.csv.practiceApplicable"),
      t("room.csv.itemsDone"),
      t("room.csv.itemsWaiting"),
      t("room.csv.lastSimulated"),
      t("room.csv.lastReal"),
    ]),
    ...room.trainees.map((trainee) =>
      line([
        trainee.userId,
        trainee.displayName,
        t(`admin.roles.${trainee.role}`),
        `${trainee.participant} ${trainee.participantName}`,
        t(trainee.signedIn ? "room.signedIn" : "room.notSignedIn"),
        trainee.lockedUntil === null
          ? ""
          : isLockedUntilUnlocked(trainee.lockedUntil)
            ? t("admin.untilUnlocked")
            : when(trainee.lockedUntil),
        t(`room.steps.${trainee.step}`),
        trainee.practice.done,
        trainee.practice.applicable,
        trainee.practice.items
          .filter((item) => item.done)
          .map((item) => itemTitle(item.id))
          .join("; "),
        trainee.practice.items
          .filter((item) => item.pending && !item.done)
          .map((item) => itemTitle(item.id))
          .join("; "),
        when(trainee.lastActivityAt),
        when(trainee.lastActivityRealAt),
      ]),
    ),
  ];
  return csvFile(lines);
}

/** `ccms-room-2026-12-07-0930.csv`, by the export's Hong Kong time. */
export function roomCsvFileName(exportedAt: Date): string {
  const hkt = new Date(exportedAt.getTime() + 8 * 3_600_000).toISOString();
  return `ccms-room-${hkt.slice(0, 10)}-${hkt.slice(11, 13)}${hkt.slice(14, 16)}.csv`;
}
