import type { Metadata } from "next";
import Link from "@/components/space-link";
import { notFound } from "next/navigation";
import { ActionForm } from "@/components/action-form";
import { StatusBadge } from "@/components/basket";
import { Button, buttonClass, Card, PageTitle } from "@/components/ui";
import { fr } from "@/lib/i18n/fr";
import { formatLongDate, formatTime } from "@/lib/domain/time";
import { requireViewer } from "@/lib/server/auth/auth";
import { EMAIL_LOG_PAGE, listEmailLog, type EmailLogRow } from "@/lib/server/outbox/email-log";
import { resendAction } from "./actions";

export const metadata: Metadata = { title: fr.admin.emails.title };

const t = fr.admin.emails;
const STATUSES = ["pending", "sending", "sent", "failed", "skipped"] as const;

export default async function EmailLogPage({ searchParams }: { searchParams: Promise<{ etat?: string; page?: string }> }) {
  const viewer = await requireViewer();
  const params = await searchParams;
  const status = (STATUSES as readonly string[]).includes(params.etat ?? "") ? (params.etat as EmailLogRow["status"]) : undefined;
  const page = /^\d{1,5}$/.test(params.page ?? "") ? Math.max(1, Number(params.page)) : 1;
  const log = await listEmailLog(viewer, { status, page });
  if (!log) notFound();
  const query = (p: number) => `?${new URLSearchParams({ ...(status ? { etat: status } : {}), page: String(p) })}`;
  return (
    <>
      <PageTitle>{t.title}</PageTitle>
      <form method="get" className="mb-4 flex flex-wrap items-end gap-2">
        <label className="flex flex-col gap-1">
          <span className="font-semibold">{t.filter}</span>
          <select name="etat" defaultValue={status ?? ""} className="min-h-11 rounded-md border border-muted/40 px-3">
            <option value="">{t.all}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t.statuses[s]}
              </option>
            ))}
          </select>
        </label>
        <Button type="submit" variant="secondary">
          {fr.admin.offers.apply}
        </Button>
      </form>
      {log.rows.length === 0 ? <Card>{t.none}</Card> : null}
      <ul className="flex flex-col gap-2">
        {log.rows.map((row) => (
          <li key={row.id} className="rounded-lg border border-leaf-100 bg-white p-3">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <span className="font-semibold">{row.subject ?? row.kind}</span>
              <StatusBadge tone={row.status === "failed" ? "warn" : row.status === "sent" ? "good" : "neutral"}>
                {t.statuses[row.status]}
              </StatusBadge>
            </div>
            <p className="text-sm">
              {t.recipient} : {row.recipient}
            </p>
            <p className="text-sm text-muted">
              {row.kind} · {t.attempts(row.attempts)}
              {row.sentAt ? ` · ${t.sentAt(`${formatLongDate(row.sentAt)} ${formatTime(row.sentAt)}`)}` : ""}
            </p>
            {row.lastError ? (
              <p className="text-sm text-red-800">
                {t.error} : {row.lastError}
              </p>
            ) : null}
            <div className="mt-2 flex flex-wrap gap-2">
              <Link href={`/admin/emails/${row.id}`} className={buttonClass("secondary")}>
                {t.view}
              </Link>
              {row.status === "failed" ? <ActionForm action={resendAction} hidden={{ id: row.id }} label={t.resend} /> : null}
            </div>
          </li>
        ))}
      </ul>
      <nav className="mt-4 flex justify-between" aria-label={t.title}>
        {page > 1 ? (
          <Link href={query(page - 1)} className={buttonClass("secondary")}>
            {t.previous}
          </Link>
        ) : (
          <span />
        )}
        {page * EMAIL_LOG_PAGE < log.total ? (
          <Link href={query(page + 1)} className={buttonClass("secondary")}>
            {t.next}
          </Link>
        ) : null}
      </nav>
    </>
  );
}
