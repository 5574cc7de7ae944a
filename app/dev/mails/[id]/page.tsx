import { MAX_BIG_ID, parseId } from "@/lib/domain/ids";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Card, PageTitle } from "@/components/ui";
import { fr } from "@/lib/i18n/fr";
import { getDevMail } from "@/lib/server/mail/dev-mailbox";

export const metadata: Metadata = { title: fr.devMails.title, robots: { index: false } };

export default async function DevMailPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const mail = parseId(id, MAX_BIG_ID) ? await getDevMail(parseId(id, MAX_BIG_ID)!) : null;
  if (!mail) notFound();
  const t = fr.devMails;
  return (
    <>
      <Link href="/dev/mails" className="mb-4 inline-flex min-h-11 items-center underline">
        ← {t.back}
      </Link>
      <PageTitle>{mail.subject}</PageTitle>
      <dl className="mb-4 grid grid-cols-[auto_1fr] gap-x-3 text-sm">
        <dt className="font-semibold">{t.to}</dt>
        <dd>{mail.to}</dd>
      </dl>
      <h2 className="mb-2 text-lg font-bold">{t.html}</h2>
      {/* The message's own HTML, isolated: no scripts, no access to this page. */}
      <iframe title={t.html} sandbox="" srcDoc={mail.html} className="mb-6 h-[32rem] w-full rounded-lg border border-leaf-100 bg-white" />
      <h2 className="mb-2 text-lg font-bold">{t.text}</h2>
      <Card>
        <pre className="whitespace-pre-wrap break-words font-sans text-sm">{mail.text}</pre>
      </Card>
    </>
  );
}
