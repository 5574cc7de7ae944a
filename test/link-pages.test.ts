// What an email link's page (/lien/<token>) says, for every link action ×
// every state it can meet, rendered as the person reads it: an action that
// still applies is offered with its button; one that no longer does says
// what happened and offers the next useful step instead — never a button
// that would fail. Each case then presses the button's command (performLink):
// it succeeds exactly when the page offered the button.
import { and, eq } from "drizzle-orm";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it } from "vitest";
import { typeset } from "@/lib/domain/french";
import { LinkPageBody, linkPageTitle } from "@/app/lien/[token]/link-view";
import { getDb, type Db } from "@/db/client";
import { createIntermittent, createMember } from "@/db/factories";
import * as s from "@/db/schema";
import { firstAmapId } from "@/db/queries";
import { ofAmap } from "@/lib/i18n/grammar";
import { getSettings } from "@/lib/server/core/settings";
import { describeLink, performLink } from "@/lib/server/links/link-actions";
import { createLinkToken, type LinkAction } from "@/lib/server/core/signed-links";
import { leaveList } from "@/lib/server/list/intermittents";
import { acceptReservation, cancelOffer, createOffers, declineReservation, reserveOffer, withdrawReservation } from "@/lib/server/exchange/offers";
import { memberWithBasket, openOffer, vegetablesContract, viewerOf } from "@/test/exchange-fixtures";

let db: Db;
let veg: s.Contract;

beforeAll(async () => {
  db = await getDb();
  veg = await vegetablesContract(db);
});

const inAnHour = () => new Date(Date.now() + 3_600_000);

function linkFor(userId: string, action: LinkAction, objectId: number): string {
  return createLinkToken({ userId, action, objectId, expiresAt: inAnHour() });
}

function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    // Collapses what HTML collapses; the no-break spaces stay, as the reader gets them.
    .replace(/[ \t\r\n]+/g, " ")
    .replace(/^ | $/g, "");
}

/** The page as its reader gets it: title, heading, words, buttons, links, fields. */
async function open(token: string) {
  const view = await describeLink(token, null);
  const html = renderToStaticMarkup(createElement(LinkPageBody, { view, token }));
  const heading = text(/<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)?.[1] ?? "");
  expect(linkPageTitle(view), "the title is the heading").toBe(heading);
  return {
    heading,
    words: text(html),
    buttons: [...html.matchAll(/<button[^>]*>([\s\S]*?)<\/button>/g)].map((m) => text(m[1]!)),
    links: [...html.matchAll(/<a [^>]*href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/g)].map((m) => `${text(m[2]!)} → ${m[1]}`),
    fields: [...html.matchAll(/<label[^>]*>([\s\S]*?)<\/label>/g)].map((m) => text(m[1]!)),
  };
}

/** A page that still offers its action, then its button does it. */
async function expectOffered(token: string, page: { heading: string; says: string[]; button: string; outcome: string }) {
  const seen = await open(token);
  expect(seen.heading).toBe(typeset(page.heading));
  for (const sentence of page.says) expect(seen.words).toContain(typeset(sentence));
  expect(seen.words).toContain("Rien n'est fait tant que vous n'avez pas appuyé sur le bouton.");
  expect(seen.buttons).toEqual([page.button]);
  expect(await performLink(token, null), "the button works").toEqual({ ok: true, outcome: page.outcome });
  return seen;
}

/** A page whose action no longer applies: what happened, where to go, no button — and the command would refuse. */
async function expectStopped(token: string, page: { heading: string; says: string; next: string[] }) {
  const seen = await open(token);
  expect(seen.heading).toBe(typeset(page.heading));
  expect(seen.words).toContain(typeset(page.says));
  expect(seen.buttons, "no button that would fail").toEqual([]);
  expect(seen.links).toEqual(page.next);
  const result = await performLink(token, null);
  expect(result.ok, `the command refuses too (${JSON.stringify(result)})`).toBe(false);
  return seen;
}

const BASKETS = "Voir les autres paniers → /paniers";
const MINE = "Voir mes paniers échangés → /mes-paniers";

