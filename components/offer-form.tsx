"use client";
// "Céder mon panier": which baskets, which dates, a message, auto-accept.
// Plain checkboxes and one submit button: works without JavaScript. With it,
// only the dates delivering a ticked basket show, and once a date is ticked
// the button sticks to the bottom of the screen and counts the baskets.
import { useActionState, useState } from "react";
import { exchangeFr } from "@/lib/i18n/exchange-fr";
import { formatPrice } from "@/lib/domain/time";
import type { ActionState } from "../lib/action-state";
import { OfferDates } from "./offer-dates";
import { Alert, Button } from "./ui";

export type OfferFormLine = {
  subscriptionId: number;
  label: string;
  product: string;
  quantity: number;
  offered: { offerId: number; status: keyof typeof exchangeFr.offerStatus } | null;
};

export type OfferFormDate = {
  distributionId: number;
  slot: string;
  placeName: string;
  month: string;
  isLater: boolean;
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

/** The lines a ticked date would offer: ticked baskets delivered that day, not offered yet. */
function offerableLines(date: OfferFormDate, baskets: ReadonlySet<number>): OfferFormLine[] {
  if (date.closed) return [];
  return date.lines.filter((line) => baskets.has(line.subscriptionId) && !line.offered);
}

export function OfferForm({ action, subscriptions, dates, offerCloseHours }: Props) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  // Controlled, so that React's reset of a form after its action keeps what the member ticked.
  const [baskets, setBaskets] = useState<ReadonlySet<number>>(() => new Set(subscriptions.map((sub) => sub.subscriptionId)));
  const [ticked, setTicked] = useState<ReadonlySet<number>>(() => new Set());
  const toggle = (set: ReadonlySet<number>, id: number, on: boolean) => {
    const next = new Set(set);
    if (on) next.add(id);
    else next.delete(id);
    return next;
  };
  const isShown = (date: OfferFormDate) => date.lines.some((line) => baskets.has(line.subscriptionId));
  const count = dates
    .filter((date) => ticked.has(date.distributionId) && isShown(date))
    .flatMap((date) => offerableLines(date, baskets))
    .reduce((sum, line) => sum + line.quantity, 0);
  return (
    <form action={formAction} className="flex flex-col gap-4">
      <fieldset className="min-w-0 rounded-lg border border-leaf-100 bg-white px-4 pb-3 pt-1">
        <legend className="px-1 text-lg font-bold text-leaf-800">{t.whichBaskets}</legend>
        <p className="text-sm text-muted">{t.whichBasketsHint}</p>
        <ul>
          {subscriptions.map((sub) => (
            <li key={sub.subscriptionId}>
              <label className="flex min-h-11 items-center gap-3">
                <input
                  type="checkbox"
                  name="subscriptionId"
                  value={sub.subscriptionId}
                  checked={baskets.has(sub.subscriptionId)}
                  onChange={(event) => setBaskets((set) => toggle(set, sub.subscriptionId, event.target.checked))}
                  className="h-5 w-5 shrink-0 accent-leaf-700"
                />
                <span className="leading-snug">
                  {exchangeFr.quantityLine(sub.quantity, sub.label)}{" "}
                  <span className="text-sm text-muted">({formatPrice(sub.quantity * sub.unitPriceCents)})</span>
                </span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>

      {/* min-w-0: a fieldset is as wide as its content by default, which would push the page sideways. */}
      <fieldset className="min-w-0 rounded-lg border border-leaf-100 bg-white px-4 pb-2 pt-1">
        <legend className="px-1 text-lg font-bold text-leaf-800">{t.whichDates}</legend>
        <p className="text-sm text-muted">{t.deadline(offerCloseHours)}</p>
        <OfferDates
          dates={dates}
          isShown={isShown}
          ticked={ticked}
          onToggle={(id, on) => setTicked((set) => toggle(set, id, on))}
        />
      </fieldset>

      <div className="flex flex-col gap-1">
        <label htmlFor="message" className="font-semibold">
          {t.message}
        </label>
        <textarea
          id="message"
          name="message"
          rows={2}
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
      {/* Once something is ticked, the button stays in reach at the bottom of the screen. */}
      <div
        data-sticky={count > 0 ? "" : undefined}
        className={
          count > 0
            ? "sticky bottom-0 z-10 -mx-4 border-t border-leaf-100 bg-white/95 px-4 py-3 shadow-[0_-4px_12px_rgba(0,0,0,0.08)]"
            : ""
        }
      >
        <Button type="submit" disabled={pending} className="w-full sm:w-auto">
          {count > 0 ? t.submitCount(count) : t.submit}
        </Button>
      </div>
    </form>
  );
}
