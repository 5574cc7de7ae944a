// The outcome of the last action, carried in the URL (?ok=… or ?erreur=…),
// shown once at the top: plain forms without JavaScript get it too.
import { fr } from "@/lib/i18n/fr";
import { Alert } from "./ui";

type Key = Exclude<keyof typeof fr.exchange.flash, "offered" | "cancelled">;
type Params = { ok?: string | string[]; cede?: string | string[]; erreur?: string | string[]; prevenus?: string | string[] };

/** ?prevenus=3: how many people the action emailed, for an outcome that says who was told. */
export const NOTIFIED_PARAM = "prevenus";

/** The count in ?prevenus=, or null when absent or not a count. */
export function notifiedCount(params: Params): number | null {
  const raw = first(params.prevenus);
  const n = Number(raw);
  return raw !== undefined && /^\d{1,6}$/.test(raw) && Number.isSafeInteger(n) ? n : null;
}

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export function flashMessage(params: Params): string | null {
  const cede = Number(first(params.cede));
  if (Number.isInteger(cede) && cede > 0 && cede < 1000) return fr.exchange.flash.offered(cede);
  const ok = first(params.ok);
  // Says who was told only from the count the action gave: none, or how many.
  if (ok === "cancelled") return fr.exchange.flash.cancelled(notifiedCount(params));
  if (ok && ok !== "offered" && Object.hasOwn(fr.exchange.flash, ok)) return fr.exchange.flash[ok as Key];
  return null;
}

/** ?erreur= when the database did not answer (the action changed nothing). */
export const UNAVAILABLE = "indisponible";

/** A refusal named in the URL (?erreur=too_late), in plain French. */
export function flashError(params: Params): string | null {
  const key = first(params.erreur);
  if (!key) return null;
  if (key === UNAVAILABLE) return fr.errors.actionFailed;
  if (Object.hasOwn(fr.exchange.refusals, key)) return fr.exchange.refusals[key as keyof typeof fr.exchange.refusals];
  return fr.exchange.invalidInput;
}

export function Flash({ message, error = null }: { message: string | null; error?: string | null }) {
  if (!message && !error) return null;
  return (
    <div className="mb-4 flex flex-col gap-2">
      {error ? <Alert kind="error">{error}</Alert> : null}
      {message ? <Alert kind="info">{message}</Alert> : null}
    </div>
  );
}
