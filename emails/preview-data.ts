// Preview data for the exchange emails, built on `previewOffer`: the same
// basket seen by its owner, by the taker once accepted, and the people around.
import type { MailPerson, OfferMailData } from "./offer-data";
import { basketSummary, previewOffer } from "./offer-data";

/** Inès, the intermittent, with the contact details an accepted exchange reveals. */
export const previewIntermittent: MailPerson = {
  ...previewOffer.recipient,
  email: "ines.garnier@example.org",
  phone: "07 98 76 54 32",
};

/** Léa, next in the queue. */
export const previewNextIntermittent: MailPerson = { firstName: "Léa", fullName: "Léa Bernard" };

/** The offer as its owner, Alice, receives it, with her own action links. */
export const previewOwnerOffer: OfferMailData = {
  ...previewOffer,
  recipient: previewOffer.member,
  links: {
    baskets: previewOffer.links.baskets,
    myBaskets: previewOffer.links.myBaskets,
    accept: "http://localhost:3000/lien/exemple-valider",
    decline: "http://localhost:3000/lien/exemple-refuser",
  },
};

/** The offer as the taker receives it once accepted: the member's contact is filled. */
export const previewAcceptedOffer: OfferMailData = {
  ...previewOffer,
  recipient: previewIntermittent,
  member: { ...previewOffer.member, email: "alice.martin@example.org", phone: "06 12 34 56 78" },
};

export const previewPracticalRules = [
  "Apportez vos sacs ou un cabas : les paniers ne sont pas fournis.",
  "Venez pendant le créneau : après la distribution, les paniers non récupérés sont partagés.",
  "En cas de retard, prévenez l'amapien·ne.",
].join("\n");

/** Rose, the member who registered someone else on the intermittents list. */
export const previewRegisteredBy = { fullName: "Rose Lefèvre" };

/** The baskets still free the day before the distribution: Alice's and Bruno's. */
export const previewOffersLeft = [
  { memberFirstName: previewOffer.member.firstName, summary: basketSummary(previewOffer.lines), totalCents: previewOffer.totalCents },
  { memberFirstName: "Bruno", summary: "Pain — 1 kg", totalCents: 450 },
];

/** The links of the intermittents-list messages. */
export const previewListLinks = {
  baskets: "http://localhost:3000/paniers",
  help: "http://localhost:3000/aide",
  unsubscribe: "http://localhost:3000/lien/exemple-desinscrire",
  rejoin: "http://localhost:3000/intermittents",
  signIn: "http://localhost:3000/connexion",
};

export const previewContactEmail = "intermittents@amap-des-tilleuls.example.org";

// The référents' commands (lib/server/admin): a distribution cancelled or
// moved, a subscription shortened under offered baskets, an address changed.

/** Rose, the référente who acts. */
export const previewReferent = { fullName: "Rose Lefèvre" };

export const previewDistributionReason = "La salle des fêtes est inondée. Le maraîcher livrera les légumes de ce jour-là la semaine suivante.";

/** The date a distribution is moved from (to previewOffer's). */
export const previewMovedFrom = { day: "mercredi 2 décembre", slot: "mercredi 2 décembre, 18 h 30 – 20 h" };

/** A member's baskets on the day. */
export const previewMemberBaskets = previewOffer.lines.map((l) => l.label);

/** Alice's contract, as a référent shortened it. */
export const previewSubscriptionChange = {
  contract: "Légumes — grand panier",
  from: "2 avril 2026",
  to: "26 novembre 2026",
};
