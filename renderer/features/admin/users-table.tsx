import { useTranslation } from "react-i18next";
import type { AdminUser } from "../../../shared/wire/admin.js";
import { useSession } from "../session/session-store.js";
import { useAdmin } from "./admin-store.js";
import { ApplicationStatus } from "./application-status.js";
import { LockedUntil } from "./locked-until.js";

interface Props {
  participant: string;
  users: AdminUser[];
  /** Each row's email button, so focus can return to it when its form closes. */
  buttonRef: (userId: string, button: HTMLButtonElement | null) => void;
  onUnlocked: (userId: string) => void;
}

/** The participant's users: who has an email registered for 2FA, who is locked, and what the DA can do. */
export function UsersTable({ participant, users, buttonRef, onUnlocked }: Props) {
  const { t } = useTranslation();
  const editing = useAdmin((s) => s.editing);
  const unlocking = useAdmin((s) => s.unlocking);
  const edit = useAdmin((s) => s.edit);
  const unlock = useAdmin((s) => s.unlock);
  const lock = useAdmin((s) => s.lock);
  const ownUserId = useSession((s) => s.session?.userId);

  return (
    <table className="admin-users">
      <caption>{t("admin.caption", { participant })}</caption>
      <thead>
        <tr>
          <th scope="col">{t("admin.columns.userId")}</th>
          <th scope="col">{t("admin.columns.name")}</th>
          <th scope="col">{t("admin.columns.role")}</th>
          <th scope="col">{t("admin.columns.email")}</th>
          <th scope="col">{t("admin.columns.lockedUntil")}</th>
          <th scope="col">{t("admin.columns.actions")}</th>
        </tr>
      </thead>
      <tbody>
        {users.map((user) => (
          <tr key={user.userId} data-user-id={user.userId}>
            <th scope="row" className="admin-user-id">
              {user.userId}
            </th>
            <td>{user.displayName}</td>
            <td>{t(`admin.roles.${user.role}`)}</td>
            <td data-testid="email-status">
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
            <td>
              <LockedUntil lockedUntil={user.lockedUntil} />
            </td>
            <td>
              <div className="row-actions">
                <button
                  type="button"
                  className="secondary"
                  ref={(button) => buttonRef(user.userId, button)}
                  aria-label={t(emailAction(user).label, { userId: user.userId })}
                  aria-expanded={editing === user.userId}
                  onClick={() => edit(editing === user.userId ? null : user.userId)}
                >
                  {t(emailAction(user).text)}
                </button>
                {user.lockedUntil ? (
                  <button
                    type="button"
                    className="secondary"
                    aria-label={t(unlocking === user.userId ? "admin.unlockingFor" : "admin.unlockFor", {
                      userId: user.userId,
                    })}
                    disabled={unlocking !== null}
                    onClick={() =>
                      void unlock(user.userId).then((done) => {
                        if (done) onUnlocked(user.userId);
                      })
                    }
                  >
                    {unlocking === user.userId ? t("admin.unlocking") : t("admin.unlock")}
                  </button>
                ) : null}
                {!user.lockedUntil && user.userId !== ownUserId ? (
                  <button
                    type="button"
                    className="secondary"
                    aria-label={t("admin.lockFor", { userId: user.userId })}
                    disabled={unlocking !== null}
                    onClick={() =>
                      void lock(user.userId).then((done) => {
                        if (done) onUnlocked(user.userId);
                      })
                    }
                  >
                    {t("admin.lock")}
                  </button>
                ) : null}
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A DA's address is applied for with HKEX; a user's is registered (or changed) here. */
function emailAction(user: AdminUser): { text: string; label: string } {
  if (user.role === "da") return { text: "admin.apply", label: "admin.applyFor" };
  return user.emailRegistered
    ? { text: "admin.change", label: "admin.changeFor" }
    : { text: "admin.register", label: "admin.registerFor" };
}
