// The basket-exchange emails: each renders to HTML and text from its preview
// defaults, its subject names the basket and the day, its text carries the
// facts its reader needs, and typed text (names, message, reason, rules) is
// never injected as HTML. The signed action links appear when given, and
// each template falls back to the site's pages without them. Then the
// reminders and the intermittents-list messages.
import { render } from "@react-email/render";
import type { ReactElement } from "react";
import { describe, expect, test } from "vitest";
import { typeset } from "@/lib/domain/french";
import { formatPrice } from "@/lib/domain/time";
import OfferAnnounced, { offerAnnouncedSubject } from "./offer-announced";
import OfferCancelled, { offerCancelledSubject } from "./offer-cancelled";
import ListJoined, { listJoinedSubject } from "./list-joined";
import ListLeft, { listLeftSubject } from "./list-left";
import ListRegisteredBy, { listRegisteredBySubject } from "./list-registered-by";
import ListRequestApproved, { listRequestApprovedSubject } from "./list-request-approved";
import ListRequestRefused, { listRequestRefusedSubject } from "./list-request-refused";
import { basketSummary, previewOffer, type MailPerson, type OfferMailData } from "./offer-data";
import OfferListed, { offerListedSubject } from "./offer-listed";
import {
  previewAcceptedOffer,
  previewContactEmail,
  previewIntermittent,
  previewListLinks,
  previewNextIntermittent,
  previewOffersLeft,
  previewOwnerOffer,
  previewPracticalRules,
  previewRegisteredBy,
} from "./preview-data";
import ReminderBasketsLeft, { reminderBasketsLeftSubject } from "./reminder-baskets-left";
import ReminderDecision, { reminderDecisionSubject } from "./reminder-decision";
import ReminderNobodyReserved, { reminderNobodyReservedSubject } from "./reminder-nobody-reserved";
import ReminderPickup, { reminderPickupSubject } from "./reminder-pickup";
import ReservationAcceptedOwner, { reservationAcceptedOwnerSubject } from "./reservation-accepted-owner";
import ReservationAcceptedTaker, { reservationAcceptedTakerSubject } from "./reservation-accepted-taker";
import ReservationDeclined, { reservationDeclinedSubject } from "./reservation-declined";
import ReservationNotChosen, { reservationNotChosenSubject } from "./reservation-not-chosen";
import ReservationPending, { reservationPendingSubject } from "./reservation-pending";
import ReservationQueued, { reservationQueuedSubject } from "./reservation-queued";
import ReservationToDecide, { reservationToDecideSubject } from "./reservation-to-decide";
import ReservationWithdrawn, { reservationWithdrawnSubject } from "./reservation-withdrawn";
// The référents' commands (lib/server/admin): a distribution cancelled or moved, a subscription shortened, an address changed.
import DistributionCancelledMember, { distributionCancelledMemberSubject } from "./distribution-cancelled-member";
import DistributionCancelledTaker, { distributionCancelledTakerSubject } from "./distribution-cancelled-taker";
import DistributionMovedMember, { distributionMovedMemberSubject } from "./distribution-moved-member";
import DistributionMovedTaker, { distributionMovedTakerSubject } from "./distribution-moved-taker";
import EmailChanged, { emailChangedSubject } from "./email-changed";
import { previewDistributionReason, previewMemberBaskets, previewMovedFrom, previewReferent, previewSubscriptionChange } from "./preview-data";
import SubscriptionEndedOwner, { subscriptionEndedOwnerSubject } from "./subscription-ended-owner";
import SubscriptionEndedTaker, { subscriptionEndedTakerSubject } from "./subscription-ended-taker";

const summary = basketSummary(previewOffer.lines);
const day = previewOffer.day;
const total = formatPrice(previewOffer.totalCents);
const links = previewOffer.links;
const ownerLinks = previewOwnerOffer.links;

/** The same offers without any signed action link: what the fallbacks are tested on. */
const plainLinks = { baskets: links.baskets, myBaskets: links.myBaskets };
const plainOffer: OfferMailData = { ...previewOffer, links: plainLinks };
const plainOwnerOffer: OfferMailData = { ...previewOwnerOffer, links: plainLinks };
const plainAcceptedOffer: OfferMailData = { ...previewAcceptedOffer, links: plainLinks };

async function renderBoth(element: ReactElement) {
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { html, text };
}

type Case = {
  name: string;
  /** The template with no props: what the react-email preview shows. */
  preview: ReactElement;
  /** The template with explicit props, and the subject for the same props. */
  element: ReactElement;
  subject: string;
  facts: string[];
};

const reason = "Finalement je reste à Lyon, désolée.";
const rules = "Apportez vos sacs.\nVenez pendant le créneau.";

