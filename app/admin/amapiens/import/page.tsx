import type { Metadata } from "next";
import Link from "@/components/space-link";
import { notFound } from "next/navigation";
import { MemberImport } from "@/components/member-import";
import { buttonClass, Card, PageTitle } from "@/components/ui";
import { adminMembersFr } from "@/lib/i18n/admin-members-fr";
import { requireViewer } from "@/lib/server/auth/auth";
import { referentRead } from "@/lib/server/auth/referent";
import { importAction } from "./actions";
import { inRequestSpace } from "@/lib/server/core/request-amap";

export const metadata: Metadata = { title: adminMembersFr.import.title };

const t = adminMembersFr.import;

export default async function ImportMembersPage() {
  const viewer = await requireViewer();
  // The preview and the import check the référent flag again in the data layer.
  if (!(await referentRead(viewer, async () => true))) notFound();
  const templateHref = await inRequestSpace("/admin/amapiens/modele.csv");
  return (
    <>
      <Link href="/admin/amapiens" className="mb-2 flex min-h-11 items-center font-semibold text-leaf-800 underline">
        {adminMembersFr.backToList}
      </Link>
      <PageTitle>{t.title}</PageTitle>
      <p className="mb-3">{t.intro}</p>
      <a href={templateHref} className={`${buttonClass("secondary")} mb-4 w-full sm:w-auto`} download>
        {t.template}
      </a>
      <details className="mb-6 rounded-lg border border-leaf-100 bg-white p-4">
        <summary className="flex min-h-11 cursor-pointer items-center font-semibold text-leaf-800">{t.formatTitle}</summary>
        <p className="mb-2">{t.formatIntro}</p>
        <dl className="mb-2 grid grid-cols-1 gap-x-3 gap-y-1 sm:grid-cols-[auto_1fr]">
          {t.columns.map(([column, description]) => (
            <div key={column} className="contents">
              <dt className="font-mono font-semibold">{column}</dt>
              <dd className="mb-1 text-sm sm:mb-0">{description}</dd>
            </div>
          ))}
        </dl>
        <p className="text-sm">{t.formatRules}</p>
      </details>
      <Card>
        <MemberImport action={importAction} listHref="/admin/amapiens" />
      </Card>
    </>
  );
}
