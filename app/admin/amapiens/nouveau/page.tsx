import type { Metadata } from "next";
import Link from "@/components/space-link";
import { notFound } from "next/navigation";
import { MemberForm } from "@/components/member-form";
import { Card, PageTitle } from "@/components/ui";
import { adminMembersFr } from "@/lib/i18n/admin-members-fr";
import { requireViewer } from "@/lib/server/auth/auth";
import { referentRead } from "@/lib/server/auth/referent";
import { createMemberAction } from "./actions";

export const metadata: Metadata = { title: adminMembersFr.person.newTitle };

export default async function NewMemberPage() {
  const viewer = await requireViewer();
  if (!(await referentRead(viewer, async () => true))) notFound();
  const t = adminMembersFr.person;
  return (
    <>
      <Link href="/admin/amapiens" className="mb-2 flex min-h-11 items-center font-semibold text-leaf-800 underline">
        {adminMembersFr.backToList}
      </Link>
      <PageTitle>{t.newTitle}</PageTitle>
      <p className="mb-3">{t.newIntro}</p>
      <Card>
        <MemberForm action={createMemberAction} submit={t.create} idPrefix="nouveau" />
      </Card>
    </>
  );
}
