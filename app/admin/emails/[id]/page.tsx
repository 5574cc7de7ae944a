import { MAX_BIG_ID, parseId } from "@/lib/domain/ids";
import type { Metadata } from "next";
import Link from "@/components/space-link";
import { notFound } from "next/navigation";
import { Card, PageTitle } from "@/components/ui";
import { fr } from "@/lib/i18n/fr";
import { requireViewer } from "@/lib/server/auth/auth";
import { previewEmail } from "@/lib/server/outbox/email-log";

export const metadata: Metadata = { title: fr.admin.emails.title };

const t = fr.admin.emails;

export default async function EmailPreviewPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireViewer();
  const { id } = await params;
  const preview = parseId(id, MAX_BIG_ID) ? await previewEmail(viewer, parseId(id, MAX_BIG_ID)!) : null;
  if (!preview) notFound();
  const { row, rendered } = preview;
  return (
    <>
      <Link href="/admin/emails" className="mb-2 inline-flex min-h-11 items-center underline">
        ← {t.back}
      </Link>
      <PageTitle>{rendered?.subject ?? row.subject ?? row.kind}</PageTitle>
      <p className="mb-1">
        {t.recipient} : {row.recipient}
      </p>
      <p className="mb-4 text-sm text-muted">
        {t.statuses[row.status]} · {t.attempts(row.attempts)}
      </p>
      {rendered ? (
        <>
          <h2 className="mb-2 text-lg font-bold">{t.previewTitle}</h2>
          <p className="mb-2 text-sm text-muted">{t.inertLinks}</p>
          {/* The message's own HTML, isolated: no scripts, no access to this page. */}
          <iframe title={t.previewTitle} sandbox="" srcDoc={rendered.html} className="mb-4 h-[32rem] w-full rounded-lg border border-leaf-100 bg-white" />
          <Card>
            <pre className="whitespace-pre-wrap break-words font-sans text-sm">{rendered.text}</pre>
          </Card>
        </>
      ) : (
        <Card>{t.noPreview}</Card>
      )}
    </>
  );
}