const cases: Case[] = [
  {
    name: "offer-announced",
    preview: <OfferAnnounced />,
    element: <OfferAnnounced data={previewOffer} reopened={false} />,
    subject: offerAnnouncedSubject({ data: previewOffer, reopened: false }),
    facts: [
      "Bonjour Inès,",
      "Alice",
      previewOffer.slot,
      previewOffer.place.name,
      previewOffer.place.address,
      "Légumes — grand panier",
      formatPrice(2200),
      `À régler à Alice : ${total}`,
      // Typed text, shown as typed (no French spaces added to it).
      "Je pars chez ma sœur, bon appétit",
      `Réserver ${links.reserve}`,
      "Premier arrivé, premier servi : Alice valide la réservation.",
      "liste des intermittents",
      `Ne plus recevoir ces messages : se désinscrire de la liste des intermittents ${links.unsubscribe}`,
    ],
  },
  {
    name: "offer-listed",
    preview: <OfferListed />,
    element: <OfferListed data={previewOwnerOffer} autoAccept={false} intermittentCount={7} />,
    subject: offerListedSubject({ data: previewOwnerOffer }),
    facts: [
      "Bonjour Alice,",
      "Votre panier est proposé à 7 intermittents.",
      "Vous recevrez un e-mail à chaque réservation, à valider ou refuser.",
      "« Mes paniers échangés »",
      "« Annuler »",
      previewOffer.links.myBaskets,
      "Votre message :",
    ],
  },
  {
    name: "reservation-to-decide",
    preview: <ReservationToDecide />,
    element: <ReservationToDecide data={previewOwnerOffer} intermittent={previewIntermittent} promoted={false} queueLength={2} />,
    subject: reservationToDecideSubject({ data: previewOwnerOffer, intermittent: previewIntermittent }),
    facts: [
      "Bonjour Alice,",
      "Inès souhaite reprendre votre panier du jeudi 3 décembre.",
      `Valider ${ownerLinks.accept}\nRefuser ${ownerLinks.decline}`,
      `ou depuis « Mes paniers échangés » ${links.myBaskets}`,
      "2 autres personnes attendent dans la file",
    ],
  },
  {
    name: "reservation-pending",
    preview: <ReservationPending />,
    element: <ReservationPending data={previewOffer} promoted={false} />,
    subject: reservationPendingSubject({ data: previewOffer, promoted: false }),
    facts: [
      "Bonjour Inès,",
      "Alice doit maintenant la valider",
      "e-mail",
      previewOffer.links.myBaskets,
      `Un empêchement ? Annuler ma réservation ${links.withdraw}`,
    ],
  },
  {
    name: "reservation-queued",
    preview: <ReservationQueued />,
    element: <ReservationQueued data={previewOffer} position={3} />,
    subject: reservationQueuedSubject({ data: previewOffer }),
    facts: [
      "Bonjour Inès,",
      "Vous êtes en 3e position dans la file d'attente.",
      "dès que ce sera votre tour",
      previewOffer.links.myBaskets,
      `Vous pouvez quitter la file à tout moment : Annuler ma réservation ${links.withdraw}`,
    ],
  },
  {
    name: "reservation-accepted-taker",
    preview: <ReservationAcceptedTaker />,
    element: <ReservationAcceptedTaker data={previewAcceptedOffer} practicalRules={rules} />,
    subject: reservationAcceptedTakerSubject({ data: previewAcceptedOffer }),
    facts: [
      "Bonjour Inès,",
      "Émargez au nom d'Alice Martin",
      previewOffer.place.name,
      previewOffer.place.address,
      previewOffer.place.accessNotes,
      previewOffer.slot,
      "1 × Légumes — grand panier",
      "1 × Œufs — boîte de 6",
      `À régler à Alice : ${total}`,
      "06 12 34 56 78",
      "alice.martin@example.org",
      "* Apportez vos sacs.",
      "* Venez pendant le créneau.",
      "Le rendez-vous est en pièce jointe (fichier .ics) pour votre agenda.",
      previewOffer.links.myBaskets,
      `Un empêchement ? Prévenez Alice avant d'annuler : Annuler ma réservation ${links.withdraw}`,
    ],
  },
  {
    name: "reminder-decision",
    preview: <ReminderDecision />,
    element: <ReminderDecision data={previewOwnerOffer} intermittent={previewIntermittent} morning={false} />,
    subject: reminderDecisionSubject({ data: previewOwnerOffer, intermittent: previewIntermittent }),
    facts: [
      "Bonjour Alice,",
      "Inès attend toujours votre réponse pour votre panier du jeudi 3 décembre.",
      "Tant que vous n'avez pas répondu, Inès ne sait pas s'il faut venir chercher le panier.",
      `Valider ${ownerLinks.accept}\nRefuser ${ownerLinks.decline}`,
      `ou depuis « Mes paniers échangés » ${links.myBaskets}`,
      `Montant à recevoir : ${total}`,
    ],
  },
  {
    name: "reservation-accepted-owner",
    preview: <ReservationAcceptedOwner />,
    element: <ReservationAcceptedOwner data={previewOwnerOffer} taker={previewIntermittent} autoAccepted={false} />,
    subject: reservationAcceptedOwnerSubject({ data: previewOwnerOffer, taker: previewIntermittent }),
    facts: [
      "Bonjour Alice,",
      "Inès reprend votre panier du jeudi 3 décembre",
      "Inès Garnier",
      "07 98 76 54 32",
      "ines.garnier@example.org",
      `Pensez à convenir du paiement (${total}).`,
      previewOffer.links.myBaskets,
    ],
  },
  {
    name: "reservation-declined",
    preview: <ReservationDeclined />,
    element: <ReservationDeclined data={previewOffer} />,
    subject: reservationDeclinedSubject({ data: previewOffer }),
    facts: ["Bonjour Inès,", "Alice n'a pas retenu votre réservation", `Voir les autres paniers ${previewOffer.links.baskets}`],
  },
  {
    name: "reservation-not-chosen",
    preview: <ReservationNotChosen />,
    element: <ReservationNotChosen data={previewOffer} />,
    subject: reservationNotChosenSubject({ data: previewOffer }),
    facts: [
      "Bonjour Inès,",
      "Alice a validé la réservation d'une autre personne",
      "Vous restez dans la file d'attente : si cette personne se désiste, vous serez prévenu·e.",
      `Voir les autres paniers ${previewOffer.links.baskets}`,
    ],
  },
  {
    name: "offer-cancelled",
    preview: <OfferCancelled />,
    element: <OfferCancelled data={previewOffer} reason={reason} wasTaker />,
    subject: offerCancelledSubject({ data: previewOffer }),
    facts: [
      "Bonjour Inès,",
      "Alice ne cède plus son panier du jeudi 3 décembre",
      `> ${reason}`,
      "Le rendez-vous est retiré de votre agenda (fichier joint).",
      `Voir les autres paniers ${previewOffer.links.baskets}`,
    ],
  },
  {
    name: "reservation-withdrawn",
    preview: <ReservationWithdrawn />,
    element: <ReservationWithdrawn data={previewOwnerOffer} intermittent={previewIntermittent} next="reopened" />,
    subject: reservationWithdrawnSubject({ data: previewOwnerOffer, intermittent: previewIntermittent }),
    facts: [
      "Bonjour Alice,",
      "Inès a annulé sa réservation pour votre panier du jeudi 3 décembre.",
      "Votre panier est de nouveau proposé aux intermittents.",
      previewOffer.links.myBaskets,
    ],
  },
];

