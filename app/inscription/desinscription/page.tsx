import type { Metadata } from "next";
import Link from "@/components/space-link";
import { ActionForm } from "@/components/action-form";
import { buttonClass, Card, PageTitle } from "@/components/ui";
import { fr } from "@/lib/i18n/fr";
import { requireViewer } from "@/lib/server/auth/auth";
import { getRequestSettings } from "@/lib/server/core/request-amap";
import { leaveListAction } from "../actions";

export const metadata: Metadata = { title: fr.list.confirmTitle };

/** The unsubscribe confirmation when JavaScript (and so the dialog) is not available. */
export default async function ConfirmLeavePage() {
  const viewer = await requireViewer();
  const { amapName } = await getRequestSettings(viewer.userId);
  const t = fr.list;
  return (
    <>
      <PageTitle>{t.confirmTitle}</PageTitle>
      <Card>
        <p className="mb-4">{t.confirmBodyOf(amapName)}</p>
        <div className="flex flex-col gap-2 sm:flex-row">
          <ActionForm action={leaveListAction} hidden={{}} label={t.confirm} />
          <Link href="/inscription" className={buttonClass("secondary")}>
            {t.keep}
          </Link>
        </div>
      </Card>
    </>
  );
}
