import { parseId } from "@/lib/domain/ids";
import type { Metadata } from "next";
import Link from "@/components/space-link";
import { notFound } from "next/navigation";
import { ActionForm } from "@/components/action-form";
import { BasketLines } from "@/components/basket";
import { DeclineReasonField } from "@/components/decline-reason";
import { buttonClass, Card, PageTitle } from "@/components/ui";
import { fr } from "@/lib/i18n/fr";
import { requireViewer } from "@/lib/server/auth/auth";
import { getDeclineConfirmation } from "@/lib/server/exchange/my-exchanges-page";
import { declineAction } from "../../actions";

export const metadata: Metadata = { title: fr.exchange.mine.declinePageTitle };

const t = fr.exchange.mine;

/**
 * « Refuser » when JavaScript (and so the dialog) is not available: the same
 * question and the same optional word, or what happened if the reservation
 * no longer awaits an answer.
 */
export default async function DeclinePage({ params }: { params: Promise<{ reservationId: string }> }) {
  const viewer = await requireViewer();
  const id = parseId((await params).reservationId);
  if (!id) notFound();
  const view = await getDeclineConfirmation(viewer, id);
  if (!view) notFound();
  const { standing } = view;
  const words = { member: viewer.firstName, intermittent: view.intermittentName, position: null };
  const stopped = standing.ready
    ? null
    : {
        title: fr.links.states.standstills[standing.standstill].title,
        body:
          standing.standstill === "refused"
            ? fr.exchange.refusals[standing.refusal]
            : fr.links.states.standstills[standing.standstill].body(words),
      };
  return (
    <>
      <PageTitle>{stopped ? stopped.title : t.declineTitle(view.intermittentName)}</PageTitle>
      <Card>
        <div className="mb-3 rounded-md border border-leaf-100 p-3">
          <p className="font-semibold first-letter:uppercase">{view.slot}</p>
          <p className="mb-2 text-sm text-muted">{view.placeName}</p>
          <BasketLines lines={view.lines} totalCents={view.totalCents} />
        </div>
        {!stopped ? (
          <>
            <p className="mb-4">{fr.links.explain.decline(view.intermittentName)}</p>
            <ActionForm action={declineAction} hidden={{ reservationId: view.reservationId }} label={t.declineConfirm}>
              <DeclineReasonField id="reason" name={view.intermittentName} />
            </ActionForm>
            <Link href="/mes-paniers" className={`${buttonClass("secondary")} mt-2 w-full sm:w-auto`}>
              {t.declineKeep}
            </Link>
          </>
        ) : (
          <>
            <p role="status" className="mb-4">
              {stopped.body}
            </p>
            <Link href="/mes-paniers" className={`${buttonClass()} w-full sm:w-auto`}>
              {fr.links.states.next.mine}
            </Link>
          </>
        )}
      </Card>
    </>
  );
}