describe.each(cases)("$name", ({ preview, element, subject, facts }) => {
  test("renders from its preview defaults to HTML and text", async () => {
    const { html, text } = await renderBoth(preview);
    expect(html).toMatch(/^<!DOCTYPE html/);
    expect(html).toContain('lang="fr"');
    expect(text).toContain(previewOffer.amapName);
    expect(text).toContain(summary.split(", ")[0]);
  });

  test("its subject names the basket and the day", () => {
    expect(subject).toContain(summary);
    expect(subject).toContain(typeset(day));
  });

  test("its text carries the facts its reader needs", async () => {
    const { text } = await renderBoth(element);
    for (const fact of facts) expect(text).toContain(typeset(fact));
  });
});

// The reminders and list messages: their subjects do not all name the basket,
// so each states its own.
type MessageCase = Case & { expectedSubject: string };

const listRecipient: MailPerson = { firstName: "Inès", fullName: "Inès Garnier" };
const amapName = previewOffer.amapName;

const messageCases: MessageCase[] = [
  {
    name: "reminder-baskets-left",
    preview: <ReminderBasketsLeft />,
    element: (
      <ReminderBasketsLeft
        amapName={amapName}
        recipient={listRecipient}
        day={day}
        slot={previewOffer.slot}
        place={previewOffer.place}
        offers={previewOffersLeft}
        links={{ baskets: "http://localhost:3000/paniers", unsubscribe: links.unsubscribe }}
      />
    ),
    subject: reminderBasketsLeftSubject({ day, offers: previewOffersLeft }),
    expectedSubject: "Il reste 2 paniers pour jeudi 3 décembre",
    facts: [
      "Bonjour Inès,",
      "2 paniers attendent encore preneur pour la distribution du jeudi 3 décembre",
      previewOffer.slot,
      previewOffer.place.name,
      previewOffer.place.address,
      previewOffer.place.accessNotes,
      `Panier d'Alice : ${summary} (${total})`,
      `Panier de Bruno : Pain — 1 kg (${formatPrice(450)})`,
      "Voir les paniers http://localhost:3000/paniers",
      `Ne plus recevoir ces messages : se désinscrire de la liste des intermittents ${links.unsubscribe}`,
    ],
  },
  {
    name: "reminder-pickup",
    preview: <ReminderPickup />,
    element: <ReminderPickup data={previewAcceptedOffer} practicalRules={rules} />,
    subject: reminderPickupSubject({ data: previewAcceptedOffer }),
    expectedSubject: "Aujourd'hui : panier d'Alice à récupérer — jeudi 3 décembre",
    facts: [
      "Bonjour Inès,",
      `C'est aujourd'hui : le panier d'Alice vous attend à la distribution (${previewOffer.slot}).`,
      "Émargez au nom d'Alice Martin",
      previewOffer.place.name,
      previewOffer.place.address,
      previewOffer.place.accessNotes,
      "1 × Légumes — grand panier",
      "1 × Œufs — boîte de 6",
      `À régler à Alice : ${total}`,
      "Pour joindre Alice",
      "06 12 34 56 78",
      "alice.martin@example.org",
      "* Apportez vos sacs.",
      "* Venez pendant le créneau.",
      `Annuler ma réservation ${links.withdraw}`,
    ],
  },
  {
    name: "reminder-nobody-reserved",
    preview: <ReminderNobodyReserved />,
    element: <ReminderNobodyReserved data={previewOwnerOffer} />,
    subject: reminderNobodyReservedSubject({ data: previewOwnerOffer }),
    expectedSubject: "Personne n'a encore réservé votre panier du jeudi 3 décembre",
    facts: [
      "Bonjour Alice,",
      "Personne n'a encore réservé votre panier du jeudi 3 décembre.",
      "Il reste proposé jusqu'au début de la distribution",
      "vos proches ou dans votre voisinage",
      "« Inscrire une autre personne »",
      "Annulez votre proposition depuis « Mes paniers échangés ».",
      `Mes paniers échangés ${links.myBaskets}`,
      "1 × Légumes — grand panier",
    ],
  },
  {
    name: "list-joined",
    preview: <ListJoined />,
    element: <ListJoined amapName={amapName} recipient={listRecipient} links={previewListLinks} />,
    subject: listJoinedSubject({ amapName }),
    expectedSubject: "Bienvenue sur la liste des intermittents — AMAP des Tilleuls",
    facts: [
      "Bonjour Inès,",
      "vous êtes inscrit·e sur la liste des intermittents (AMAP des Tilleuls)",
      "vous recevez un e-mail personnel",
      "premier arrivé, premier servi",
      "L'amapien·ne valide votre réservation",
      "émargez à son nom",
      "Vous réglez le panier directement à l'amapien·ne.",
      `Voir les paniers disponibles ${previewListLinks.baskets}`,
      previewListLinks.help,
      `se désinscrire de la liste des intermittents ${previewListLinks.unsubscribe}`,
    ],
  },
  {
    name: "list-registered-by",
    preview: <ListRegisteredBy />,
    element: (
      <ListRegisteredBy amapName={amapName} recipient={listRecipient} registeredBy={previewRegisteredBy} links={previewListLinks} />
    ),
    subject: listRegisteredBySubject({ registeredBy: previewRegisteredBy }),
    expectedSubject: "Rose Lefèvre vous a inscrit·e sur la liste des intermittents",
    facts: [
      "Bonjour Inès,",
      "Rose Lefèvre vous a inscrit·e sur la liste des intermittents (AMAP des Tilleuls).",
      "Vous n'avez rien demandé",
      `Me désinscrire ${previewListLinks.unsubscribe}`,
      "premier arrivé, premier servi",
      `Voir les paniers disponibles ${previewListLinks.baskets}`,
      previewListLinks.help,
    ],
  },
  {
    name: "list-left",
    preview: <ListLeft />,
    element: <ListLeft amapName={amapName} recipient={listRecipient} links={{ rejoin: previewListLinks.rejoin }} />,
    subject: listLeftSubject({ amapName }),
    expectedSubject: "Vous n'êtes plus sur la liste des intermittents",
    facts: [
      "Bonjour Inès,",
      "vous n'êtes plus sur la liste des intermittents (AMAP des Tilleuls)",
      "Vous ne recevrez plus d'e-mail à chaque panier proposé.",
      "Vous pouvez revenir quand vous voulez",
      `Me réinscrire ${previewListLinks.rejoin}`,
    ],
  },
  {
    name: "list-request-approved",
    preview: <ListRequestApproved />,
    element: <ListRequestApproved amapName={amapName} recipient={listRecipient} links={previewListLinks} />,
    subject: listRequestApprovedSubject(),
    expectedSubject: "Votre inscription comme intermittent·e est acceptée",
    facts: [
      "Bonjour Inès,",
      "les référents ont accepté votre demande",
      "liste des intermittents (AMAP des Tilleuls)",
      "premier arrivé, premier servi",
      "sans mot de passe",
      `Se connecter ${previewListLinks.signIn}`,
      `Voir les paniers disponibles ${previewListLinks.baskets}`,
      previewListLinks.help,
      `se désinscrire de la liste des intermittents ${previewListLinks.unsubscribe}`,
    ],
  },
  {
    name: "list-request-refused",
    preview: <ListRequestRefused />,
    element: <ListRequestRefused amapName={amapName} recipient={listRecipient} contactEmail={previewContactEmail} />,
    subject: listRequestRefusedSubject(),
    expectedSubject: "Votre demande d'inscription comme intermittent·e",
    facts: [
      "Bonjour Inès,",
      "Merci de l'intérêt",
      "ne peuvent pas donner suite",
      `Pour toute question, vous pouvez leur écrire : ${previewContactEmail}`,
    ],
  },
];

