// How an offered basket reads on every page: its lines, their prices, the total.
import { formatPrice } from "@/lib/domain/time";
import { fr } from "@/lib/i18n/fr";

export type BasketLineView = { label: string; quantity: number; priceCents: number };

export function BasketLines({ lines, totalCents }: { lines: BasketLineView[]; totalCents: number }) {
  return (
    <div>
      <ul className="divide-y divide-leaf-100">
        {lines.map((line, i) => (
          <li key={i} className="flex justify-between gap-3 py-1">
            <span>{fr.exchange.quantityLine(line.quantity, line.label)}</span>
            <span className="whitespace-nowrap text-muted">{formatPrice(line.priceCents)}</span>
          </li>
        ))}
      </ul>
      {lines.length > 1 ? (
        <p className="pt-1 text-right font-semibold">{fr.exchange.total(formatPrice(totalCents))}</p>
      ) : null}
    </div>
  );
}

/** The member's own words, shown as text. */
export function Quote({ text, className = "" }: { text: string; className?: string }) {
  if (!text.trim()) return null;
  return <blockquote className={`whitespace-pre-line border-l-4 border-leaf-100 pl-3 italic text-muted ${className}`}>{text}</blockquote>;
}

export type ContactView = { fullName: string; phone: string | null; email: string };

const contactLink = "flex min-h-11 items-center break-all font-semibold text-leaf-800 underline underline-offset-2";

/** Contact details behind a "+": only ever rendered for the two parties of an exchange. */
export function ContactDetails({ contact }: { contact: ContactView }) {
  return (
    <details className="rounded-md border border-leaf-100">
      <summary
        className="flex min-h-11 cursor-pointer list-none items-center gap-2 px-3 font-semibold text-leaf-800"
        aria-label={fr.exchange.contactToggleLabel(contact.fullName)}
      >
        <span aria-hidden="true" className="inline-flex h-7 w-7 items-center justify-center rounded-full bg-leaf-100 text-lg">
          {fr.exchange.contactToggle}
        </span>
        <span>{contact.fullName}</span>
      </summary>
      {/* Each number and address is a whole row to tap (44 px), not a line of text. */}
      <dl className="grid grid-cols-[auto_1fr] items-center gap-x-3 px-3 pb-2">
        {contact.phone ? (
          <>
            <dt className="text-muted">{fr.exchange.phone}</dt>
            <dd className="min-w-0">
              <a className={contactLink} href={`tel:${contact.phone.replace(/[^+\d]/g, "")}`}>
                {contact.phone}
              </a>
            </dd>
          </>
        ) : null}
        <dt className="text-muted">{fr.exchange.email}</dt>
        <dd className="min-w-0">
          <a className={contactLink} href={`mailto:${contact.email}`}>
            {contact.email}
          </a>
        </dd>
      </dl>
    </details>
  );
}

export function StatusBadge({ children, tone = "neutral" }: { children: string; tone?: "neutral" | "good" | "warn" | "off" }) {
  const style = {
    neutral: "bg-leaf-100 text-leaf-800",
    good: "bg-leaf-700 text-white",
    warn: "bg-amber-100 text-amber-900",
    off: "bg-gray-200 text-gray-700",
  }[tone];
  return <span className={`inline-block rounded-full px-3 py-0.5 text-sm font-semibold ${style}`}>{children}</span>;
}
