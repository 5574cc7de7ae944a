import type { Metadata } from "next";
import { OfferForm } from "@/components/offer-form";
import { Card, PageTitle } from "@/components/ui";
import { fr } from "@/lib/i18n/fr";
import { requireViewer } from "@/lib/server/auth/auth";
import { getAbsencePage } from "@/lib/server/exchange/absence-page";
import { offerBasketAction } from "./actions";

export const metadata: Metadata = { title: fr.exchange.absence.title };

export default async function AbsencePage() {
  const viewer = await requireViewer();
  const t = fr.exchange.absence;
  const page = await getAbsencePage(viewer);
  return (
    <>
      <PageTitle>{t.title}</PageTitle>
      <p className="mb-4">{t.intro}</p>
      {page.subscriptions.length === 0 ? (
        <Card>{t.notMember}</Card>
      ) : page.dates.length === 0 ? (
        <Card>{t.noDates}</Card>
      ) : (
        <OfferForm
          action={offerBasketAction}
          subscriptions={page.subscriptions}
          dates={page.dates}
          offerCloseHours={page.offerCloseHours}
        />
      )}
    </>
  );
}