describe.each(messageCases)("$name", ({ preview, element, subject, expectedSubject, facts }) => {
  test("renders from its preview defaults to HTML and text", async () => {
    const { html, text } = await renderBoth(preview);
    expect(html).toMatch(/^<!DOCTYPE html/);
    expect(html).toContain('lang="fr"');
    expect(text).toContain(amapName);
    expect(text).toContain("Bonjour ");
  });

  test("its subject", () => {
    expect(subject).toBe(typeset(expectedSubject));
  });

  test("its text carries the facts its reader needs", async () => {
    const { text } = await renderBoth(element);
    for (const fact of facts) expect(text).toContain(typeset(fact));
  });
});

describe("action links and their fallbacks", () => {
  const textOf = async (element: ReactElement) => (await renderBoth(element)).text;

  test("« Réserver » is the signed link when given, else the baskets page; unsubscribe only when given", async () => {
    const signed = await textOf(<OfferAnnounced data={previewOffer} reopened={false} />);
    expect(signed).toContain(`Réserver ${links.reserve}`);
    expect(signed).toContain(links.unsubscribe);
    const plain = await textOf(<OfferAnnounced data={plainOffer} reopened={false} />);
    expect(plain).toContain(`Réserver ${links.baskets}`);
    expect(plain).not.toContain("se désinscrire");
    expect(plain).not.toContain("/lien/");
  });

  test("the owner's decision: Valider / Refuser when both links are given, else one button to « Mes paniers échangés »", async () => {
    for (const element of [<ReservationToDecide key="1" data={plainOwnerOffer} />, <ReminderDecision key="2" data={plainOwnerOffer} />]) {
      const text = await textOf(element);
      expect(text).toContain(`Valider ou refuser ${links.myBaskets}`);
      expect(text).not.toContain("Refuser http");
      expect(text).not.toContain("ou depuis");
    }
    // One link alone is not enough to offer both answers.
    const acceptOnly: OfferMailData = { ...previewOwnerOffer, links: { ...plainLinks, accept: ownerLinks.accept } };
    const text = await textOf(<ReservationToDecide data={acceptOnly} />);
    expect(text).toContain(`Valider ou refuser ${links.myBaskets}`);
    expect(text).not.toContain(ownerLinks.accept);
  });

  test("« Annuler ma réservation » is the signed link when given, else the words pointing to « Mes paniers échangés »", async () => {
    const pending = await textOf(<ReservationPending data={plainOffer} />);
    expect(pending).toContain(typeset("Un empêchement ? Depuis « Mes paniers échangés », choisissez « Annuler ma réservation »."));
    const queued = await textOf(<ReservationQueued data={plainOffer} />);
    expect(queued).toContain(typeset("Vous pouvez quitter la file à tout moment depuis « Mes paniers échangés »"));
    const taker = await textOf(<ReservationAcceptedTaker data={plainAcceptedOffer} />);
    expect(taker).toContain(typeset("Prévenez Alice et annulez depuis « Mes paniers échangés »"));
    const pickup = await textOf(<ReminderPickup data={plainAcceptedOffer} />);
    expect(pickup).toContain(typeset("Prévenez Alice et annulez depuis « Mes paniers échangés »"));
    for (const text of [pending, queued, taker, pickup]) expect(text).not.toContain("/lien/");
  });

  test("the baskets-left reminder has no unsubscribe line without the link", async () => {
    const text = await textOf(<ReminderBasketsLeft links={{ baskets: "http://localhost:3000/paniers" }} />);
    expect(text).not.toContain("se désinscrire");
    expect(text).toContain("Voir les paniers http://localhost:3000/paniers");
  });
});