/** Alice's basket, offered; Hugo and Jules on the list. */
async function scene(daysAhead: number, { autoAccept = false } = {}) {
  const hugo = await createIntermittent(db, { firstName: "Hugo", lastName: "Moreau" });
  const jules = await createIntermittent(db, { firstName: "Jules", lastName: "Petit" });
  let offerId: number;
  let alice;
  if (autoAccept) {
    const member = await memberWithBasket(db, veg, { daysAhead, firstName: "Alice" });
    const created = await createOffers(member.viewer, {
      distributionIds: [member.distribution.id],
      subscriptionIds: [member.sub.id],
      message: "",
      autoAccept: true,
    });
    if (!created.ok) throw new Error(created.refusal);
    offerId = created.value.offerIds[0]!;
    alice = member;
  } else {
    alice = await openOffer(db, veg, { daysAhead, firstName: "Alice" });
    offerId = alice.offerId;
  }
  return {
    offerId,
    alice: alice.viewer,
    hugo: await viewerOf(db, hugo.id),
    jules: await viewerOf(db, jules.id),
  };
}

async function reserve(viewer: Awaited<ReturnType<typeof viewerOf>>, offerId: number): Promise<number> {
  const result = await reserveOffer(viewer, offerId);
  if (!result.ok) throw new Error(result.refusal);
  return result.value.reservationId!;
}

async function setOfferStatus(offerId: number, status: s.OfferStatus) {
  await db.update(s.offers).set({ status }).where(eq(s.offers.id, offerId));
}

describe("« Réserver » (the announcement's link)", () => {
  it("open: reserves, the member validating afterwards", async () => {
    const { offerId, jules } = await scene(11);
    await expectOffered(linkFor(jules.userId, "reserve", offerId), {
      heading: "Réserver ce panier ?",
      says: ["Bonjour Jules,", "Le panier d'Alice vous sera réservé. Alice valide ensuite la réservation"],
      button: "Réserver",
      outcome: "reserved",
    });
  });

  it("open with automatic acceptance: the basket is yours at once, no validation promised", async () => {
    const { offerId, jules } = await scene(12, { autoAccept: true });
    const seen = await expectOffered(linkFor(jules.userId, "reserve", offerId), {
      heading: "Réserver ce panier ?",
      says: ["Alice a choisi l'acceptation automatique : dès que vous appuyez sur « Réserver », le panier est à vous, sans attendre de validation."],
      button: "Réserver",
      outcome: "accepted-for-you",
    });
    expect(seen.words).not.toContain("valide ensuite");
  });

  it("reserved by someone else since: « Rejoindre la file d'attente »", async () => {
    const { offerId, jules, hugo } = await scene(13);
    await reserve(hugo, offerId);
    await expectOffered(linkFor(jules.userId, "reserve", offerId), {
      heading: "Rejoindre la file d'attente ?",
      says: ["Ce panier est déjà réservé : Alice répond d'abord à cette réservation.", "1 personne attend déjà la réponse."],
      button: "Rejoindre la file d'attente",
      outcome: "queued",
    });
  });

  it("exchanged, then done: someone else has it", async () => {
    const { offerId, alice, jules, hugo } = await scene(14);
    const taken = await reserve(hugo, offerId);
    expect((await acceptReservation(alice, taken)).ok).toBe(true);
    const link = linkFor(jules.userId, "reserve", offerId);
    const stopped = { heading: "Ce panier a déjà trouvé preneur", says: "Une autre personne le prend.", next: [BASKETS] };
    await expectStopped(link, stopped);
    await setOfferStatus(offerId, "done");
    await expectStopped(link, stopped);
  });

  it("cancelled by the member", async () => {
    const { offerId, alice, jules } = await scene(15);
    expect((await cancelOffer(alice, offerId, "Finalement je suis là.")).ok).toBe(true);
    await expectStopped(linkFor(jules.userId, "reserve", offerId), {
      heading: "Ce panier a été annulé",
      says: "Il n'est plus proposé : il n'y a plus rien à faire.",
      next: [BASKETS],
    });
  });

  it("its distribution cancelled", async () => {
    const { offerId, alice, jules } = await scene(16);
    expect((await cancelOffer(alice, offerId, "Distribution annulée")).ok).toBe(true);
    const [offer] = await db.select({ distributionId: s.offers.distributionId }).from(s.offers).where(eq(s.offers.id, offerId));
    await db.update(s.distributions).set({ cancelledAt: new Date() }).where(eq(s.distributions.id, offer!.distributionId));
    await expectStopped(linkFor(jules.userId, "reserve", offerId), {
      heading: "La distribution est annulée",
      says: "Ce panier n'est donc plus proposé",
      next: [BASKETS],
    });
  });

  it("unclaimed: too late", async () => {
    const { offerId, jules } = await scene(17);
    await setOfferStatus(offerId, "unclaimed");
    await expectStopped(linkFor(jules.userId, "reserve", offerId), {
      heading: "C'est trop tard",
      says: "La distribution de ce panier a commencé : il n'y a plus rien à faire.",
      next: [BASKETS],
    });
  });

  it("already reserved by me: awaiting the answer, in the queue, or mine", async () => {
    const { offerId, alice, jules, hugo } = await scene(18);
    const hugos = await reserve(hugo, offerId);
    await reserve(jules, offerId);
    await expectStopped(linkFor(hugo.userId, "reserve", offerId), {
      heading: "Vous avez déjà réservé ce panier",
      says: "Votre réservation attend la réponse d'Alice",
      next: [MINE],
    });
    await expectStopped(linkFor(jules.userId, "reserve", offerId), {
      heading: "Vous êtes déjà dans la file d'attente",
      says: "Vous êtes en 1re position dans la file d'attente de ce panier",
      next: [MINE],
    });
    expect((await acceptReservation(alice, hugos)).ok).toBe(true);
    await expectStopped(linkFor(hugo.userId, "reserve", offerId), {
      heading: "Ce panier est pour vous",
      says: "Votre réservation est acceptée : tous les détails sont dans « Mes paniers échangés ».",
      next: [MINE],
    });
  });

  it("my own offer", async () => {
    const { offerId, alice } = await scene(19);
    await expectStopped(linkFor(alice.userId, "reserve", offerId), {
      heading: "C'est votre panier",
      says: "C'est votre propre panier : vous ne pouvez pas le réserver.",
      next: [MINE],
    });
  });

  it("no longer on the list", async () => {
    const { offerId } = await scene(20);
    const nina = await createMember(db, { firstName: "Nina", contractIds: [] });
    await expectStopped(linkFor(nina.id, "reserve", offerId), {
      heading: "Vous n'êtes plus sur la liste des intermittents",
      says: "Pour réserver un panier, il faut être inscrit·e sur la liste des intermittents.",
      next: ["Me réinscrire → /inscription"],
    });
  });
});

