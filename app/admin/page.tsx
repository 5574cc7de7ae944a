import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Card, PageTitle } from "@/components/ui";
import { fr } from "@/lib/i18n/fr";
import { hasRole, requireViewer } from "@/lib/server/auth";

export const metadata: Metadata = { title: fr.admin.title };

export default async function AdminPage() {
  const viewer = await requireViewer();
  // The data layer refuses non-référents too; this only spares them a useless page.
  if (!hasRole(viewer, "referent")) notFound();
  const t = fr.admin;
  return (
    <>
      <PageTitle>{t.title}</PageTitle>
      <ul className="grid gap-3">
        <li>
          <Link href="/admin/intermittents" className="block">
            <Card className="hover:bg-leaf-50">
              <span className="block text-lg font-semibold text-leaf-800 underline">{t.intermittents}</span>
              <span className="block text-sm text-muted">{t.intermittentsIntro}</span>
            </Card>
          </Link>
        </li>
      </ul>
    </>
  );
}
