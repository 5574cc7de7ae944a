// The authorization matrix, without any UI: every server action of the build
// and every route under app/ is called directly — anonymously, as a member on
// someone else's offer, as an intermittent on someone else's reservation, as
// a non-référent on every admin action — and must be refused, write nothing,
// queue no mail and show no one's contact details. A new action or route
// that is not in the matrix fails the coverage tests below.
// Then again as the référent, a member and an intermittent of a second AMAP of
// the deployment (no partner of the first), through the short path, their own
// AMAP's address, the first AMAP's (/<slug>/…, rewritten by proxy.ts) and the
// short path after a visit of the first AMAP (its cookie), on the first AMAP's
// rows by id: refused, nothing written, no mail, no contact of the first AMAP
// shown (issue 13, point 3). And the first AMAP's right actors, in the second
// AMAP's space, can do nothing there with their own rows.
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { and, eq, gt, inArray, max, sql } from "drizzle-orm";
import type { APIResponse } from "@playwright/test";
import {
  addToIntermittents,
  createAmap,
  createContract,
  createDistribution,
  createIntermittent,
  createMember,
  createPlace,
  createSubscription,
  createUser,
  uniqueEmail,
} from "@/db/factories";
import * as s from "@/db/schema";
import type { Db } from "@/db/types";
import { AMAP_COOKIE, amapPath } from "@/lib/domain/amap-path";
import { addDays, parisDate } from "@/lib/domain/time";
import { addDistribution, createScene, expect, seedOffer, tag, test as base } from "./exchange-helpers";
import { actionPath, buildActions, callAction, callActionAt, type ActionRef } from "./server-actions";
import { firstAmapId } from "@/db/queries";

type Actor = "anonymous" | "stranger" | "intruder" | "taker" | "owner" | "referent";

/**
 * The test's world. `owner` (a member) offers two baskets; `taker` (an
 * intermittent) has a pending reservation on the first and holds the
 * second; `stranger` is another member, `intruder` another intermittent.
 * Nobody here is a référent.
 */
type World = {
  users: Record<Exclude<Actor, "anonymous" | "referent">, s.User>;
  cookies: Record<Actor, string | null>;
  amapId: number;
  /** The AMAP's address: /<slug>/… */
  slug: string;
  distributionId: number;
  placeId: number;
  contractId: number;
  ownerSubscriptionId: number;
  pendingOfferId: number;
  pendingReservationId: number;
  exchangedOfferId: number;
  exchangedReservationId: number;
  requestId: number;
  outboxId: number;
  /** Phones and addresses nobody but their owner (and the parties of an accepted exchange) may read. */
  secrets: Record<Exclude<Actor, "anonymous" | "referent">, string[]>;
  /** What names this AMAP's rows on a page (its place, its people's last names): nothing another AMAP's space shows. */
  marks: string[];
};

type Call = { actors: Actor[]; fields: (w: World) => Record<string, string | string[]> };

const ADMIN: Actor[] = ["anonymous", "stranger", "intruder", "taker"];
const person = () => ({ email: uniqueEmail("intrus"), firstName: "Intrus", lastName: "Matrice", phone: "06 99 99 99 99" });