describe("« Valider » and « Refuser » (the member's links)", () => {
  const answers = [
    ["accept", "Valider cette réservation ?", "Valider", "accepted"],
    ["decline", "Refuser cette réservation ?", "Refuser", "declined"],
  ] as const;

  it.each(answers)("%s on a pending reservation", async (action, heading, button, outcome) => {
    const { offerId, alice, hugo } = await scene(action === "accept" ? 21 : 22);
    const seen = await expectOffered(linkFor(alice.userId, action, await reserve(hugo, offerId)), {
      heading,
      says: ["Bonjour Alice,", action === "accept" ? "Hugo Moreau prendra votre panier." : "Hugo Moreau sera prévenu·e poliment."],
      button,
      outcome,
    });
    // « Refuser » offers a word to the person declined.
    expect(seen.fields).toEqual(action === "decline" ? ["Un mot pour Hugo Moreau (facultatif)"] : []);
  });

  it.each(answers)("%s after the reservation was already accepted", async (action) => {
    const { offerId, alice, hugo } = await scene(action === "accept" ? 23 : 24);
    const id = await reserve(hugo, offerId);
    expect((await acceptReservation(alice, id)).ok).toBe(true);
    await expectStopped(linkFor(alice.userId, action, id), {
      heading: "Cette réservation est déjà acceptée",
      says: "Hugo Moreau prend votre panier : ses coordonnées sont dans « Mes paniers échangés ».",
      next: [MINE],
    });
  });

  it.each(answers)("%s after the reservation was declined", async (action) => {
    const { offerId, alice, hugo } = await scene(action === "accept" ? 25 : 26);
    const id = await reserve(hugo, offerId);
    expect((await declineReservation(alice, id)).ok).toBe(true);
    await expectStopped(linkFor(alice.userId, action, id), {
      heading: "Cette réservation est déjà refusée",
      says: "La réservation d'Hugo Moreau a déjà été refusée : il n'y a plus rien à faire.",
      next: [MINE],
    });
  });

  it.each(answers)("%s after the intermittent withdrew", async (action) => {
    const { offerId, alice, hugo } = await scene(action === "accept" ? 27 : 28);
    const id = await reserve(hugo, offerId);
    expect((await withdrawReservation(hugo, id)).ok).toBe(true);
    await expectStopped(linkFor(alice.userId, action, id), {
      heading: "Cette réservation est annulée",
      says: "Hugo Moreau a annulé sa réservation : il n'y a plus rien à décider.",
      next: [MINE],
    });
  });

  it.each(answers)("%s once the offer is cancelled", async (action) => {
    const { offerId, alice, hugo } = await scene(action === "accept" ? 29 : 30);
    const id = await reserve(hugo, offerId);
    expect((await cancelOffer(alice, offerId, "Je reste finalement.")).ok).toBe(true);
    await expectStopped(linkFor(alice.userId, action, id), {
      heading: "Ce panier a été annulé",
      says: "Il n'est plus proposé : il n'y a plus rien à faire.",
      next: [MINE],
    });
  });

  it("the word typed on « Refuser » goes with the decline", async () => {
    const { offerId, alice, hugo } = await scene(31);
    const id = await reserve(hugo, offerId);
    const reason = "Désolée, ma voisine le prend finalement.";
    expect(await performLink(linkFor(alice.userId, "decline", id), null, { reason })).toEqual({ ok: true, outcome: "declined" });
    const [event] = await db
      .select({ reason: s.events.reason })
      .from(s.events)
      .where(and(eq(s.events.reservationId, id), eq(s.events.action, "reservation.decline")));
    expect(event?.reason).toBe(reason);
  });
});

