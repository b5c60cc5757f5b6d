import { memo } from "react";
import { useTranslation } from "react-i18next";
import type { BoardUser, ReadinessBoard } from "../../../shared/wire/readiness.js";
import { formatDateTime } from "../../ui/dates.js";
import { ApplicationStatus } from "../admin/application-status.js";
import { LockedUntil } from "../admin/locked-until.js";
import { PAGE_ROWS, type UserFilter } from "./readiness-store.js";

interface Props {
  users: ReadinessBoard["users"];
  filter: UserFilter;
  loading: boolean;
  onFilter: (filter: UserFilter) => void;
  onShowMore: () => void;
}

/** The participant's users: what each still needs, and their sign-ins; a page at a time. */
export function BoardUsers({ users, filter, loading, onFilter, onShowMore }: Props) {
  const { t } = useTranslation();
  const filters: UserFilter[] = ["needs-action", "all"];
  const left = users.matching - users.items.length;

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
            onClick={() => onFilter(each)}
          >
            {t(`readiness.users.filter.${each}`, { count: each === "all" ? users.total : users.notReady })}
          </button>
        ))}
      </div>
      {users.items.length === 0 ? (
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
              {users.items.map((user) => (
                <UserRow key={user.userId} user={user} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {left > 0 ? (
        <button type="button" className="secondary" disabled={loading} onClick={onShowMore}>
          {t("readiness.showMore", { count: Math.min(PAGE_ROWS, left), left })}
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
        {user.emailApplication ? <ApplicationStatus application={user.emailApplication} /> : null}
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
