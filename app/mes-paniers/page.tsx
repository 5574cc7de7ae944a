import type { Metadata } from "next";
import Link from "@/components/space-link";
import { ActionForm } from "@/components/action-form";
import { BasketLines, ContactDetails, Quote, StatusBadge } from "@/components/basket";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { DeclineReasonField } from "@/components/decline-reason";
import { Flash, flashMessage } from "@/components/flash";
import { buttonClass, Card, PageTitle } from "@/components/ui";
import { fr } from "@/lib/i18n/fr";
import { formatPrice } from "@/lib/domain/time";
import { hasRole, requireViewer } from "@/lib/server/auth/auth";
import { getMyExchanges, type MyOfferDTO, type MyReservationDTO } from "@/lib/server/exchange/my-exchanges-page";
import { acceptAction, cancelOfferAction, declineAction, setPaidAction, withdrawAction } from "./actions";

export const metadata: Metadata = { title: fr.exchange.mine.title };

const t = fr.exchange.mine;

export default async function MyBasketsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const viewer = await requireViewer();
  const flash = flashMessage(await searchParams);
  const { offers, reservations, practicalRules } = await getMyExchanges(viewer);
  const isMember = hasRole(viewer, "member") || offers.length > 0;
  const isIntermittent = hasRole(viewer, "intermittent") || reservations.length > 0;
  return (
    <>
      <PageTitle>{t.title}</PageTitle>
      <Flash message={flash} />
      <div className="flex flex-col gap-8">
        {isMember ? (
          <section aria-labelledby="cedes">
            <h2 id="cedes" className="mb-3 text-xl font-bold text-leaf-800">
              {t.offeredTitle}
            </h2>
            {offers.length === 0 ? <Card>{t.noOffers}</Card> : null}
            <ul className="flex flex-col gap-3">
              {offers.map((offer) => (
                <li key={offer.offerId} id={`offre-${offer.offerId}`}>
                  <OfferCard offer={offer} />
                </li>
              ))}
            </ul>
            <Link href="/absence" className={`${buttonClass("secondary")} mt-3 w-full sm:w-auto`}>
              {t.offerMore}
            </Link>
          </section>
        ) : null}
        {isIntermittent ? (
          <section aria-labelledby="reserves">
            <h2 id="reserves" className="mb-3 text-xl font-bold text-leaf-800">
              {t.reservedTitle}
            </h2>
            {reservations.length === 0 ? <Card>{t.noReservations}</Card> : null}
            <ul className="flex flex-col gap-3">
              {reservations.map((reservation) => (
                <li key={reservation.reservationId} id={`reservation-${reservation.reservationId}`}>
                  <ReservationCard reservation={reservation} practicalRules={practicalRules} />
                </li>
              ))}
            </ul>
            <Link href="/paniers" className={`${buttonClass("secondary")} mt-3 w-full sm:w-auto`}>
              {t.findBaskets}
            </Link>
          </section>
        ) : null}
      </div>
    </>
  );
}

function offerTone(status: MyOfferDTO["status"]) {
  return status === "reserved" ? "warn" : status === "exchanged" || status === "done" ? "good" : status === "open" ? "neutral" : "off";
}

function OfferCard({ offer }: { offer: MyOfferDTO }) {
  return (
    <article
      aria-label={offer.slot}
      className={`rounded-lg border border-leaf-100 bg-white p-4 shadow-sm ${offer.isPast ? "opacity-80" : ""}`}
    >
      <div className="mb-2 flex flex-wrap items-start justify-between gap-2">
        <h3 className="font-semibold first-letter:uppercase">{offer.slot}</h3>
        <StatusBadge tone={offerTone(offer.status)}>{fr.exchange.offerStatus[offer.status]}</StatusBadge>
      </div>
      <p className="mb-2 text-sm text-muted">{offer.placeName}</p>
      <BasketLines lines={offer.lines} totalCents={offer.totalCents} />
      <div className="mt-2">
        <Quote text={offer.message} />
      </div>
      {offer.status === "open" && offer.autoAccept ? <p className="mt-2 text-sm text-muted">{t.autoAccept}</p> : null}
      {offer.status === "cancelled" && offer.cancelReason ? (
        <p className="mt-2 text-sm text-muted">{t.cancelledBecause(offer.cancelReason)}</p>
      ) : null}

      {offer.pending ? (
        <div className="mt-3 rounded-md bg-amber-50 p-3">
          <p className="mb-2 font-semibold">{t.pending(offer.pending.intermittentName)}</p>
          {offer.queueLength > 0 ? <p className="mb-2 text-sm">{t.queue(offer.queueLength)}</p> : null}
          {offer.pending.canDecide ? (
            <div className="grid grid-cols-2 gap-2">
              <ActionForm action={acceptAction} hidden={{ reservationId: offer.pending.reservationId }} label={t.accept} />
              {/* Declining asks first, and offers a word to the person declined. Keyed by
                  reservation: once declined, the next in line gets a dialog of their own. */}
              <ConfirmDialog
                key={offer.pending.reservationId}
                fallbackHref={`/mes-paniers/refuser/${offer.pending.reservationId}`}
                trigger={t.decline}
                title={t.declineTitle(offer.pending.intermittentName)}
                body={
                  <>
                    <p>{fr.links.explain.decline(offer.pending.intermittentName)}</p>
                    <DeclineReasonField id={`decline-reason-${offer.pending.reservationId}`} name={offer.pending.intermittentName} />
                  </>
                }
                hidden={{ reservationId: offer.pending.reservationId }}
                confirm={t.declineConfirm}
                cancel={t.declineKeep}
                action={declineAction}
              />
            </div>
          ) : null}
        </div>
      ) : null}

      {offer.taker ? (
        <div className="mt-3 flex flex-col gap-2">
          <p className="font-semibold">{t.takenBy(offer.taker.fullName)}</p>
          <ContactDetails contact={offer.taker} />
          <ActionForm
            action={setPaidAction}
            hidden={{ offerId: offer.offerId, paid: offer.paid ? "0" : "1" }}
            label={offer.paid ? t.markUnpaid : t.markPaid}
            variant="secondary"
          >
            <p className="text-sm">
              {t.paid} : <strong>{offer.paid ? t.paidYes : t.paidNo}</strong> ({formatPrice(offer.totalCents)})
            </p>
          </ActionForm>
        </div>
      ) : null}

      {offer.canCancel ? (
        <details className="mt-3">
          <summary className="flex min-h-11 cursor-pointer items-center font-semibold text-red-800">{t.cancel}</summary>
          <ActionForm action={cancelOfferAction} hidden={{ offerId: offer.offerId }} label={t.cancelConfirm} variant="secondary">
            <label htmlFor={`reason-${offer.offerId}`} className="font-semibold">
              {t.cancelReason}
            </label>
            <textarea
              id={`reason-${offer.offerId}`}
              name="reason"
              required
              rows={2}
              maxLength={500}
              aria-describedby={`reason-hint-${offer.offerId}`}
              className="rounded-md border border-muted/40 p-3 text-base"
            />
            <p id={`reason-hint-${offer.offerId}`} className="text-sm text-muted">
              {t.cancelReasonHint}
            </p>
          </ActionForm>
        </details>
      ) : null}
    </article>
  );
}