/** Every action of app/**\/actions.ts, keyed "file#export": who must be refused, with what input. */
const MATRIX: Record<string, Call> = {
  // The exchange: someone else's offer or reservation.
  "app/absence/actions.ts#offerBasketAction": {
    actors: ["anonymous", "stranger", "intruder", "taker"],
    fields: (w) => ({ distributionId: String(w.distributionId), subscriptionId: String(w.ownerSubscriptionId), message: "vol" }),
  },
  "app/paniers/actions.ts#reserveAction": {
    // The owner may not take her own basket; a member who is not on the list may not reserve.
    actors: ["anonymous", "owner", "stranger"],
    fields: (w) => ({ offerId: String(w.pendingOfferId) }),
  },
  "app/mes-paniers/actions.ts#acceptAction": {
    actors: ["anonymous", "stranger", "intruder", "taker"],
    fields: (w) => ({ reservationId: String(w.pendingReservationId) }),
  },
  "app/mes-paniers/actions.ts#declineAction": {
    actors: ["anonymous", "stranger", "intruder", "taker"],
    fields: (w) => ({ reservationId: String(w.pendingReservationId) }),
  },
  "app/mes-paniers/actions.ts#withdrawAction": {
    actors: ["anonymous", "stranger", "intruder", "owner"],
    fields: (w) => ({ reservationId: String(w.exchangedReservationId) }),
  },
  "app/mes-paniers/actions.ts#cancelOfferAction": {
    actors: ["anonymous", "stranger", "intruder", "taker"],
    fields: (w) => ({ offerId: String(w.exchangedOfferId), reason: "Annulée par un intrus" }),
  },
  "app/mes-paniers/actions.ts#setPaidAction": {
    actors: ["anonymous", "stranger", "intruder", "taker"],
    fields: (w) => ({ offerId: String(w.exchangedOfferId), paid: "1" }),
  },
  // The list: signed-in people act for themselves; registering someone else is for members.
  "app/inscription/actions.ts#joinListAction": { actors: ["anonymous"], fields: () => ({}) },
  "app/inscription/actions.ts#leaveListAction": { actors: ["anonymous"], fields: () => ({}) },
  // The partners' baskets: a choice of the list's intermittents (the taker's and the intruder's own), nobody else's.
  "app/inscription/actions.ts#partnerBasketsAction": { actors: ["anonymous", "owner", "stranger"], fields: () => ({ on: "1" }) },
  "app/inscription/actions.ts#inviteSomeoneAction": { actors: ["anonymous", "intruder", "taker"], fields: person },
  // An invitation's buttons: a forged token acts for nobody.
  "app/invitation/[token]/actions.ts#answerInvitationAction": {
    actors: ["anonymous", "stranger"],
    fields: () => ({ token: `1.${"A".repeat(43)}`, answer: "accept" }),
  },
  // « Me déconnecter partout »: the caller's own sessions; nobody's without a session.
  "app/compte/actions.ts#signOutEverywhereAction": { actors: ["anonymous"], fields: () => ({}) },
  // Email links: a forged token acts for nobody.
  "app/lien/[token]/actions.ts#performLinkAction": {
    actors: ["anonymous", "stranger"],
    fields: () => ({ token: `v1.${Buffer.from(JSON.stringify({ a: "reserve", o: 1 })).toString("base64url")}.AAAA` }),
  },
  // Administration: référents only, checked in the data layer.
  "app/admin/amapiens/[id]/actions.ts#updateMemberAction": {
    actors: ADMIN,
    fields: (w) => ({ userId: w.users.owner.id, email: w.users.owner.email, firstName: "Piratée", lastName: "X", phone: "06 66 66 66 66" }),
  },
  "app/admin/amapiens/[id]/actions.ts#addSubscriptionAction": {
    actors: ADMIN,
    fields: (w) => ({ userId: w.users.intruder.id, contractId: String(w.contractId), quantity: "1", startsOn: "2026-01-01", endsOn: "2030-12-31" }),
  },
  "app/admin/amapiens/[id]/actions.ts#updateSubscriptionAction": {
    actors: ADMIN,
    fields: (w) => ({ subscriptionId: String(w.ownerSubscriptionId), quantity: "9", startsOn: "2026-01-01", endsOn: "2030-12-31" }),
  },
  "app/admin/amapiens/[id]/actions.ts#endSubscriptionAction": {
    actors: ADMIN,
    fields: (w) => ({ subscriptionId: String(w.ownerSubscriptionId), endsOn: "2026-01-02" }),
  },
  "app/admin/amapiens/import/actions.ts#importAction": {
    actors: ADMIN,
    fields: () => ({ intent: "importer", csv: `email;prenom\n${uniqueEmail("import")};Importé` }),
  },
  "app/admin/amapiens/nouveau/actions.ts#createMemberAction": { actors: ADMIN, fields: person },
  "app/admin/calendrier/actions.ts#generateSeriesAction": {
    actors: ADMIN,
    fields: (w) => ({ placeId: String(w.placeId), weekday: "2", from: "2031-01-01", to: "2031-02-01", start: "18:00", end: "19:00", contractIds: String(w.contractId) }),
  },
  "app/admin/calendrier/actions.ts#addDateAction": {
    actors: ADMIN,
    fields: (w) => ({ placeId: String(w.placeId), date: "2031-03-04", start: "18:00", end: "19:00", contractIds: String(w.contractId) }),
  },
  "app/admin/calendrier/actions.ts#deliveredContractsAction": {
    actors: ADMIN,
    fields: (w) => ({ distributionId: String(w.distributionId), contractIds: [] }),
  },
  "app/admin/calendrier/actions.ts#moveAction": {
    actors: ADMIN,
    fields: (w) => ({ distributionId: String(w.distributionId), date: "2031-03-05", start: "10:00", end: "11:00" }),
  },
  "app/admin/calendrier/actions.ts#cancelAction": {
    actors: ADMIN,
    fields: (w) => ({ distributionId: String(w.distributionId), reason: "Annulée par un intrus" }),
  },
  "app/admin/calendrier/actions.ts#cancelRemainingAction": {
    actors: ADMIN,
    fields: (w) => ({ distributionId: String(w.distributionId) }),
  },
  "app/admin/calendrier/contrats/actions.ts#addContractAction": {
    actors: ADMIN,
    fields: () => ({ product: "Contrat intrus", producer: "Intrus", size: "", price: "1" }),
  },
  "app/admin/calendrier/contrats/actions.ts#editContractAction": {
    actors: ADMIN,
    fields: (w) => ({ contractId: String(w.contractId), product: "Renommé", producer: "Intrus", size: "", price: "1" }),
  },
  "app/admin/calendrier/contrats/actions.ts#setContractActiveAction": {
    actors: ADMIN,
    fields: (w) => ({ contractId: String(w.contractId), active: "0" }),
  },
  "app/admin/calendrier/lieux/actions.ts#addPlaceAction": {
    actors: ADMIN,
    fields: () => ({ name: `Lieu intrus ${tag()}`, address: "1 rue X", accessNotes: "" }),
  },
  "app/admin/calendrier/lieux/actions.ts#editPlaceAction": {
    actors: ADMIN,
    fields: (w) => ({ placeId: String(w.placeId), name: "Renommé", address: "1 rue X", accessNotes: "" }),
  },
  "app/admin/emails/actions.ts#resendAction": { actors: ADMIN, fields: (w) => ({ id: String(w.outboxId) }) },
  "app/admin/intermittents/actions.ts#approveRequestAction": { actors: ADMIN, fields: (w) => ({ requestId: String(w.requestId) }) },
  "app/admin/intermittents/actions.ts#refuseRequestAction": { actors: ADMIN, fields: (w) => ({ requestId: String(w.requestId) }) },
  "app/admin/intermittents/actions.ts#removeIntermittentAction": {
    actors: ADMIN,
    fields: (w) => ({ userId: w.users.taker.id, reason: "Retiré par un intrus" }),
  },
  // The hole an earlier review found: members could add people through the admin action.
  "app/admin/intermittents/actions.ts#addIntermittentAction": { actors: [...ADMIN, "owner"], fields: person },
  "app/admin/paniers/actions.ts#adminCancelAction": {
    actors: ADMIN,
    fields: (w) => ({ offerId: String(w.exchangedOfferId), reason: "Annulée par un intrus" }),
  },
  "app/admin/paniers/actions.ts#adminAssignAction": {
    actors: [...ADMIN, "owner"],
    fields: (w) => ({ offerId: String(w.pendingOfferId), intermittentId: w.users.intruder.id, reason: "Attribuée par un intrus" }),
  },
  "app/admin/paniers/actions.ts#adminAcceptAction": {
    actors: ADMIN,
    fields: (w) => ({ offerId: String(w.pendingOfferId), reservationId: String(w.pendingReservationId), reason: "x" }),
  },
  "app/admin/paniers/actions.ts#adminDeclineAction": {
    actors: ADMIN,
    fields: (w) => ({ offerId: String(w.pendingOfferId), reservationId: String(w.pendingReservationId), reason: "x" }),
  },
  "app/admin/reglages/actions.ts#saveSettingsAction": {
    actors: ADMIN,
    fields: () => ({ amapName: "AMAP piratée", contactEmail: "pirate@evil.example", replyTo: "pirate@evil.example" }),
  },
  // Partner AMAPs: référents of the AMAP only (the row must also touch their AMAP: lib/server/network/partnerships.test.ts).
  "app/admin/partenaires/actions.ts#requestPartnershipAction": { actors: ADMIN, fields: (w) => ({ amapId: String(w.amapId) }) },
  "app/admin/partenaires/actions.ts#acceptPartnershipAction": { actors: ADMIN, fields: () => ({ partnershipId: "1" }) },
  "app/admin/partenaires/actions.ts#refusePartnershipAction": { actors: ADMIN, fields: () => ({ partnershipId: "1" }) },
  "app/admin/partenaires/actions.ts#withdrawPartnershipAction": { actors: ADMIN, fields: () => ({ partnershipId: "1" }) },
  "app/admin/partenaires/actions.ts#endPartnershipAction": { actors: ADMIN, fields: () => ({ partnershipId: "1" }) },
  // The network's administrator only: a référent's powers stay inside their AMAP.
  "app/reseau/actions.ts#createAmapAction": {
    actors: [...ADMIN, "owner", "referent"],
    fields: () => ({ name: "AMAP pirate", slug: `pirate-${Math.random().toString(36).slice(2, 8)}`, referentEmails: "pirate@evil.example" }),
  },
  "app/reseau/actions.ts#suspendAmapAction": {
    actors: [...ADMIN, "owner", "referent"],
    fields: (w) => ({ amapId: String(w.amapId), suspend: "1" }),
  },
};