describe("variants", () => {
  const textOf = async (element: ReactElement) => (await renderBoth(element)).text;

  test("a reopened offer says so, in the subject and the body", async () => {
    expect(offerAnnouncedSubject({ data: previewOffer, reopened: true })).toBe(typeset(`De nouveau disponible : ${summary} — ${day}`));
    expect(offerAnnouncedSubject({ data: previewOffer, reopened: false })).toBe(typeset(`Panier disponible : ${summary} — ${day}`));
    expect(await textOf(<OfferAnnounced reopened />)).toContain("de nouveau disponible");
  });

  test("listing: automatic acceptance, one intermittent, nobody", async () => {
    const auto = await textOf(<OfferListed autoAccept intermittentCount={1} />);
    expect(auto).toContain("la première réservation sera acceptée d'office");
    expect(auto).not.toContain("à valider ou refuser");
    expect(auto).toContain("proposé à 1 intermittent·e.");
    expect(await textOf(<OfferListed intermittentCount={0} />)).toContain("Personne n'est inscrit");
  });

  test("a promoted reservation explains why, to the owner and to the intermittent", async () => {
    const owner = await textOf(<ReservationToDecide promoted queueLength={1} />);
    expect(owner).toContain(typeset("La réservation précédente a été refusée ou annulée : Inès était la personne suivante"));
    expect(owner).toContain("1 autre personne attend dans la file");
    const noQueue = await textOf(<ReservationToDecide queueLength={0} />);
    expect(noQueue).not.toContain("attend dans la file");
    expect(noQueue).not.toContain("précédente");

    expect(reservationPendingSubject({ data: previewOffer, promoted: true })).toMatch(new RegExp(`^${typeset("C'est votre tour : panier du jeudi 3 décembre")}`));
    expect(reservationPendingSubject({ data: previewOffer, promoted: false })).toMatch(new RegExp(`^${typeset("Réservation envoyée : panier du jeudi 3 décembre")}`));
    expect(await textOf(<ReservationPending promoted />)).toContain("c'est votre tour");
  });

  test("queue position 1 reads « 1re »", async () => {
    expect(await textOf(<ReservationQueued position={1} />)).toContain("Vous êtes en 1re position");
  });

  test("subjects name the people they are about", () => {
    expect(reservationToDecideSubject({ data: previewOwnerOffer, intermittent: previewIntermittent })).toBe(
      typeset(`Inès souhaite votre panier du ${day} (${summary})`),
    );
    expect(reservationAcceptedOwnerSubject({ data: previewOwnerOffer, taker: previewIntermittent })).toBe(
      `Votre panier du ${day} est repris par Inès (${summary})`,
    );
    expect(reservationWithdrawnSubject({ data: previewOwnerOffer, intermittent: previewIntermittent })).toBe(
      `Inès a annulé sa réservation — panier du ${day} (${summary})`,
    );
  });

  test("automatic acceptance is mentioned to the owner", async () => {
    expect(await textOf(<ReservationAcceptedOwner autoAccepted="offer" />)).toContain("validée automatiquement");
    expect(await textOf(<ReservationAcceptedOwner autoAccepted="setting" />)).toContain("comme le prévoit l'AMAP");
    expect(await textOf(<ReservationAcceptedOwner autoAccepted={false} />)).not.toContain("automatiquement");
  });

  test("a contact without phone shows no phone line", async () => {
    const data: OfferMailData = { ...previewAcceptedOffer, member: { ...previewAcceptedOffer.member, phone: null } };
    const text = await textOf(<ReservationAcceptedTaker data={data} />);
    expect(text).not.toContain("Téléphone");
    expect(text).toContain("alice.martin@example.org");
  });

  test("the default practical rules render one item per line; none, no section", async () => {
    const text = await textOf(<ReservationAcceptedTaker />);
    for (const rule of previewPracticalRules.split("\n")) expect(text).toContain(`* ${rule}`);
    expect(await textOf(<ReservationAcceptedTaker practicalRules={"  \n"} />)).not.toContain("Bon à savoir");
  });

  test("cancellation: to the queue, no calendar line; no reason, said plainly", async () => {
    const queue = await textOf(<OfferCancelled wasTaker={false} reason={reason} />);
    expect(queue).toContain("votre réservation est annulée");
    expect(queue).not.toContain("agenda");
    expect(await textOf(<OfferCancelled reason="  " />)).toContain("Alice n'a pas précisé de raison.");
  });

  test("withdrawal: promoted names the next person; none changes nothing", async () => {
    const promoted = await textOf(
      <ReservationWithdrawn intermittent={previewIntermittent} next="promoted" nextIntermittent={previewNextIntermittent} />,
    );
    expect(promoted).toContain("Léa était la personne suivante dans la file");
    const unnamed = await textOf(<ReservationWithdrawn intermittent={previewIntermittent} next="promoted" />);
    expect(unnamed).not.toContain("Léa");
    expect(unnamed).toContain("La personne suivante dans la file prend le relais");
    const none = await textOf(<ReservationWithdrawn next="none" />);
    expect(none).toContain("Rien d'autre ne change pour votre panier.");
    expect(none).not.toContain("de nouveau proposé");
  });

  test("baskets left: one basket in the singular", async () => {
    const one = previewOffersLeft.slice(0, 1);
    expect(reminderBasketsLeftSubject({ day, offers: one })).toBe(typeset("Il reste 1 panier pour jeudi 3 décembre"));
    const text = await textOf(<ReminderBasketsLeft offers={one} />);
    expect(text).toContain(typeset("Un panier attend encore preneur pour la distribution du jeudi 3 décembre"));
    expect(text).not.toContain("Bruno");
  });

  test("the morning decision reminder is the urgent one; the subject stays the same", async () => {
    const morning = await textOf(<ReminderDecision morning />);
    expect(morning).toContain(typeset("La distribution a lieu aujourd'hui : répondez dès maintenant, pour laisser à Inès le temps de s'organiser."));
    expect(morning).not.toContain("Tant que vous n'avez pas répondu");
    expect(await textOf(<ReminderDecision morning={false} />)).not.toContain("aujourd'hui");
    expect(reminderDecisionSubject({ data: previewOwnerOffer, intermittent: previewIntermittent })).toBe(
      typeset(`Rappel : Inès attend votre réponse — panier du ${day} (${summary})`),
    );
  });

  test("names starting with a consonant are not elided", async () => {
    const data: OfferMailData = {
      ...previewAcceptedOffer,
      member: { ...previewAcceptedOffer.member, firstName: "Bruno", fullName: "Bruno Petit" },
    };
    expect(reminderPickupSubject({ data })).toBe(typeset("Aujourd'hui : panier de Bruno à récupérer — jeudi 3 décembre"));
    expect(await textOf(<ReminderPickup data={data} />)).toContain("Émargez au nom de Bruno Petit");
  });

  test("someone known only by their address is greeted without a name", async () => {
    const text = await textOf(<ListRegisteredBy recipient={{ firstName: " ", fullName: "" }} />);
    expect(text).toContain("Bonjour,");
    expect(text).not.toContain("Bonjour ,");
  });

  test("registered by someone: the leave link comes before how it works", async () => {
    const text = await textOf(<ListRegisteredBy />);
    expect(text.indexOf(previewListLinks.unsubscribe)).toBeLessThan(text.indexOf(typeset("Comment ça marche ?")));
  });

  test("an empty message shows no quotation", async () => {
    const text = await textOf(<OfferAnnounced data={{ ...previewOffer, message: "  " }} />);
    expect(text).not.toContain("a écrit");
    expect(text).not.toContain(">");
  });

  test("a multi-line message keeps its lines", async () => {
    const text = await textOf(<OfferAnnounced data={{ ...previewOffer, message: "Ligne un\nLigne deux" }} />);
    expect(text).toContain("> Ligne un\n> Ligne deux");
  });
});

