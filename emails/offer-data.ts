// The data every exchange email is rendered from. The outbox handler
// (lib/server/exchange/offer-mail.ts) reloads it fresh at delivery time; the defaults
// below are what the react-email preview shows.

import { typeset } from "@/lib/domain/french";

export type MailBasketLine = {
  /** "Légumes — grand panier" */
  label: string;
  quantity: number;
  /** Price of the whole line (unit price × quantity), in cents. */
  priceCents: number;
};

export type MailPerson = {
  firstName: string;
  fullName: string;
  /** Only ever filled for the two parties of an accepted exchange. */
  email?: string;
  phone?: string | null;
};

export type MailPlace = { name: string; address: string; accessNotes: string };

export type OfferMailData = {
  amapName: string;
  /** The person the message is addressed to. */
  recipient: MailPerson;
  /** The member who offers the basket. */
  member: MailPerson;
  /** "jeudi 3 décembre" */
  day: string;
  /** "jeudi 3 décembre, 18 h 30 – 20 h" */
  slot: string;
  place: MailPlace;
  lines: MailBasketLine[];
  totalCents: number;
  /** The member's own words, shown as text. May be empty. */
  message: string;
  /** Absolute links into the site. */
  links: {
    /** The list of available baskets (/paniers), anchored on this offer. */
    baskets: string;
    /** The recipient's exchanges page (/mes-paniers). */
    myBaskets: string;
    // Signed action links (DESIGN.md §6): personal to the recipient, each
    // opens a confirmation page that works without signing in. A template
    // falls back to the pages above when its link is absent.
    /** Reserve this offer (intermittents). */
    reserve?: string;
    /** Accept / decline the pending reservation (owner); used only when both are given. */
    accept?: string;
    decline?: string;
    /** Cancel one's own reservation (pending, queued or accepted). */
    withdraw?: string;
    /** Leave the intermittents list (intermittents). */
    unsubscribe?: string;
  };
};

export const previewOffer: OfferMailData = {
  amapName: "AMAP des Tilleuls",
  recipient: { firstName: "Inès", fullName: "Inès Garnier" },
  member: { firstName: "Alice", fullName: "Alice Martin" },
  // As formatDay and formatSlot write them: with their no-break spaces.
  day: typeset("jeudi 3 décembre"),
  slot: typeset("jeudi 3 décembre, 18 h 30 – 20 h"),
  place: {
    name: "Salle des fêtes des Tilleuls",
    address: "2 place de la Mairie, 69000 Lyon",
    accessNotes: "Entrée par la cour, à gauche du préau.",
  },
  lines: [
    { label: "Légumes — grand panier", quantity: 1, priceCents: 2200 },
    { label: "Œufs — boîte de 6", quantity: 1, priceCents: 350 },
  ],
  totalCents: 2550,
  message: "Je pars chez ma sœur, bon appétit !",
  // The links an intermittent's copy carries; the owner's copy is in preview-data.ts.
  links: {
    baskets: "http://localhost:3000/paniers?offre=1#offre-1",
    myBaskets: "http://localhost:3000/mes-paniers",
    reserve: "http://localhost:3000/lien/exemple-reserver",
    withdraw: "http://localhost:3000/lien/exemple-annuler",
    unsubscribe: "http://localhost:3000/lien/exemple-desinscrire",
  },
};

/** "Légumes — grand panier, Œufs — boîte de 6" (quantities above one written "2 × …"). */
export function basketSummary(lines: readonly MailBasketLine[]): string {
  return lines.map((l) => (l.quantity > 1 ? `${l.quantity} × ${l.label}` : l.label)).join(", ");
}