/** Calls the right actor makes with a row's fields, in order (the positive controls): each passes in its AMAP. */
const RIGHT_ACTORS: [string, Actor][] = [
  ["app/mes-paniers/actions.ts#setPaidAction", "owner"],
  ["app/paniers/actions.ts#reserveAction", "intruder"],
  ["app/mes-paniers/actions.ts#acceptAction", "owner"],
  ["app/inscription/actions.ts#inviteSomeoneAction", "owner"],
  ["app/admin/intermittents/actions.ts#addIntermittentAction", "referent"],
  ["app/admin/calendrier/lieux/actions.ts#addPlaceAction", "referent"],
  ["app/admin/paniers/actions.ts#adminCancelAction", "referent"],
];

/** Open to anyone on purpose; what protects them is tested elsewhere. */
const PUBLIC_ACTIONS: Record<string, string> = {
  "app/connexion/actions.ts#requestSignInLink": "e2e/security.spec.ts (limits, same answer) and e2e/sign-in.spec.ts",
  "app/connexion/actions.ts#signOutAction": "ends the caller's own session only",
  "app/devenir-intermittent/actions.ts#requestToJoinAction": "public form, rate-limited per client (lib/server/list/join-requests.test.ts)",
};

// ---------------------------------------------------------------------------
// The actors of another AMAP: every row of MATRIX and ROUTES, called by them.

/** The référent, a member and an intermittent of a second AMAP, no partner of the first: nobody there. */
type OtherActor = "referent2" | "member2" | "intermittent2";
const OTHERS: OtherActor[] = ["referent2", "member2", "intermittent2"];

/**
 * Where they call from: the short path (their AMAP, found by their role),
 * their AMAP's address, the first AMAP's address, and the short path once
 * the browser has visited the first AMAP (its cookie names it).
 */
type Space = "short" | "own" | "first" | "visited";
const SPACES: Record<Space, string> = {
  short: "par le chemin court",
  own: "par l'adresse de leur AMAP",
  first: "par l'adresse de la première AMAP",
  visited: "par le chemin court après une visite de la première AMAP",
};
/** The spaces that are the first AMAP's. */
const inFirst = (space: Space) => space === "first" || space === "visited";

/**
 * What an actor of the second AMAP may do with a MATRIX row's own fields:
 * "own", in their own AMAP (short path, /<their slug>/…) — it acts there and
 * must leave the first AMAP untouched; "anywhere", their own account. Any
 * other call by them, in any space, is refused.
 */
const OTHER_AMAP_ALLOWED: Record<string, Partial<Record<OtherActor, "own" | "anywhere">>> = {
  // Their own list, in their AMAP (the intermittent is on it already, the others are not).
  "app/inscription/actions.ts#joinListAction": { referent2: "own", member2: "own" },
  "app/inscription/actions.ts#leaveListAction": { intermittent2: "own" },
  "app/inscription/actions.ts#inviteSomeoneAction": { referent2: "own", member2: "own" },
  "app/compte/actions.ts#signOutEverywhereAction": { referent2: "anywhere", member2: "anywhere", intermittent2: "anywhere" },
  // Their référent's powers, in their AMAP: rows that name nothing of the first AMAP.
  "app/admin/amapiens/import/actions.ts#importAction": { referent2: "own" },
  "app/admin/amapiens/nouveau/actions.ts#createMemberAction": { referent2: "own" },
  "app/admin/calendrier/contrats/actions.ts#addContractAction": { referent2: "own" },
  "app/admin/calendrier/lieux/actions.ts#addPlaceAction": { referent2: "own" },
  "app/admin/intermittents/actions.ts#addIntermittentAction": { referent2: "own" },
  "app/admin/reglages/actions.ts#saveSettingsAction": { referent2: "own" },
  // Proposing a partnership to the first AMAP, from their own: its référents will answer (or not).
  "app/admin/partenaires/actions.ts#requestPartnershipAction": { referent2: "own" },
};

/**
 * The mails an allowed action of the second AMAP's may queue in the first
 * AMAP's name, by design: a partnership proposed to it goes to its référents,
 * in its own outbox (its email log, not the asker's, shows their addresses).
 */
const REACHES_FIRST_AMAP: Record<string, string[]> = {
  "app/admin/partenaires/actions.ts#requestPartnershipAction": ["partnership-requested"],
};

function allowedToOther(key: string, actor: OtherActor, space: Space): boolean {
  const where = OTHER_AMAP_ALLOWED[key]?.[actor];
  return where === "anywhere" || (where === "own" && !inFirst(space));
}

type OtherAmap = { amapId: number; slug: string; users: Record<OtherActor, s.User>; cookies: Record<OtherActor, string> };

/** A path in a space: as is, or under one of the two AMAPs' addresses. */
function inSpace(space: Space, world: World, other: OtherAmap, path: string): string {
  if (space === "short" || space === "visited") return path;
  return amapPath(space === "own" ? other.slug : world.slug, path);
}

/** The actor's cookies in a space: their session, and the AMAP visited last (proxy.ts's cookie) when there is one. */
function cookiesIn(space: Space, world: World, other: OtherAmap, actor: OtherActor): Record<string, string> {
  return { Cookie: space === "visited" ? `${other.cookies[actor]}; ${AMAP_COOKIE}=${world.slug}` : other.cookies[actor] };
}

const keyOf = (a: ActionRef) => `${a.file}#${a.name}`;