describe("typed text stays text", () => {
  const evil = "<script>alert(1)</script> <b>gras</b>";
  const evilPerson: MailPerson = { firstName: evil, fullName: evil, email: "x@example.org", phone: evil };
  const data: OfferMailData = {
    ...previewOffer,
    recipient: evilPerson,
    member: evilPerson,
    message: evil,
    place: { name: evil, address: evil, accessNotes: evil },
    lines: [{ label: evil, quantity: 2, priceCents: 100 }],
  };
  const elements: [string, ReactElement][] = [
    ["offer-announced", <OfferAnnounced key="1" data={data} reopened />],
    ["offer-listed", <OfferListed key="2" data={data} autoAccept intermittentCount={3} />],
    ["reservation-to-decide", <ReservationToDecide key="3" data={data} intermittent={evilPerson} promoted queueLength={2} />],
    ["reservation-pending", <ReservationPending key="4" data={data} promoted />],
    ["reservation-queued", <ReservationQueued key="5" data={data} position={2} />],
    ["reservation-accepted-taker", <ReservationAcceptedTaker key="6" data={data} practicalRules={`${evil}\n${evil}`} />],
    ["reservation-accepted-owner", <ReservationAcceptedOwner key="7" data={data} taker={evilPerson} autoAccepted="offer" />],
    ["reservation-declined", <ReservationDeclined key="8" data={data} />],
    ["reservation-not-chosen", <ReservationNotChosen key="9" data={data} />],
    ["offer-cancelled", <OfferCancelled key="10" data={data} reason={evil} wasTaker />],
    [
      "reservation-withdrawn",
      <ReservationWithdrawn key="11" data={data} intermittent={evilPerson} next="promoted" nextIntermittent={evilPerson} />,
    ],
    ["reminder-decision", <ReminderDecision key="12" data={data} intermittent={evilPerson} morning />],
    ["reminder-pickup", <ReminderPickup key="13" data={data} practicalRules={`${evil}\n${evil}`} />],
    ["reminder-nobody-reserved", <ReminderNobodyReserved key="14" data={data} />],
    [
      "reminder-baskets-left",
      <ReminderBasketsLeft
        key="15"
        amapName={evil}
        recipient={evilPerson}
        day={evil}
        slot={evil}
        place={data.place}
        offers={[{ memberFirstName: evil, summary: evil, totalCents: 100 }]}
        links={{ baskets: "http://localhost:3000/paniers" }}
      />,
    ],
    ["list-joined", <ListJoined key="16" amapName={evil} recipient={evilPerson} />],
    ["list-registered-by", <ListRegisteredBy key="17" amapName={evil} recipient={evilPerson} registeredBy={evilPerson} />],
    ["list-left", <ListLeft key="18" amapName={evil} recipient={evilPerson} />],
    ["list-request-approved", <ListRequestApproved key="19" amapName={evil} recipient={evilPerson} />],
    ["list-request-refused", <ListRequestRefused key="20" amapName={evil} recipient={evilPerson} />],
  ];

  test.each(elements)("%s escapes names, message, reason, summaries and rules", async (_name, element) => {
    const { html, text } = await renderBoth(element);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain("<b>gras</b>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain("&lt;b&gt;gras&lt;/b&gt;");
    // The text version shows the words as typed.
    expect(text).toContain(evil);
  });
});

// The emails of the référents' commands: each renders from its preview
// defaults, says what happened and who did it, never an amount to pay when a
// basket is withdrawn, and keeps typed text as text.
describe("the référents' commands", () => {
  const distribution = { day, slot: previewOffer.slot, place: previewOffer.place };
  const referent = previewReferent;
  const place = previewOffer.place;
  const noPrice = /€|À régler|Montant/;
  const textOf = async (element: ReactElement) => (await renderBoth(element)).text;
  const evilText = "<script>alert(1)</script> <b>gras</b>";
  const evilName = { firstName: evilText, fullName: evilText };
  const evilPlace = { name: evilText, address: evilText, accessNotes: evilText };
  const evilOffer: OfferMailData = {
    ...previewOffer,
    recipient: evilName,
    member: evilName,
    place: evilPlace,
    lines: [{ label: evilText, quantity: 1, priceCents: 100 }],
  };
  type AdminCase = { name: string; preview: ReactElement; element: ReactElement; subject: string; expectedSubject: string; facts: string[]; absent?: RegExp[] };
  const adminCases: AdminCase[] = [
    {
      name: "distribution-cancelled-member",
      preview: <DistributionCancelledMember />,
      element: (
        <DistributionCancelledMember
          amapName={amapName}
          recipient={previewOffer.member}
          {...distribution}
          referent={referent}
          reason={previewDistributionReason}
          baskets={previewMemberBaskets}
          offer={{ holders: 2 }}
          contactEmail={previewContactEmail}
          links={{ myBaskets: links.myBaskets }}
        />
      ),
      subject: distributionCancelledMemberSubject({ day }),
      expectedSubject: "Distribution du jeudi 3 décembre annulée",
      facts: [
        "Bonjour Alice,",
        `Rose Lefèvre, référent·e de l'AMAP, a annulé la distribution du ${previewOffer.slot} (${place.name}) : il n'y aura pas de distribution ce jour-là.`,
        "Rose Lefèvre, référent·e de l'AMAP, explique :",
        `> ${previewDistributionReason}`,
        "Vos paniers prévus ce jour-là : Légumes — grand panier, Œufs — boîte de 6.",
        "Le panier que vous proposiez aux intermittents pour cette date est retiré, et les 2 personnes qui l'avaient réservé sont prévenues.",
        `Une question ? Écrivez aux référents : ${previewContactEmail}`,
      ],
      absent: [noPrice],
    },
    {
      name: "distribution-cancelled-taker",
      preview: <DistributionCancelledTaker />,
      element: <DistributionCancelledTaker data={previewOffer} referent={referent} reason={previewDistributionReason} wasTaker />,
      subject: distributionCancelledTakerSubject({ data: previewOffer }),
      expectedSubject: `Distribution du jeudi 3 décembre annulée : panier d'Alice (${summary})`,
      facts: [
        "Bonjour Inès,",
        "Rose Lefèvre, référent·e de l'AMAP, a annulé la distribution du jeudi 3 décembre. Vous n'avez donc pas à venir chercher le panier d'Alice, ni rien à régler.",
        `> ${previewDistributionReason}`,
        "Le rendez-vous est retiré de votre agenda (fichier joint).",
        `Voir les autres paniers ${links.baskets}`,
        "Légumes — grand panier",
      ],
      absent: [noPrice, /ne cède plus/],
    },
    {
      name: "distribution-moved-member",
      preview: <DistributionMovedMember />,
      element: (
        <DistributionMovedMember
          amapName={amapName}
          recipient={previewOffer.member}
          from={previewMovedFrom}
          to={{ day, slot: previewOffer.slot }}
          place={place}
          referent={referent}
          baskets={previewMemberBaskets}
          hasOffer
          told={2}
          contactEmail={previewContactEmail}
          links={{ myBaskets: links.myBaskets }}
        />
      ),
      subject: distributionMovedMemberSubject({ from: previewMovedFrom, to: { day, slot: previewOffer.slot } }),
      expectedSubject: "La distribution du mercredi 2 décembre est déplacée au jeudi 3 décembre",
      facts: [
        "Bonjour Alice,",
        `Rose Lefèvre, référent·e de l'AMAP, a déplacé la distribution du ${previewMovedFrom.slot}. Elle aura lieu :`,
        previewOffer.slot,
        place.name,
        place.address,
        "Le panier que vous cédez suit la distribution : il vaut pour la nouvelle date. Les 2 personnes qui l'ont réservé en sont prévenues.",
        `Mes paniers échangés ${links.myBaskets}`,
      ],
      absent: [noPrice],
    },
    {
      name: "distribution-moved-taker",
      preview: <DistributionMovedTaker />,
      element: <DistributionMovedTaker data={previewOffer} from={previewMovedFrom} referent={referent} standing="accepted" />,
      subject: distributionMovedTakerSubject({ data: previewOffer }),
      expectedSubject: "Panier d'Alice : la distribution est déplacée au jeudi 3 décembre",
      facts: [
        "Bonjour Inès,",
        `Rose Lefèvre, référent·e de l'AMAP, a déplacé la distribution du ${previewMovedFrom.slot}.`,
        "Le panier d'Alice est à récupérer à la nouvelle date, au même endroit :",
        previewOffer.slot,
        place.accessNotes,
        `À régler à Alice : ${total}`,
        "Le rendez-vous de votre agenda est mis à jour (fichier joint).",
        `Vous ne pouvez pas venir à la nouvelle date ? Annuler ma réservation ${links.withdraw}`,
      ],
    },
    {
      name: "subscription-ended-taker",
      preview: <SubscriptionEndedTaker />,
      element: <SubscriptionEndedTaker data={previewOffer} referent={referent} contract={previewSubscriptionChange.contract} wasTaker />,
      subject: subscriptionEndedTakerSubject({ data: previewOffer }),
      expectedSubject: `Panier d'Alice du jeudi 3 décembre retiré (${summary})`,
      facts: [
        "Bonjour Inès,",
        "Rose Lefèvre, référent·e de l'AMAP, a modifié le contrat « Légumes — grand panier » d'Alice : il ne comprend plus la distribution du jeudi 3 décembre.",
        "Le panier d'Alice n'est donc plus à récupérer : vous n'avez rien à venir chercher, ni rien à régler.",
        "Le rendez-vous est retiré de votre agenda (fichier joint).",
      ],
      absent: [noPrice, /ne cède plus/],
    },
    {
      name: "subscription-ended-owner",
      preview: <SubscriptionEndedOwner />,
      element: (
        <SubscriptionEndedOwner
          amapName={amapName}
          recipient={previewOffer.member}
          referent={referent}
          contract={previewSubscriptionChange.contract}
          from={previewSubscriptionChange.from}
          to={previewSubscriptionChange.to}
          offers={[{ day, summary }]}
          holders={1}
          otherBaskets={false}
          contactEmail={previewContactEmail}
          links={{ myBaskets: links.myBaskets }}
        />
      ),
      subject: subscriptionEndedOwnerSubject({ contract: previewSubscriptionChange.contract }),
      expectedSubject: "Votre contrat « Légumes — grand panier » est modifié : paniers proposés retirés",
      facts: [
        "Bonjour Alice,",
        "Rose Lefèvre, référent·e de l'AMAP, a modifié votre contrat « Légumes — grand panier » : il court désormais du 2 avril 2026 au 26 novembre 2026.",
        "Le panier que vous proposiez aux intermittents pour une date en dehors de cette période est donc retiré :",
        `* jeudi 3 décembre : ${summary}`,
        "La personne qui avait réservé est prévenue.",
      ],
      absent: [noPrice, /autre contrat/],
    },
    {
      name: "email-changed",
      preview: <EmailChanged />,
      element: (
        <EmailChanged
          amapName={amapName}
          recipient={previewOffer.member}
          referent={referent}
          when="2 décembre 2026 à 14 h 05"
          newAddress="al•••@exemple.org"
          contactEmail={previewContactEmail}
        />
      ),
      subject: emailChangedSubject({ amapName }),
      expectedSubject: "L'adresse e-mail de votre compte a changé — AMAP des Tilleuls",
      facts: [
        "Bonjour Alice,",
        "Rose Lefèvre, référent·e de l'AMAP, a changé l'adresse e-mail de votre compte le 2 décembre 2026 à 14 h 05.",
        "Les messages de l'espace intermittents vont désormais à al•••@exemple.org, et c'est avec cette adresse que l'on se connecte.",
        "les sessions ouvertes sur votre compte sont fermées",
        `Prévenez l'AMAP tout de suite : ${previewContactEmail}`,
      ],
    },
  ];

  describe.each(adminCases)("$name", ({ preview, element, subject, expectedSubject, facts, absent = [] }) => {
    test("renders from its preview defaults to HTML and text", async () => {
      const { html, text } = await renderBoth(preview);
      expect(html).toMatch(/^<!DOCTYPE html/);
      expect(html).toContain('lang="fr"');
      expect(text).toContain(amapName);
    });

    test("its subject", () => {
      expect(subject).toBe(typeset(expectedSubject));
    });

    test("its text carries the facts its reader needs, and nothing it must not say", async () => {
      const { text } = await renderBoth(element);
      for (const fact of facts) expect(text).toContain(typeset(fact));
      for (const pattern of absent) expect(text).not.toMatch(pattern);
    });
  });

  test("variants: a cancelled distribution to the queue, a member who offered nothing, no reason, no contact address", async () => {
    const queue = await textOf(<DistributionCancelledTaker wasTaker={false} />);
    expect(queue).toContain("votre réservation du panier d'Alice est donc annulée.");
    expect(queue).not.toContain("agenda");
    const member = await textOf(<DistributionCancelledMember recipient={previewOffer.member} reason="  " contactEmail="" />);
    expect(member).not.toContain("proposiez");
    expect(member).not.toContain("explique");
    expect(member).toContain(typeset("Une question ? Répondez à ce message ou adressez-vous aux référents de l'AMAP."));
    expect(await textOf(<DistributionCancelledMember offer={{ holders: 0 }} />)).toContain(
      "Le panier que vous proposiez aux intermittents pour cette date est retiré.",
    );
  });

  test("variants: a moved distribution to someone waiting, without the signed link", async () => {
    expect(await textOf(<DistributionMovedTaker standing="pending" data={plainOffer} />)).toContain(
      typeset("Votre réservation du panier d'Alice attend toujours sa réponse ; elle vaut pour la nouvelle date :"),
    );
    const queued = await textOf(<DistributionMovedTaker standing="queued" data={plainOffer} />);
    expect(queued).toContain(typeset("Vous restez dans la file d'attente pour le panier d'Alice, à la nouvelle date :"));
    expect(queued).toContain(typeset("Annulez votre réservation depuis « Mes paniers échangés »."));
    expect(queued).not.toContain("agenda");
  });

  test("variants: an address changed by the person themselves, no contact address", async () => {
    const text = await textOf(<EmailChanged recipient={previewOffer.member} when="2 décembre 2026 à 14 h 05" newAddress="al•••@exemple.org" contactEmail="" />);
    expect(text).toContain(typeset("Vous avez changé l'adresse e-mail de votre compte le 2 décembre 2026 à 14 h 05"));
    expect(text).not.toContain("Rose");
    expect(text).toContain("Prévenez tout de suite les référents de l'AMAP, en répondant à ce message ou de vive voix.");
  });

  test.each([
    ["distribution-cancelled-member", <DistributionCancelledMember key="1" amapName={evilText} recipient={evilName} day={evilText} slot={evilText} place={evilPlace} referent={evilName} reason={evilText} baskets={[evilText]} offer={{ holders: 1 }} contactEmail="x@example.org" links={{ myBaskets: links.myBaskets }} />],
    ["distribution-cancelled-taker", <DistributionCancelledTaker key="2" data={evilOffer} referent={evilName} reason={evilText} wasTaker />],
    ["distribution-moved-member", <DistributionMovedMember key="3" amapName={evilText} recipient={evilName} from={{ day: evilText, slot: evilText }} to={{ day: evilText, slot: evilText }} place={evilPlace} referent={evilName} baskets={[evilText]} hasOffer contactEmail="x@example.org" links={{ myBaskets: links.myBaskets }} />],
    ["distribution-moved-taker", <DistributionMovedTaker key="4" data={evilOffer} from={{ day: evilText, slot: evilText }} referent={evilName} standing="accepted" />],
    ["subscription-ended-taker", <SubscriptionEndedTaker key="5" data={evilOffer} referent={evilName} contract={evilText} wasTaker />],
    ["subscription-ended-owner", <SubscriptionEndedOwner key="6" amapName={evilText} recipient={evilName} referent={evilName} contract={evilText} from={evilText} to={evilText} offers={[{ day: evilText, summary: evilText }]} holders={1} otherBaskets contactEmail="x@example.org" links={{ myBaskets: links.myBaskets }} />],
    ["email-changed", <EmailChanged key="7" amapName={evilText} recipient={evilName} referent={evilName} when={evilText} newAddress={evilText} contactEmail="x@example.org" />],
  ])("%s keeps names, reasons and places as text", async (_name, element) => {
    const { html, text } = await renderBoth(element);
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(text).toContain(evilText);
  });
});
