import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm } from "@/components/action-form";
import { buttonClass, Card, PageTitle } from "@/components/ui";
import { fr } from "@/lib/i18n/fr";
import { requireViewer } from "@/lib/server/auth/auth";
import { signOutEverywhereAction } from "../actions";

export const metadata: Metadata = { title: fr.account.confirmTitle };

/** « Me déconnecter partout » when JavaScript (and so the dialog) is not available. */
export default async function ConfirmSignOutEverywherePage() {
  await requireViewer();
  const t = fr.account;
  return (
    <>
      <PageTitle>{t.confirmTitle}</PageTitle>
      <Card>
        <p className="mb-4">{t.confirmBody}</p>
        <div className="flex flex-col gap-2 sm:flex-row">
          <ActionForm action={signOutEverywhereAction} hidden={{}} label={t.confirm} />
          <Link href="/compte" className={buttonClass("secondary")}>
            {t.keep}
          </Link>
        </div>
      </Card>
    </>
  );
}