/** Every `export async function` of app/**\/actions.ts, read from the sources. */
function sourceActions(): string[] {
  const files = (readdirSync("app", { recursive: true }) as string[]).filter((f) => f.endsWith("actions.ts"));
  return files.flatMap((file) => {
    const source = readFileSync(path.join("app", file), "utf8");
    return [...source.matchAll(/export async function (\w+)/g)].map((m) => `app/${file.split(path.sep).join("/")}#${m[1]}`);
  });
}

// ---------------------------------------------------------------------------
// The world, and what "nothing written" means.

async function sessionCookie(db: Db, userId: string): Promise<string> {
  const token = randomUUID();
  await db.insert(s.sessions).values({ sessionToken: token, userId, expires: new Date(Date.now() + 6 * 3_600_000) });
  return `authjs.session-token=${token}`;
}

/** The session behind `cookie` again, after « Me déconnecter partout » ended it. */
async function restoreSession(db: Db, cookie: string, userId: string): Promise<void> {
  const token = cookie.slice(cookie.indexOf("=") + 1);
  await db
    .insert(s.sessions)
    .values({ sessionToken: token, userId, expires: new Date(Date.now() + 6 * 3_600_000) })
    .onConflictDoNothing();
}

async function buildWorld(db: Db): Promise<World> {
  const scene = await createScene(db);
  const later = await addDistribution(db, scene, 6);
  const t = tag();
  const owner = await createMember(db, {
    email: uniqueEmail("proprietaire"),
    firstName: "Olga",
    lastName: `Propriétaire ${t}`,
    phone: "06 10 10 10 10",
    contractIds: [],
  });
  const ownerSubscription = await createSubscription(db, { userId: owner.id, contractId: scene.vegetables.id });
  const stranger = await createMember(db, { email: uniqueEmail("etranger"), firstName: "Sam", lastName: "Étranger", phone: "06 30 30 30 30", contractIds: [scene.eggs.id] });
  const taker = await createUser(db, { email: uniqueEmail("repreneur"), firstName: "Théo", lastName: "Repreneur", phone: "06 20 20 20 20" });
  await addToIntermittents(db, { userId: taker.id });
  const intruder = await createUser(db, { email: uniqueEmail("intrus"), firstName: "Iris", lastName: "Intruse", phone: "06 40 40 40 40" });
  await addToIntermittents(db, { userId: intruder.id });

  const pending = await seedOffer(db, {
    memberId: owner.id,
    distribution: scene.distribution,
    status: "reserved",
    reservations: [{ intermittentId: taker.id, status: "pending" }],
  });
  const exchanged = await seedOffer(db, {
    memberId: owner.id,
    distribution: later.distribution,
    status: "exchanged",
    reservations: [{ intermittentId: taker.id, status: "accepted" }],
  });
  const [request] = await db
    .insert(s.intermittentRequests)
    .values({ amapId: await firstAmapId(db), email: uniqueEmail("demande"), firstName: "Dana", lastName: "Demande", phone: "06 50 50 50 50" })
    .returning({ id: s.intermittentRequests.id });
  const [failed] = await db
    .insert(s.outbox)
    .values({ amapId: scene.distribution.amapId, kind: "sign-in", recipient: owner.email, payload: { url: "http://localhost/x" }, status: "failed" })
    .returning({ id: s.outbox.id });

  const users = { owner, stranger, taker, intruder };
  return {
    users,
    cookies: {
      anonymous: null,
      owner: await sessionCookie(db, owner.id),
      stranger: await sessionCookie(db, stranger.id),
      taker: await sessionCookie(db, taker.id),
      intruder: await sessionCookie(db, intruder.id),
      referent: await sessionCookie(db, (await createUser(db, { isReferent: true, firstName: "Rémi", lastName: "Référent" })).id),
    },
    amapId: scene.distribution.amapId,
    slug: (await db.select({ slug: s.amaps.slug }).from(s.amaps).where(eq(s.amaps.id, scene.distribution.amapId)))[0]!.slug,
    distributionId: scene.distribution.id,
    placeId: scene.place.id,
    contractId: scene.vegetables.id,
    ownerSubscriptionId: ownerSubscription.id,
    pendingOfferId: pending.offerId,
    pendingReservationId: pending.reservationIds[0]!,
    exchangedOfferId: exchanged.offerId,
    exchangedReservationId: exchanged.reservationIds[0]!,
    requestId: request!.id,
    outboxId: failed!.id,
    secrets: {
      owner: [owner.email, "06 10 10 10 10", "0610101010"],
      stranger: [stranger.email, "06 30 30 30 30", "0630303030"],
      taker: [taker.email, "06 20 20 20 20", "0620202020"],
      intruder: [intruder.email, "06 40 40 40 40", "0640404040"],
    },
    marks: [scene.place.name, owner.lastName],
  };
}

/** A second AMAP (not a partner of the world's), its place, contract and next distribution, and its three actors. */
async function buildOtherAmap(db: Db): Promise<OtherAmap> {
  const slug = `autre-${tag()}`;
  const amap = await createAmap(db, { slug, name: `AMAP d'Ailleurs ${slug}` });
  const place = await createPlace(db, { amapId: amap.id, name: `Salle ${slug}`, address: "9 rue d'Ailleurs, 38000 Grenoble" });
  const bread = await createContract(db, { amapId: amap.id, product: "Pain", producer: "Fournil d'ailleurs", size: "miche", unitPriceCents: 500 });
  await createDistribution(db, { placeId: place.id, date: addDays(parisDate(new Date()), 5), contractIds: [bread.id] });
  const referent2 = await createUser(db, { isReferent: true, amapId: amap.id, email: uniqueEmail("referent2"), firstName: "Rita", lastName: "Ailleurs", phone: "06 71 71 71 71" });
  const member2 = await createMember(db, { email: uniqueEmail("membre2"), firstName: "Marc", lastName: "Ailleurs", phone: "06 72 72 72 72", contractIds: [bread.id] });
  const intermittent2 = await createIntermittent(db, { amapId: amap.id, email: uniqueEmail("intermittent2"), firstName: "Inès", lastName: "Ailleurs", phone: "06 73 73 73 73" });
  const users = { referent2, member2, intermittent2 };
  const cookies = {
    referent2: await sessionCookie(db, referent2.id),
    member2: await sessionCookie(db, member2.id),
    intermittent2: await sessionCookie(db, intermittent2.id),
  };
  return { amapId: amap.id, slug, users, cookies };
}

