import type { Metadata } from "next";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { Card, PageTitle } from "@/components/ui";
import { fr } from "@/lib/i18n/fr";
import { requireViewer } from "@/lib/server/auth/auth";
import { signOutEverywhereAction } from "./actions";

export const metadata: Metadata = { title: fr.account.title };

/** « Mon compte »: who is signed in, and « Me déconnecter partout ». */
export default async function AccountPage() {
  const viewer = await requireViewer();
  const t = fr.account;
  const name = `${viewer.firstName} ${viewer.lastName}`.trim();
  return (
    <>
      <PageTitle>{t.title}</PageTitle>
      <div className="flex flex-col gap-6">
        <Card>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2">
            {name ? (
              <>
                <dt className="font-semibold">{t.name}</dt>
                <dd className="break-words">{name}</dd>
              </>
            ) : null}
            <dt className="font-semibold">{t.email}</dt>
            <dd className="break-all">{viewer.email}</dd>
          </dl>
        </Card>
        <Card>
          <h2 className="mb-2 text-lg font-bold text-leaf-800">{t.sessionsTitle}</h2>
          <p className="mb-4">{t.sessionsBody}</p>
          <ConfirmDialog
            fallbackHref="/compte/deconnexion"
            trigger={t.signOutEverywhere}
            title={t.confirmTitle}
            body={<p>{t.confirmBody}</p>}
            confirm={t.confirm}
            cancel={t.keep}
            action={signOutEverywhereAction}
          />
        </Card>
      </div>
    </>
  );
}
