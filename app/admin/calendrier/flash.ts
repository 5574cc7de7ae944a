// The outcome of an action on one distribution, carried in the URL after a
// redirect and shown on that distribution's card: /admin/calendrier?mois=…
// &fait=annulee&d=12&n=2&r=0&p=5#distribution-12. Only counts travel (p: the
// people emailed); the words come from the catalogue.
import { adminCalendarFr } from "@/lib/i18n/admin-calendar-fr";

const t = adminCalendarFr.distributions;

export type Flash =
  | { kind: "moved"; peopleNotified: number }
  | { kind: "cancelled"; offersCancelled: number; offersLeft: number; peopleNotified: number };

export function flashHref(month: string, distributionId: number, flash: Flash): string {
  const params = new URLSearchParams({ mois: month, d: String(distributionId) });
  params.set("p", String(flash.peopleNotified));
  if (flash.kind === "moved") params.set("fait", "deplacee");
  else {
    params.set("fait", "annulee");
    params.set("n", String(flash.offersCancelled));
    params.set("r", String(flash.offersLeft));
  }
  return `/admin/calendrier?${params}#distribution-${distributionId}`;
}

type Params = Record<string, string | string[] | undefined>;

const count = (raw: string | string[] | undefined) => {
  const text = [raw].flat()[0] ?? "";
  return /^[0-9]{1,4}$/.test(text) ? Number(text) : 0;
};

/** The message for the card of distribution `id`, if the URL carries one for it. */
export function flashFor(params: Params, id: number, slot: string): string | null {
  if ([params.d].flat()[0] !== String(id)) return null;
  switch ([params.fait].flat()[0]) {
    case "deplacee":
      return t.moved(slot, count(params.p));
    case "annulee": {
      const left = count(params.r);
      return left > 0 ? t.cancelIncomplete(left, count(params.p)) : t.cancelDone(count(params.n), count(params.p));
    }
    default:
      return null;
  }
}