/** Tables that change without anyone acting (sessions, counters, the mail worker's bookkeeping). */
const VOLATILE = new Set(["sessions", "sign_in_attempts", "verification_tokens", "outbox", "dev_mails"]);

/**
 * One hash per table of the database, but the volatile ones: equal before and
 * after means nothing was written. With `besides`, the rows of that AMAP and
 * the people created since `since` are left out: equal then means nothing was
 * written outside that AMAP (what an actor may do in their own AMAP).
 */
async function fingerprint(db: Db, besides?: { amapId: number; since: string }): Promise<Record<string, string>> {
  const tables = (await db.execute(
    sql`select t.table_name as name,
               exists (select 1 from information_schema.columns c
                       where c.table_schema = 'public' and c.table_name = t.table_name and c.column_name = 'amap_id') as "byAmap"
        from information_schema.tables t where t.table_schema = 'public' and t.table_type = 'BASE TABLE' order by 1`,
  )) as unknown as { name: string; byAmap: boolean }[];
  // One statement for every table: one round trip per look at the database.
  const parts = tables
    .filter(({ name }) => !VOLATILE.has(name))
    .map(({ name, byAmap }) => {
      let where = sql``;
      if (besides && byAmap) where = sql` where t.amap_id is distinct from ${besides.amapId}`;
      else if (besides && name === "amaps") where = sql` where t.id <> ${besides.amapId}`;
      else if (besides && name === "users") where = sql` where t.created_at < ${besides.since}::timestamptz`;
      return sql`select ${name}::text as name, (select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) from ${sql.identifier(name)} t${where}) as h`;
    });
  const rows = (await db.execute(sql.join(parts, sql` union all `))) as unknown as { name: string; h: string }[];
  return Object.fromEntries(rows.map((r) => [r.name, r.h]));
}

/** The database's clock, to tell the rows written from now on. */
async function databaseNow(db: Db): Promise<string> {
  const [row] = (await db.execute(sql`select clock_timestamp()::text as now`)) as unknown as { now: string }[];
  return row!.now;
}

async function lastOutboxId(db: Db): Promise<number> {
  const [row] = await db.select({ id: max(s.outbox.id) }).from(s.outbox);
  return row?.id ?? 0;
}

async function mailsQueuedSince(db: Db, since: number, recipients: string[]) {
  return db
    .select({ to: s.outbox.recipient, kind: s.outbox.kind })
    .from(s.outbox)
    .where(and(gt(s.outbox.id, since), inArray(s.outbox.recipient, recipients)));
}

/**
 * No one else's contact in the answer; what the caller sent (a form echoes its
 * own values back) does not count. Soft for the other AMAP's actors: every
 * leak of a run is listed at once.
 */
function expectNoSecrets(body: string, world: World, actor: Actor | OtherActor, what: string, sent: Record<string, string | string[]>, soft = false) {
  const check = soft ? expect.soft : expect;
  const echoed = new Set(Object.values(sent).flat());
  for (const [who, secrets] of Object.entries(world.secrets)) {
    if (who === actor) continue;
    for (const secret of secrets) {
      if (!echoed.has(secret)) check(body, `${what} : pas de coordonnées de ${who}`).not.toContain(secret);
    }
  }
}

/** Refused: a redirect to the sign-in page, or an error state — nothing else (no "ok", no "preview"). */
async function expectRefused(response: APIResponse, what: string, soft = false): Promise<string> {
  const check = soft ? expect.soft : expect;
  const body = await response.text();
  check(response.status(), `${what} : pas d'erreur serveur`).toBeLessThan(500);
  const redirect = response.headers()["x-action-redirect"] ?? response.headers()["location"] ?? null;
  if (redirect !== null) check(redirect, `${what} : seule redirection permise, /connexion`).toMatch(/^\/connexion([;?]|$)/);
  else check(body, `${what} : une réponse d'erreur`).toMatch(/"status":"error"/);
  check(body, `${what} : pas de réponse « ok »`).not.toMatch(/"status":"(ok|preview|done)"/);
  return body;
}

function withCookie(cookie: string | null): Record<string, string> {
  return cookie ? { Cookie: cookie } : {};
}

/** One world per worker for the calls that must write nothing (the positive controls build their own). */
const test = base.extend<object, { world: World }>({
  world: [
    async ({ db }, provide) => {
      await provide(await buildWorld(db));
    },
    { scope: "worker" },
  ],
});

// ---------------------------------------------------------------------------

test.describe("matrice d'autorisation", () => {
  test("chaque action de app/**/actions.ts est dans la matrice, et la matrice ne cite que des actions qui existent", () => {
    const built = buildActions().map(keyOf).sort();
    const listed = [...Object.keys(MATRIX), ...Object.keys(PUBLIC_ACTIONS)].sort();
    expect(sourceActions().sort(), "le build contient toutes les actions des sources").toEqual(built);
    expect(built.filter((k) => !listed.includes(k)), "actions sans ligne dans la matrice").toEqual([]);
    expect(listed.filter((k) => !built.includes(k)), "lignes de matrice sans action").toEqual([]);
    expect(Object.keys(OTHER_AMAP_ALLOWED).filter((k) => !(k in MATRIX)), "exceptions de l'autre AMAP sans ligne").toEqual([]);
  });

  test("chaque action refuse les mauvais acteurs : rien d'écrit, aucun mail, aucune coordonnée", async ({ request, db, world }) => {
    test.setTimeout(240_000);
    const actions = new Map(buildActions().map((a) => [keyOf(a), a]));
    const recipients = Object.values(world.users).map((u) => u.email);
    let calls = 0;
    for (const [key, call] of Object.entries(MATRIX)) {
      const action = actions.get(key)!;
      for (const actor of call.actors) {
        const what = `${key} par ${actor}`;
        const before = await fingerprint(db);
        const outboxBefore = await lastOutboxId(db);
        const fields = call.fields(world);
        const response = await callAction(request, action, fields, withCookie(world.cookies[actor]));
        const body = await expectRefused(response, what);
        expectNoSecrets(body, world, actor, what, fields);
        expect(await fingerprint(db), `${what} : rien d'écrit en base`).toEqual(before);
        expect(await mailsQueuedSince(db, outboxBefore, recipients), `${what} : aucun mail`).toEqual([]);
        calls++;
      }
    }
    expect(calls).toBeGreaterThan(100);
  });

  test("les mêmes appels par les bons acteurs passent (la matrice teste bien l'autorisation, pas une entrée invalide)", async ({
    request,
    db,
  }) => {
    const world = await buildWorld(db);
    const actions = new Map(buildActions().map((a) => [keyOf(a), a]));
    const ok = async (key: string, actor: Actor) => {
      const response = await callAction(request, actions.get(key)!, MATRIX[key]!.fields(world), withCookie(world.cookies[actor]));
      const body = await response.text();
      const redirect = response.headers()["x-action-redirect"] ?? "";
      expect(body.includes(`"status":"ok"`) || (redirect !== "" && !redirect.startsWith("/connexion")), `${key} par ${actor} : ${body}`).toBe(true);
    };
    for (const [key, actor] of RIGHT_ACTORS) await ok(key, actor);
  });
});

