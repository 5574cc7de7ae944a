import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Card, PageTitle } from "@/components/ui";
import { fr } from "@/lib/i18n/fr";
import { listDevMails } from "@/lib/server/mail/dev-mailbox";

export const metadata: Metadata = { title: fr.devMails.title, robots: { index: false } };

const dateTime = new Intl.DateTimeFormat("fr-FR", { dateStyle: "short", timeStyle: "medium", timeZone: "Europe/Paris" });

export default async function DevMailsPage() {
  const mails = await listDevMails({ limit: 200 });
  if (!mails) notFound();
  const t = fr.devMails;
  return (
    <>
      <PageTitle>{t.title}</PageTitle>
      <p className="mb-4 text-muted">{t.intro}</p>
      {mails.length === 0 ? (
        <Card>{t.empty}</Card>
      ) : (
        <ul className="grid gap-2">
          {mails.map((mail) => (
            <li key={mail.id}>
              <Link href={`/dev/mails/${mail.id}`} className="block rounded-lg border border-leaf-100 bg-white p-3 hover:bg-leaf-50">
                <span className="block font-semibold">{mail.subject}</span>
                <span className="block text-sm text-muted">
                  {t.to} {mail.to} · {dateTime.format(mail.createdAt)}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
