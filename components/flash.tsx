// The outcome of the last action, carried in the URL (?ok=…), shown once at the top.
import { fr } from "@/lib/i18n/fr";
import { Alert } from "./ui";

type Key = Exclude<keyof typeof fr.exchange.flash, "offered">;

export function flashMessage(params: { ok?: string | string[]; cede?: string | string[] }): string | null {
  const cede = Number(Array.isArray(params.cede) ? params.cede[0] : params.cede);
  if (Number.isInteger(cede) && cede > 0 && cede < 1000) return fr.exchange.flash.offered(cede);
  const ok = Array.isArray(params.ok) ? params.ok[0] : params.ok;
  if (ok && ok !== "offered" && Object.hasOwn(fr.exchange.flash, ok)) return fr.exchange.flash[ok as Key];
  return null;
}

export function Flash({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <div className="mb-4">
      <Alert kind="info">{message}</Alert>
    </div>
  );
}