test.describe("matrice d'autorisation : les acteurs d'une autre AMAP", () => {
  for (const space of Object.keys(SPACES) as Space[]) {
    test(`chaque action, appelée ${SPACES[space]} sur les lignes de la première AMAP, est refusée : rien d'écrit, aucun mail, aucune coordonnée`, async ({
      request,
      db,
      world,
    }) => {
      test.setTimeout(180_000);
      const other = await buildOtherAmap(db);
      const actions = new Map(buildActions().map((a) => [keyOf(a), a]));
      const firstPeople = Object.values(world.users).map((u) => u.email);
      const everyone = [...firstPeople, ...Object.values(other.users).map((u) => u.email)];
      const allowed: { key: string; actor: OtherActor }[] = [];
      let calls = 0;
      // Batched per action: the three actors' calls, then one look at the database.
      for (const [key, call] of Object.entries(MATRIX)) {
        const action = actions.get(key)!;
        const at = inSpace(space, world, other, actionPath(action));
        for (const actor of OTHERS) if (allowedToOther(key, actor, space)) allowed.push({ key, actor });
        const refused = OTHERS.filter((actor) => !allowedToOther(key, actor, space));
        if (refused.length === 0) continue;
        const before = await fingerprint(db);
        const outboxBefore = await lastOutboxId(db);
        // The three at once: each is refused on its own, and the database is looked at once they all answered.
        await Promise.all(
          refused.map(async (actor) => {
            const what = `${key} par ${actor} sur ${at}`;
            const fields = call.fields(world);
            const response = await callActionAt(request, action, at, fields, cookiesIn(space, world, other, actor));
            expectNoSecrets(await expectRefused(response, what, true), world, actor, what, fields, true);
          }),
        );
        calls += refused.length;
        const what = `${key} par ${refused.join(", ")} sur ${at}`;
        expect.soft(await fingerprint(db), `${what} : rien d'écrit en base`).toEqual(before);
        expect.soft(await mailsQueuedSince(db, outboxBefore, everyone), `${what} : aucun mail`).toEqual([]);
      }
      // What they may do in their AMAP (or with their own account) touches nothing of the first AMAP.
      for (const { key, actor } of allowed) {
        const action = actions.get(key)!;
        const at = inSpace(space, world, other, actionPath(action));
        const what = `${key} par ${actor} sur ${at}`;
        const since = await databaseNow(db);
        const besides = { amapId: other.amapId, since };
        const before = await fingerprint(db, besides);
        const outboxBefore = await lastOutboxId(db);
        const fields = MATRIX[key]!.fields(world);
        const response = await callActionAt(request, action, at, fields, cookiesIn(space, world, other, actor));
        expect.soft(response.status(), `${what} : pas d'erreur serveur`).toBeLessThan(500);
        expectNoSecrets(await response.text(), world, actor, what, fields, true);
        expect.soft(await fingerprint(db, besides), `${what} : rien d'écrit hors de son AMAP`).toEqual(before);
        expect.soft(await mailsQueuedSince(db, outboxBefore, firstPeople), `${what} : aucun mail aux gens de la première AMAP`).toEqual([]);
        const firstAmapMails = (
          await db
            .select({ kind: s.outbox.kind })
            .from(s.outbox)
            .where(and(gt(s.outbox.id, outboxBefore), eq(s.outbox.amapId, world.amapId)))
        ).filter((mail) => !(REACHES_FIRST_AMAP[key] ?? []).includes(mail.kind));
        expect.soft(firstAmapMails, `${what} : aucun mail au nom de la première AMAP`).toEqual([]);
        await restoreSession(db, other.cookies[actor], other.users[actor].id);
      }
      expect(calls).toBeGreaterThan(100);
    });
  }

  test("les bons acteurs de la première AMAP, dans l'espace de l'autre, n'y peuvent rien sur leurs propres lignes", async ({ request, db, world }) => {
    const other = await buildOtherAmap(db);
    const actions = new Map(buildActions().map((a) => [keyOf(a), a]));
    const recipients = Object.values(world.users).map((u) => u.email);
    for (const [key, actor] of RIGHT_ACTORS) {
      const action = actions.get(key)!;
      const cookie = world.cookies[actor]!;
      // By the other AMAP's address, and by the short path once the browser visited it.
      for (const [at, headers] of [
        [amapPath(other.slug, actionPath(action)), { Cookie: cookie }],
        [actionPath(action), { Cookie: `${cookie}; ${AMAP_COOKIE}=${other.slug}` }],
      ] as const) {
        const what = `${key} par ${actor} (première AMAP) sur ${at} (${headers.Cookie.includes(AMAP_COOKIE) ? "après une visite de l'autre AMAP" : "adresse de l'autre AMAP"})`;
        const before = await fingerprint(db);
        const outboxBefore = await lastOutboxId(db);
        const fields = MATRIX[key]!.fields(world);
        const response = await callActionAt(request, action, at, fields, headers);
        await expectRefused(response, what, true);
        expect.soft(await fingerprint(db), `${what} : rien d'écrit en base`).toEqual(before);
        expect.soft(await mailsQueuedSince(db, outboxBefore, recipients), `${what} : aucun mail`).toEqual([]);
      }
    }
  });

  test("leurs propres actions passent dans leur AMAP (la matrice teste bien l'AMAP, pas une session morte)", async ({ request, db, world }) => {
    const other = await buildOtherAmap(db);
    const actions = new Map(buildActions().map((a) => [keyOf(a), a]));
    const ok = async (key: string, actor: OtherActor, space: Space) => {
      const action = actions.get(key)!;
      const at = inSpace(space, world, other, actionPath(action));
      const response = await callActionAt(request, action, at, MATRIX[key]!.fields(world), cookiesIn(space, world, other, actor));
      const body = await response.text();
      const redirect = response.headers()["x-action-redirect"] ?? "";
      expect(body.includes(`"status":"ok"`) || (redirect !== "" && !redirect.startsWith("/connexion")), `${key} par ${actor} sur ${at} : ${body}`).toBe(true);
    };
    await ok("app/admin/calendrier/lieux/actions.ts#addPlaceAction", "referent2", "short");
    await ok("app/admin/calendrier/lieux/actions.ts#addPlaceAction", "referent2", "own");
    await ok("app/inscription/actions.ts#inviteSomeoneAction", "member2", "short");
    await ok("app/inscription/actions.ts#joinListAction", "member2", "own");
    const places = await db.select({ amapId: s.places.amapId }).from(s.places).where(eq(s.places.amapId, other.amapId));
    expect(places, "la salle de la seconde AMAP et les deux lieux ajoutés").toHaveLength(3);
  });
});

