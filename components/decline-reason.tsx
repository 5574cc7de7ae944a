// The optional word to the person whose reservation is declined: the same
// field on /mes-paniers (dialog and its page without JavaScript) and on an
// email's « Refuser » link. The refused person reads it in their email.
import { MAX_REASON_LENGTH } from "@/lib/domain/offer";
import { fr } from "@/lib/i18n/fr";

export function DeclineReasonField({ id, name }: { id: string; name: string }) {
  const t = fr.exchange.mine;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="font-semibold">
        {t.declineReason(name)}
      </label>
      <textarea
        id={id}
        name="reason"
        rows={3}
        maxLength={MAX_REASON_LENGTH}
        aria-describedby={`${id}-hint`}
        className="rounded-md border border-muted/40 p-3 text-base"
      />
      <p id={`${id}-hint`} className="text-sm text-muted">
        {t.declineReasonHint(name)}
      </p>
    </div>
  );
}