function reservationStatusText(r: MyReservationDTO): string {
  switch (r.status) {
    case "pending":
      return t.statusPending(r.memberFirstName);
    case "queued":
      return t.statusQueued(r.position ?? 1);
    case "accepted":
      return t.statusAccepted;
    case "declined":
      return t.statusDeclined;
    case "withdrawn":
      return t.statusWithdrawn;
    case "cancelled":
      return t.statusCancelled(r.memberFirstName);
    case "expired":
      return t.statusExpired;
  }
}

function ReservationCard({ reservation: r, practicalRules }: { reservation: MyReservationDTO; practicalRules: string }) {
  const tone = r.status === "accepted" ? "good" : r.status === "pending" || r.status === "queued" ? "warn" : "off";
  return (
    <article
      aria-label={r.slot}
      className={`rounded-lg border border-leaf-100 bg-white p-4 shadow-sm ${r.isPast ? "opacity-80" : ""}`}
    >
      <div className="mb-2 flex flex-wrap items-start justify-between gap-2">
        <h3 className="font-semibold first-letter:uppercase">{r.slot}</h3>
        <StatusBadge tone={tone}>{reservationStatusText(r)}</StatusBadge>
      </div>
      {/* A partner AMAP's basket: picked up there, signed for on its sheet. */}
      {r.amapName ? <p className="mb-1 text-sm font-semibold text-leaf-800">{r.amapName}</p> : null}
      <p className="mb-2 text-sm text-muted">
        {fr.exchange.baskets.from(r.memberFirstName)} — {r.place.name}
      </p>
      <BasketLines lines={r.lines} totalCents={r.totalCents} />
      {r.cancelReason ? <p className="mt-2 text-sm text-muted">{t.cancelledBecause(r.cancelReason)}</p> : null}

      {r.member ? (
        <div className="mt-3 flex flex-col gap-3">
          <p className="rounded-md bg-leaf-700 p-3 text-lg font-bold text-white">{t.signUnder(r.member.fullName)}</p>
          <div>
            <h4 className="font-semibold">{t.whereWhen}</h4>
            <p className="first-letter:uppercase">{r.slot}</p>
            <p>
              {r.place.name}
              {r.place.address ? `, ${r.place.address}` : ""}
            </p>
            {r.place.accessNotes ? <p className="text-sm text-muted">{r.place.accessNotes}</p> : null}
          </div>
          <p className="font-semibold">{t.toPay(r.memberFirstName, formatPrice(r.totalCents))}</p>
          <ContactDetails contact={r.member} />
          {practicalRules ? (
            <div>
              <h4 className="font-semibold">{t.whatToBring}</h4>
              <ul className="list-disc pl-5 text-sm">
                {practicalRules
                  .split("\n")
                  .filter((line) => line.trim())
                  .map((line, i) => (
                    <li key={i}>{line}</li>
                  ))}
              </ul>
            </div>
          ) : null}
          {!r.isPast ? (
            <a href={`/mes-paniers/calendrier/${r.reservationId}`} className={`${buttonClass("secondary")} w-full sm:w-auto`}>
              {t.calendar}
            </a>
          ) : null}
        </div>
      ) : null}

      {r.canWithdraw ? (
        <details className="mt-3">
          <summary className="flex min-h-11 cursor-pointer items-center font-semibold text-red-800">{t.withdraw}</summary>
          <ActionForm action={withdrawAction} hidden={{ reservationId: r.reservationId }} label={t.withdrawConfirm} variant="secondary">
            <p className="text-sm text-muted">{t.withdrawHint}</p>
          </ActionForm>
        </details>
      ) : null}
    </article>
  );
}
