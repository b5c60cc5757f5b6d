import { memo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { BoardUser } from "../../../shared/wire/readiness.js";
import { formatDateTime } from "../../ui/dates.js";
import { LockedUntil } from "../admin/locked-until.js";
import type { UserFilter } from "./readiness-store.js";

/** Rows shown at first, and added by "Show more": a participant may have thousands of users. */
export const PAGE_ROWS = 200;

interface Props {
  users: BoardUser[];
  filter: UserFilter;
  onFilter: (filter: UserFilter) => void;
}

/** The participant's users: what each still needs, and their sign-ins. */
export function BoardUsers({ users, filter, onFilter }: Props) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(PAGE_ROWS);
  const rows = filter === "all" ? users : users.filter((user) => user.needs.length > 0);
  const filters: UserFilter[] = ["needs-action", "all"];

  return (
    <section aria-labelledby="board-users-title">
      <h2 id="board-users-title">{t("readiness.users.title")}</h2>
      <div className="board-filters" role="group" aria-label={t("readiness.users.filterLabel")}>
        {filters.map((each) => (
          <button
            key={each}
            type="button"
            className={filter === each ? "primary" : "secondary"}
            aria-pressed={filter === each}
            onClick={() => {
              onFilter(each);
              setShown(PAGE_ROWS);
            }}
          >
            {t(`readiness.users.filter.${each}`, {
              count: each === "all" ? users.length : users.filter((u) => u.needs.length > 0).length,
            })}
          </button>
        ))}
      </div>
      {rows.length === 0 ? (
        <p className="hint">
          {t(filter === "all" ? "readiness.users.none" : "readiness.users.noneNeedAction")}
        </p>
      ) : (
        <div className="table-scroll">
          <table className="board-table board-users">
            <caption className="visually-hidden">{t("readiness.users.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("admin.columns.userId")}</th>
                <th scope="col">{t("admin.columns.name")}</th>
                <th scope="col">{t("admin.columns.email")}</th>
                <th scope="col">{t("readiness.users.smartcard")}</th>
                <th scope="col">{t("readiness.users.locked")}</th>
                <th scope="col">{t("readiness.users.twoFactor")}</th>
                <th scope="col">{t("readiness.users.lastSignIn")}</th>
                <th scope="col">{t("readiness.users.needs")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.slice(0, shown).map((user) => (
                <UserRow key={user.userId} user={user} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {shown < rows.length ? (
        <button type="button" className="secondary" onClick={() => setShown(shown + PAGE_ROWS)}>
          {t("readiness.showMore", {
            count: Math.min(PAGE_ROWS, rows.length - shown),
            left: rows.length - shown,
          })}
        </button>
      ) : null}
    </section>
  );
}

const UserRow = memo(function UserRow({ user }: { user: BoardUser }) {
  const { t, i18n } = useTranslation();
  const when = (iso: string) => formatDateTime(iso, i18n.language);
  return (
    <tr data-user-id={user.userId} data-needs={user.needs.join(" ") || "none"}>
      <th scope="row" className="admin-user-id">
        {user.userId}
      </th>
      <td>
        {user.displayName}
        {user.role === "da" ? <span className="tag">{t("admin.roles.da")}</span> : null}
      </td>
      <td>
        {user.emailRegistered ? (
          <>
            <span className="email-yes">{t("admin.registered")}</span>{" "}
            <span className="masked-email">{user.maskedEmail}</span>
          </>
        ) : (
          <span className="email-no">{t("admin.notRegistered")}</span>
        )}
      </td>
      <td>{t(user.hasSmartcard ? "readiness.yes" : "readiness.no")}</td>
      <td>
        <LockedUntil lockedUntil={user.lockedUntil} />
      </td>
      <td>
        {user.first2faSignInAt && user.last2faSignInAt ? (
          <>
            {t("readiness.users.first")}{" "}
            <time dateTime={user.first2faSignInAt}>{when(user.first2faSignInAt)}</time>
            <br />
            {t("readiness.users.last")}{" "}
            <time dateTime={user.last2faSignInAt}>{when(user.last2faSignInAt)}</time>
          </>
        ) : (
          <strong className="never">{t("readiness.users.never")}</strong>
        )}
      </td>
      <td>
        {user.lastSignIn ? (
          <>
            <time dateTime={user.lastSignIn.at}>{when(user.lastSignIn.at)}</time> (
            {t(`desktop.methods.${user.lastSignIn.method}`)})
          </>
        ) : (
          <span className="hint">{t("readiness.users.noSignIn")}</span>
        )}
        {user.failedAttemptsSinceLastSignIn > 0 ? (
          <span className="failed-attempts">
            {t("readiness.users.failedSince", { count: user.failedAttemptsSinceLastSignIn })}
          </span>
        ) : null}
      </td>
      <td>
        {user.needs.length === 0 ? (
          <span className="need-none">{t("readiness.users.ready")}</span>
        ) : (
          <ul className="needs">
            {user.needs.map((need) => (
              <li key={need}>{t(`readiness.needs.${need}`)}</li>
            ))}
          </ul>
        )}
      </td>
    </tr>
  );
});
