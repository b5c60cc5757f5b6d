import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useNav } from "../../app/nav-store.js";
import { formatDateTime } from "../../ui/dates.js";
import { ErrorAlert } from "../../ui/error-alert.js";
import { useFocusOnMount } from "../../ui/focus.js";
import { useMailbox } from "./mailbox-store.js";

/** The simulated user's inbox: each OTP email as it would arrive. */
export function MailboxScreen() {
  const { t, i18n } = useTranslation();
  const messages = useMailbox((s) => s.messages);
  const loading = useMailbox((s) => s.loading);
  const loaded = useMailbox((s) => s.loaded);
  const error = useMailbox((s) => s.error);
  const open = useMailbox((s) => s.open);
  const refresh = useMailbox((s) => s.refresh);
  const go = useNav((s) => s.go);
  const headingRef = useFocusOnMount<HTMLHeadingElement>();

  useEffect(() => {
    void open();
  }, [open]);

  return (
    <section className="card mailbox" aria-labelledby="mailbox-title">
      <h1 id="mailbox-title" ref={headingRef} tabIndex={-1}>
        {t("mailbox.title")}
      </h1>
      <p className="intro">{t("mailbox.intro")}</p>
      <div className="actions">
        <button type="button" className="primary" onClick={() => go("otp")}>
          {t("mailbox.back")}
        </button>
        <button type="button" className="secondary" disabled={loading} onClick={() => void refresh()}>
          {loading ? t("mailbox.refreshing") : t("mailbox.refresh")}
        </button>
      </div>
      <ErrorAlert error={error} />
      <div aria-live="polite" aria-busy={loading}>
        {loaded && messages.length === 0 ? <p className="hint">{t("mailbox.empty")}</p> : null}
        {messages.length > 0 ? (
          <ol className="messages" aria-label={t("mailbox.listLabel")}>
            {messages.map((message, index) => (
              <li key={`${message.sentAt}-${index}`} className="message">
                <article aria-label={message.subject}>
                  <dl className="message-head">
                    <dt>{t("mailbox.from")}</dt>
                    <dd>{t("mailbox.sender")}</dd>
                    <dt>{t("mailbox.to")}</dt>
                    <dd>{message.to}</dd>
                    <dt>{t("mailbox.subject")}</dt>
                    <dd className="message-subject">{message.subject}</dd>
                    <dt>{t("mailbox.received")}</dt>
                    <dd>
                      <time dateTime={message.sentAt}>{formatDateTime(message.sentAt, i18n.language)}</time>
                    </dd>
                  </dl>
                  {message.status === "failed" ? (
                    <p className="alert alert-warning">{t("mailbox.failed")}</p>
                  ) : null}
                  <pre className="message-body">{message.text}</pre>
                </article>
              </li>
            ))}
          </ol>
        ) : null}
      </div>
    </section>
  );
}