// ---------------------------------------------------------------------------
// Routes: every page.tsx and route.ts under app/.

type RouteCase = { path: (w: World) => string; refused: Actor[] };

const ROUTES: Record<string, RouteCase> = {
  // Pages for the signed in: anonymous goes to /connexion.
  "app/absence/page.tsx": { path: () => "/absence", refused: ["anonymous"] },
  "app/mes-paniers/page.tsx": { path: () => "/mes-paniers", refused: ["anonymous"] },
  "app/inscription/page.tsx": { path: () => "/inscription", refused: ["anonymous"] },
  // « Refuser » without JavaScript: only the member whose basket it is.
  "app/mes-paniers/refuser/[reservationId]/page.tsx": {
    path: (w) => `/mes-paniers/refuser/${w.pendingReservationId}`,
    refused: ["anonymous", "stranger", "intruder", "taker"],
  },
  "app/compte/page.tsx": { path: () => "/compte", refused: ["anonymous"] },
  "app/compte/deconnexion/page.tsx": { path: () => "/compte/deconnexion", refused: ["anonymous"] },
  "app/mes-paniers/calendrier/[reservationId]/route.ts": {
    path: (w) => `/mes-paniers/calendrier/${w.exchangedReservationId}`,
    refused: ["anonymous", "stranger", "intruder"],
  },
  // Administration.
  "app/admin/page.tsx": { path: () => "/admin", refused: ADMIN },
  "app/admin/amapiens/page.tsx": { path: () => "/admin/amapiens", refused: ADMIN },
  "app/admin/amapiens/[id]/page.tsx": { path: (w) => `/admin/amapiens/${w.users.owner.id}`, refused: ADMIN },
  "app/admin/amapiens/import/page.tsx": { path: () => "/admin/amapiens/import", refused: ADMIN },
  "app/admin/amapiens/nouveau/page.tsx": { path: () => "/admin/amapiens/nouveau", refused: ADMIN },
  "app/admin/amapiens/export.csv/route.ts": { path: () => "/admin/amapiens/export.csv", refused: ADMIN },
  "app/admin/amapiens/modele.csv/route.ts": { path: () => "/admin/amapiens/modele.csv", refused: ADMIN },
  "app/admin/calendrier/page.tsx": { path: () => "/admin/calendrier", refused: ADMIN },
  "app/admin/calendrier/contrats/page.tsx": { path: () => "/admin/calendrier/contrats", refused: ADMIN },
  "app/admin/calendrier/lieux/page.tsx": { path: () => "/admin/calendrier/lieux", refused: ADMIN },
  "app/admin/emails/page.tsx": { path: () => "/admin/emails", refused: ADMIN },
  "app/admin/emails/[id]/page.tsx": { path: (w) => `/admin/emails/${w.outboxId}`, refused: ADMIN },
  "app/admin/emargement/page.tsx": { path: () => "/admin/emargement", refused: ADMIN },
  "app/admin/emargement/[distributionId]/page.tsx": { path: (w) => `/admin/emargement/${w.distributionId}`, refused: ADMIN },
  "app/admin/emargement/[distributionId]/pdf/route.ts": { path: (w) => `/admin/emargement/${w.distributionId}/pdf`, refused: ADMIN },
  "app/admin/intermittents/page.tsx": { path: () => "/admin/intermittents", refused: ADMIN },
  "app/admin/intermittents/export/route.ts": { path: () => "/admin/intermittents/export", refused: ADMIN },
  "app/admin/paniers/page.tsx": { path: () => "/admin/paniers", refused: ADMIN },
  "app/admin/paniers/[offerId]/page.tsx": { path: (w) => `/admin/paniers/${w.exchangedOfferId}`, refused: ADMIN },
  "app/admin/reglages/page.tsx": { path: () => "/admin/reglages", refused: ADMIN },
  "app/admin/partenaires/page.tsx": { path: () => "/admin/partenaires", refused: ADMIN },
  "app/reseau/page.tsx": { path: () => "/reseau", refused: ["anonymous", "owner", "stranger", "taker", "intruder", "referent"] },
  "app/admin/statistiques/page.tsx": { path: () => "/admin/statistiques", refused: ADMIN },
  "app/admin/statistiques/export.csv/route.ts": { path: () => "/admin/statistiques/export.csv", refused: ADMIN },
  // Open to everyone: answered, without anyone's contact details.
  "app/page.tsx": { path: () => "/", refused: [] },
  "app/paniers/page.tsx": { path: () => "/paniers", refused: [] },
  "app/aide/page.tsx": { path: () => "/aide", refused: [] },
  "app/aide/glossaire/page.tsx": { path: () => "/aide/glossaire", refused: [] },
  "app/connexion/page.tsx": { path: () => "/connexion", refused: [] },
  "app/connexion/erreur/page.tsx": { path: () => "/connexion/erreur", refused: [] },
  "app/connexion/verification/page.tsx": { path: () => "/connexion/verification", refused: [] },
  // A sign-in link's page: a forged token opens nothing (« déjà servi »); a real one is proved in e2e/sign-in.spec.ts.
  "app/connexion/lien/page.tsx": { path: () => "/connexion/lien?token=faux&email=intrus%40demo.test", refused: [] },
  "app/devenir-intermittent/page.tsx": { path: () => "/devenir-intermittent", refused: [] },
  "app/devenir-intermittent/merci/page.tsx": { path: () => "/devenir-intermittent/merci", refused: [] },
  "app/invitation/[token]/page.tsx": { path: () => `/invitation/1.${"A".repeat(43)}`, refused: [] },
  "app/invitation/fait/page.tsx": { path: () => "/invitation/fait?r=declined", refused: [] },
  "app/inscription/au-revoir/page.tsx": { path: () => "/inscription/au-revoir", refused: [] },
  "app/inscription/desinscription/page.tsx": { path: () => "/inscription/desinscription", refused: [] },
  "app/lien/[token]/page.tsx": { path: () => "/lien/v1.faux.jeton", refused: [] },
  "app/lien/fait/page.tsx": { path: () => "/lien/fait?r=reserved", refused: [] },
  "app/api/health/route.ts": { path: () => "/api/health", refused: [] },
  "app/api/auth/[...nextauth]/route.ts": { path: () => "/api/auth/session", refused: [] },
  "app/api/desinscription/[token]/route.ts": { path: () => "/api/desinscription/v1.faux.jeton", refused: [] },
  // The development mailbox exists only without SMTP_URL (404 otherwise: test/smtp-configured.test.ts).
  "app/dev/mails/page.tsx": { path: () => "/dev/mails", refused: [] },
  "app/dev/mails/[id]/page.tsx": { path: () => "/dev/mails/1", refused: [] },
  "app/api/dev/mails/route.ts": { path: () => "/api/dev/mails?limit=1", refused: [] },
};

