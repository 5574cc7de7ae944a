"use client";
// "Céder mon panier": which baskets, which dates, a message, auto-accept.
// Plain checkboxes and one submit button: works without JavaScript.
import { useActionState } from "react";
import { exchangeFr } from "@/lib/i18n/exchange-fr";
import { formatPrice } from "@/lib/domain/time";
import type { ActionState } from "./action-state";
import { Alert, Button } from "./ui";

export type OfferFormLine = {
  subscriptionId: number;
  label: string;
  quantity: number;
  offered: { offerId: number; status: keyof typeof exchangeFr.offerStatus } | null;
};

export type OfferFormDate = {
  distributionId: number;
  slot: string;
  placeName: string;
  closed: null | { reason: "too_late"; closedAt: string } | { reason: "cancelled" };
  lines: OfferFormLine[];
};

type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  subscriptions: { subscriptionId: number; label: string; quantity: number; unitPriceCents: number }[];
  dates: OfferFormDate[];
  offerCloseHours: number;
};

const t = exchangeFr.absence;

export function OfferForm({ action, subscriptions, dates, offerCloseHours }: Props) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  return (
    <form action={formAction} className="flex flex-col gap-6">
      <fieldset className="rounded-lg border border-leaf-100 bg-white p-4">
        <legend className="px-1 text-lg font-bold text-leaf-800">{t.whichBaskets}</legend>
        <p className="mb-2 text-sm text-muted">{t.whichBasketsHint}</p>
        <ul className="flex flex-col gap-1">
          {subscriptions.map((sub) => (
            <li key={sub.subscriptionId}>
              <label className="flex min-h-11 items-center gap-3">
                <input
                  type="checkbox"
                  name="subscriptionId"
                  value={sub.subscriptionId}
                  defaultChecked
                  className="h-5 w-5 accent-leaf-700"
                />
                <span>
                  {exchangeFr.quantityLine(sub.quantity, sub.label)}{" "}
                  <span className="text-muted">({formatPrice(sub.quantity * sub.unitPriceCents)})</span>
                </span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>

      <fieldset className="rounded-lg border border-leaf-100 bg-white p-4">
        <legend className="px-1 text-lg font-bold text-leaf-800">{t.whichDates}</legend>
        <p className="mb-2 text-sm text-muted">
          {t.whichDatesHint} {t.deadline(offerCloseHours)}
        </p>
        <ul className="flex flex-col divide-y divide-leaf-100">
          {dates.map((date) => {
            const allOffered = date.lines.every((l) => l.offered);
            const disabled = date.closed !== null || allOffered;
            const id = `date-${date.distributionId}`;
            return (
              <li key={date.distributionId} className="py-2">
                <label htmlFor={id} className={`flex min-h-11 items-start gap-3 ${disabled ? "text-muted" : ""}`}>
                  <input
                    id={id}
                    type="checkbox"
                    name="distributionId"
                    value={date.distributionId}
                    disabled={disabled}
                    aria-describedby={`${id}-details`}
                    className="mt-1 h-5 w-5 shrink-0 accent-leaf-700"
                  />
                  <span>
                    <span className="block font-semibold first-letter:uppercase">{date.slot}</span>
                    <span className="block text-sm">{date.placeName}</span>
                  </span>
                </label>
                <div id={`${id}-details`} className="pl-8 text-sm">
                  {date.closed ? (
                    <p className="text-amber-900">
                      {date.closed.reason === "cancelled" ? t.closedCancelled : t.closedTooLate(date.closed.closedAt)}
                    </p>
                  ) : null}
                  <ul>
                    {date.lines.map((line) => (
                      <li key={line.subscriptionId} className={line.offered ? "text-leaf-800" : "text-muted"}>
                        {line.offered
                          ? t.lineOffered(line.label, exchangeFr.offerStatus[line.offered.status])
                          : exchangeFr.quantityLine(line.quantity, line.label)}
                      </li>
                    ))}
                  </ul>
                </div>
              </li>
            );
          })}
        </ul>
      </fieldset>

      <div className="flex flex-col gap-2">
        <label htmlFor="message" className="font-semibold">
          {t.message}
        </label>
        <textarea
          id="message"
          name="message"
          rows={3}
          maxLength={1000}
          aria-describedby="message-hint"
          className="rounded-md border border-muted/40 p-3 text-base"
        />
        <p id="message-hint" className="text-sm text-muted">
          {t.messageHint}
        </p>
      </div>

      <label className="flex min-h-11 items-start gap-3">
        <input type="checkbox" name="autoAccept" className="mt-1 h-5 w-5 shrink-0 accent-leaf-700" />
        <span>
          <span className="block font-semibold">{t.autoAccept}</span>
          <span className="block text-sm text-muted">{t.autoAcceptHint}</span>
        </span>
      </label>

      {state.status === "error" ? <Alert kind="error">{state.message}</Alert> : null}
      <Button type="submit" disabled={pending} className="w-full sm:w-auto">
        {t.submit}
      </Button>
    </form>
  );
}
