import type { Metadata } from "next";
import Link from "@/components/space-link";
import { notFound } from "next/navigation";
import { Card, PageTitle } from "@/components/ui";
import { adminCalendarFr } from "@/lib/i18n/admin-calendar-fr";
import { adminMembersFr } from "@/lib/i18n/admin-members-fr";
import { adminSheetFr } from "@/lib/i18n/admin-sheet-fr";
import { fr } from "@/lib/i18n/fr";
import { partnersFr } from "@/lib/i18n/partners-fr";
import { hasRole, requireViewer } from "@/lib/server/auth/auth";

export const metadata: Metadata = { title: fr.admin.title };

const sections: { href: string; text: readonly [string, string] }[] = [
  { href: "/admin/paniers", text: fr.admin.sections.offers },
  { href: "/admin/calendrier", text: [adminCalendarFr.index.label, adminCalendarFr.index.description] },
  { href: "/admin/amapiens", text: [adminMembersFr.title, adminMembersFr.intro] },
  { href: "/admin/emargement", text: adminSheetFr.sections.sheet },
  { href: "/admin/statistiques", text: adminSheetFr.sections.stats },
  { href: "/admin/intermittents", text: fr.admin.sections.intermittents },
  { href: "/admin/partenaires", text: partnersFr.section },
  { href: "/admin/emails", text: fr.admin.sections.emails },
  { href: "/admin/reglages", text: fr.admin.sections.settings },
];

export default async function AdminPage() {
  const viewer = await requireViewer();
  // The data layer refuses non-référents too; this only spares them a useless page.
  if (!hasRole(viewer, "referent")) notFound();
  return (
    <>
      <PageTitle>{fr.admin.title}</PageTitle>
      <ul className="grid gap-3">
        {sections.map(({ href, text: [label, description] }) => (
          <li key={href}>
            <Link href={href} className="block">
              <Card className="hover:bg-leaf-50">
                <span className="block text-lg font-semibold text-leaf-800 underline">{label}</span>
                <span className="block text-sm text-muted">{description}</span>
              </Card>
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