/** As whom of the first AMAP an actor of the second stands in their own AMAP, on a page that names no row. */
const LIKE: Record<OtherActor, Actor> = { referent2: "referent", member2: "stranger", intermittent2: "intruder" };

/**
 * Whether a route refuses an actor of the second AMAP in a space. In the
 * first AMAP's space they hold no role: refused wherever someone signed in
 * without a part is. In their own AMAP a route naming a row by id names one
 * of the first AMAP's: refused; any other, as for their like in the first.
 */
function otherRefused(file: string, route: RouteCase, actor: OtherActor, space: Space): boolean {
  if (route.refused.length === 0) return false;
  if (inFirst(space)) return route.refused.some((a) => a !== "anonymous");
  if (file.includes("[")) return true;
  return route.refused.includes(LIKE[actor]);
}

function sourceRoutes(): string[] {
  return (readdirSync("app", { recursive: true }) as string[])
    .map((f) => `app/${f.split(path.sep).join("/")}`)
    .filter((f) => /\/(page\.tsx|route\.ts)$/.test(f));
}

test.describe("routes", () => {
  test("chaque page et chaque route de app/ est dans la matrice", () => {
    const sources = sourceRoutes().sort();
    expect(sources.filter((r) => !(r in ROUTES)), "routes sans ligne dans la matrice").toEqual([]);
    expect(Object.keys(ROUTES).filter((r) => !sources.includes(r)), "lignes sans route").toEqual([]);
  });

  test("chaque route refuse les mauvais acteurs (404 ou /connexion), et aucune ne montre les coordonnées d'autrui", async ({ request, world }) => {
    test.setTimeout(180_000);
    const everyone: Actor[] = ["anonymous", "owner", "stranger", "taker", "intruder"];
    for (const [file, route] of Object.entries(ROUTES)) {
      const url = route.path(world);
      for (const actor of everyone) {
        const what = `GET ${url} (${file}) par ${actor}`;
        const response = await request.get(url, { headers: withCookie(world.cookies[actor]), maxRedirects: 0 });
        const body = await response.text();
        expect(response.status(), `${what} : pas d'erreur serveur`).toBeLessThan(500);
        if (route.refused.includes(actor)) {
          const location = response.headers()["location"] ?? "";
          const refused = response.status() === 404 || response.status() === 403 || (response.status() >= 300 && response.status() < 400 && new URL(location, "http://x").pathname === "/connexion");
          expect(refused, `${what} : refusé (reçu ${response.status()} ${location})`).toBe(true);
        }
        // The dev mailbox shows mail, by design, only in development; the
        // parties of the exchange see each other's contact, by design.
        if (file.includes("/dev/")) continue;
        const parties = actor === "owner" || actor === "taker";
        const allowed = parties ? ["owner", "taker"] : [actor];
        for (const [who, secrets] of Object.entries(world.secrets)) {
          if (allowed.includes(who)) continue;
          for (const secret of secrets) expect(body, `${what} : pas de coordonnées de ${who}`).not.toContain(secret);
        }
      }
    }
  });
});

test.describe("routes : les acteurs d'une autre AMAP", () => {
  for (const space of Object.keys(SPACES) as Space[]) {
    test(`chaque route, ${SPACES[space]}, refuse ce qui n'est pas à eux et ne montre aucune coordonnée de la première AMAP`, async ({ request, db, world }) => {
      test.setTimeout(180_000);
      const other = await buildOtherAmap(db);
      for (const [file, route] of Object.entries(ROUTES)) {
        const url = inSpace(space, world, other, route.path(world));
        const answers = await Promise.all(
          OTHERS.map(async (actor) => {
            const response = await request.get(url, { headers: cookiesIn(space, world, other, actor), maxRedirects: 0 });
            return { actor, response, body: await response.text() };
          }),
        );
        for (const { actor, response, body } of answers) {
          const what = `GET ${url} (${file}) par ${actor}`;
          expect.soft(response.status(), `${what} : pas d'erreur serveur`).toBeLessThan(500);
          const location = response.headers()["location"] ?? "";
          const wasRefused =
            response.status() === 404 ||
            response.status() === 403 ||
            (response.status() >= 300 && response.status() < 400 && new URL(location, "http://x").pathname === "/connexion");
          if (otherRefused(file, route, actor, space)) {
            expect.soft(wasRefused, `${what} : refusé (reçu ${response.status()} ${location})`).toBe(true);
          } else if (route.refused.some((a) => a !== "anonymous")) {
            // Theirs in their AMAP (the référent's administration): answered, so the refusals above are the AMAP's.
            expect.soft(response.status(), `${what} : ouvert dans leur AMAP`).toBe(200);
          }
          if (file.includes("/dev/")) continue;
          for (const [who, secrets] of Object.entries(world.secrets)) {
            for (const secret of secrets) expect.soft(body, `${what} : pas de coordonnées de ${who}`).not.toContain(secret);
          }
          // In their own AMAP, nothing of the first: not its place, not its members' names.
          if (!inFirst(space)) for (const mark of world.marks) expect.soft(body, `${what} : rien de la première AMAP`).not.toContain(mark);
        }
      }
    });
  }
});