describe("« Annuler ma réservation » (the intermittent's link)", () => {
  it("awaiting the answer, in the queue, accepted: each says what follows", async () => {
    const pending = await scene(32);
    await expectOffered(linkFor(pending.hugo.userId, "withdraw", await reserve(pending.hugo, pending.offerId)), {
      heading: "Annuler votre réservation ?",
      says: ["La personne suivante dans la file sera prévenue, ou le panier sera proposé à nouveau aux intermittents."],
      button: "Annuler ma réservation",
      outcome: "withdrawn",
    });

    const queued = await scene(33);
    await reserve(queued.jules, queued.offerId);
    await expectOffered(linkFor(queued.hugo.userId, "withdraw", await reserve(queued.hugo, queued.offerId)), {
      heading: "Annuler votre réservation ?",
      says: ["Vous quitterez la file d'attente de ce panier. Rien ne change pour les autres personnes."],
      button: "Annuler ma réservation",
      outcome: "withdrawn",
    });

    const accepted = await scene(34);
    const id = await reserve(accepted.hugo, accepted.offerId);
    expect((await acceptReservation(accepted.alice, id)).ok).toBe(true);
    await expectOffered(linkFor(accepted.hugo.userId, "withdraw", id), {
      heading: "Annuler votre réservation ?",
      says: ["Alice sera prévenu·e."],
      button: "Annuler ma réservation",
      outcome: "withdrawn",
    });
  });

  it("already withdrawn", async () => {
    const { offerId, hugo } = await scene(35);
    const id = await reserve(hugo, offerId);
    expect((await withdrawReservation(hugo, id)).ok).toBe(true);
    await expectStopped(linkFor(hugo.userId, "withdraw", id), {
      heading: "Votre réservation est déjà annulée",
      says: "Vous l'avez annulée : il n'y a plus rien à faire.",
      next: [BASKETS, MINE],
    });
  });

  it("declined by the member", async () => {
    const { offerId, alice, hugo } = await scene(36);
    const id = await reserve(hugo, offerId);
    expect((await declineReservation(alice, id)).ok).toBe(true);
    await expectStopped(linkFor(hugo.userId, "withdraw", id), {
      heading: "Votre réservation n'a pas été retenue",
      says: "Le panier ne sera pas pour vous cette fois-ci",
      next: [BASKETS, MINE],
    });
  });

  it("the offer cancelled", async () => {
    const { offerId, alice, hugo } = await scene(37);
    const id = await reserve(hugo, offerId);
    expect((await cancelOffer(alice, offerId, "Je reste finalement.")).ok).toBe(true);
    await expectStopped(linkFor(hugo.userId, "withdraw", id), {
      heading: "Ce panier a été annulé",
      says: "Il n'est plus proposé : il n'y a plus rien à faire.",
      next: [BASKETS, MINE],
    });
  });
});

describe("« Se désinscrire »", () => {
  it("on the list: the button; already off it: nothing to do, and no button", async () => {
    const ines = await createIntermittent(db, { firstName: "Inès" });
    const link = linkFor(ines.id, "unsubscribe", 0);
    const onList = await open(link);
    expect(onList.heading).toBe(typeset("Quitter la liste des intermittents ?"));
    expect(onList.buttons).toEqual(["Se désinscrire"]);

    expect((await leaveList(await viewerOf(db, ines.id))).ok).toBe(true);
    const off = await open(link);
    expect(off.heading).toBe("Vous n'êtes plus sur la liste des intermittents");
    // It names the AMAP: a link sent before AMAPs is the deployment's first.
    const { amapName } = await getSettings(db, await firstAmapId(db));
    expect(off.words).toContain(typeset(`Vous n'êtes plus sur la liste des intermittents ${ofAmap(amapName)} : il n'y a rien à faire.`));
    expect(off.buttons).toEqual([]);
  });
});
