// Bulk data for the benchmark: members offering baskets, intermittents
// reading and reserving them, sessions to sign them in. Rows are written the
// way the commands leave them (as e2e/exchange-helpers.ts does), in a few
// multi-row inserts so seeding 2,000 offers takes a second, not a minute.
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { createContract, createDistribution, createPlace } from "@/db/factories";
import * as s from "@/db/schema";
import type { Db } from "@/db/types";
import { addDays, parisDate } from "@/lib/domain/time";
import { firstAmapId } from "@/db/queries";

/** Members offering: offer k belongs to member k % MEMBERS at distribution ⌊k / MEMBERS⌋. */
export const MEMBERS = 100;
export const DISTRIBUTIONS = 20;
/** Other intermittents who hold pending and queued reservations on some offers. */
const QUEUERS = 20;

export type Scene = {
  place: s.Place;
  vegetables: s.Contract;
  eggs: s.Contract;
  distributions: s.Distribution[];
  members: { id: string; vegSub: number; eggSub: number }[];
  queuers: string[];
  /** The intermittent who reads /paniers. */
  reader: string;
  offers: number;
};

async function insertUsers(db: Db, prefix: string, count: number, firstName: (i: number) => string): Promise<string[]> {
  const ids: string[] = [];
  for (let from = 0; from < count; from += 1000) {
    const rows = Array.from({ length: Math.min(1000, count - from) }, (_, j) => {
      const i = from + j;
      return {
        email: `${prefix}-${i}-${randomUUID().slice(0, 6)}@bench.test`,
        firstName: firstName(i),
        lastName: "Banc",
        name: `${firstName(i)} Banc`,
      };
    });
    const inserted = await db.insert(s.users).values(rows).returning({ id: s.users.id });
    ids.push(...inserted.map((r) => r.id));
  }
  return ids;
}

export async function addIntermittents(db: Db, prefix: string, count: number): Promise<string[]> {
  const names = ["Inès", "Jules", "Hugo", "Léa", "Noé", "Zoé", "Malo", "Lou"];
  const ids = await insertUsers(db, prefix, count, (i) => names[i % names.length]!);
  const amapId = await firstAmapId(db);
  for (let from = 0; from < ids.length; from += 1000) {
    await db
      .insert(s.intermittentMemberships)
      .values(ids.slice(from, from + 1000).map((userId) => ({ amapId, userId, addedById: userId })));
  }
  return ids;
}

/** A session row as Auth.js's Drizzle adapter writes it at sign-in (30 days); the cookie value is the token itself. */
export async function createSession(db: Db, userId: string): Promise<string> {
  const sessionToken = randomUUID();
  await db.insert(s.sessions).values({ sessionToken, userId, expires: new Date(Date.now() + 30 * 86_400_000) });
  return sessionToken;
}

/** Sessions for many people at once, in the order given. */
export async function createSessions(db: Db, userIds: string[]): Promise<string[]> {
  const rows = userIds.map((userId) => ({ sessionToken: randomUUID(), userId, expires: new Date(Date.now() + 30 * 86_400_000) }));
  for (let from = 0; from < rows.length; from += 1000) await db.insert(s.sessions).values(rows.slice(from, from + 1000));
  return rows.map((r) => r.sessionToken);
}

export async function createScene(db: Db): Promise<Scene> {
  const place = await createPlace(db, {
    name: "Salle du banc d'essai",
    address: "12 rue des Mesures, 69000 Lyon",
    accessNotes: "Entrée par la cour.",
  });
  const vegetables = await createContract(db, { product: "Légumes", producer: "Ferme du Banc", size: "grand panier", unitPriceCents: 2200 });
  const eggs = await createContract(db, { product: "Œufs", producer: "Poulailler du Banc", size: "boîte de 6", unitPriceCents: 350 });
  const today = parisDate(new Date());
  const distributions: s.Distribution[] = [];
  for (let d = 0; d < DISTRIBUTIONS; d++) {
    distributions.push(
      await createDistribution(db, {
        placeId: place.id,
        date: addDays(today, 3 + 7 * d),
        contractIds: [vegetables.id, eggs.id],
      }),
    );
  }
  const names = ["Alice", "Bruno", "Chloé", "David", "Emma", "Farid", "Gaëlle", "Henri"];
  const memberIds = await insertUsers(db, "membre", MEMBERS, (i) => names[i % names.length]!);
  const start = addDays(today, -30);
  const end = addDays(today, 300);
  const subs = await db
    .insert(s.subscriptions)
    .values(
      memberIds.flatMap((userId) => [
        { amapId: vegetables.amapId, userId, contractId: vegetables.id, quantity: 1, startsOn: start, endsOn: end },
        { amapId: eggs.amapId, userId, contractId: eggs.id, quantity: 2, startsOn: start, endsOn: end },
      ]),
    )
    .returning({ id: s.subscriptions.id, userId: s.subscriptions.userId, contractId: s.subscriptions.contractId });
  const members = memberIds.map((id) => ({
    id,
    vegSub: subs.find((r) => r.userId === id && r.contractId === vegetables.id)!.id,
    eggSub: subs.find((r) => r.userId === id && r.contractId === eggs.id)!.id,
  }));
  const queuers = await addIntermittents(db, "file", QUEUERS);
  const [reader] = await addIntermittents(db, "lecteur", 1);
  return { place, vegetables, eggs, distributions, members, queuers, reader: reader!, offers: 0 };
}

const MESSAGES = [
  "",
  "Je pars en vacances, bon appétit !",
  "Panier à récupérer à l'heure s'il vous plaît.\nMerci !",
  "",
  "Les œufs sont extra cette saison.",
];

/**
 * Adds offers until the scene has `target` open or reserved ones. One in ten
 * is reserved (a pending reservation and two queued behind it), one in three
 * has eggs as well as vegetables, and the reader waits in two of the lines.
 */
export async function growOffers(db: Db, scene: Scene, target: number): Promise<void> {
  if (target > MEMBERS * DISTRIBUTIONS) throw new Error(`at most ${MEMBERS * DISTRIBUTIONS} offers`);
  for (let from = scene.offers; from < target; from += 500) {
    const batch = Array.from({ length: Math.min(500, target - from) }, (_, j) => from + j);
    const reserved = (k: number) => k % 10 === 5;
    const offers = await db
      .insert(s.offers)
      .values(
        batch.map((k) => ({
          amapId: scene.distributions[Math.floor(k / MEMBERS)]!.amapId,
          memberId: scene.members[k % MEMBERS]!.id,
          distributionId: scene.distributions[Math.floor(k / MEMBERS)]!.id,
          status: reserved(k) ? ("reserved" as const) : ("open" as const),
          message: MESSAGES[k % MESSAGES.length]!,
        })),
      )
      .returning({ id: s.offers.id });
    const lines = batch.flatMap((k, j) => {
      const member = scene.members[k % MEMBERS]!;
      const distributionId = scene.distributions[Math.floor(k / MEMBERS)]!.id;
      const offerId = offers[j]!.id;
      const veg = { offerId, distributionId, subscriptionId: member.vegSub, contractId: scene.vegetables.id, quantity: 1, unitPriceCents: 2200 };
      const eggs = { offerId, distributionId, subscriptionId: member.eggSub, contractId: scene.eggs.id, quantity: 2, unitPriceCents: 350 };
      return k % 3 === 0 ? [veg, eggs] : [veg];
    });
    await db.insert(s.offerLines).values(lines);
    const reservations = batch.flatMap((k, j) => {
      if (!reserved(k)) return [];
      const offerId = offers[j]!.id;
      const q = (n: number) => scene.queuers[(k + n) % scene.queuers.length]!;
      // The reader waits behind someone on the first two reserved offers.
      const third = k === 5 || k === 15 ? scene.reader : q(2);
      return [
        { offerId, intermittentId: q(0), status: "pending" as const, position: 1, pendingSince: new Date() },
        { offerId, intermittentId: q(1), status: "queued" as const, position: 2 },
        { offerId, intermittentId: third, status: "queued" as const, position: 3 },
      ];
    });
    if (reservations.length) await db.insert(s.reservations).values(reservations);
  }
  scene.offers = Math.max(scene.offers, target);
}

/** Counts what /paniers lists for the reader (its own filter), to check the seed. */
export async function countListed(db: Db, reader: string): Promise<number> {
  const { listedForViewer } = await import("@/lib/server/exchange/baskets-page");
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(s.offers)
    .innerJoin(s.distributions, eq(s.distributions.id, s.offers.distributionId))
    .where(listedForViewer({ userId: reader, amapId: await firstAmapId(db) }, new Date()));
  return row?.n ?? 0;
}

/** A distribution of its own and a member with one basket there, for the reservation and announcement runs. */
export async function soloOffer(db: Db, scene: Scene, daysAhead: number): Promise<{ memberId: string; subscriptionId: number; distribution: s.Distribution }> {
  const distribution = await createDistribution(db, {
    placeId: scene.place.id,
    date: addDays(parisDate(new Date()), daysAhead),
    start: "17:00",
    end: "18:00",
    contractIds: [scene.vegetables.id],
  });
  const member = scene.members[0]!;
  return { memberId: member.id, subscriptionId: member.vegSub, distribution };
}

/** An open offer of one basket on a distribution of its own, nobody in line yet: what the races fight over. */
export async function openSoloOffer(db: Db, scene: Scene, daysAhead: number): Promise<{ offerId: number; memberId: string }> {
  const solo = await soloOffer(db, scene, daysAhead);
  const [offer] = await db
    .insert(s.offers)
    .values({ amapId: solo.distribution.amapId, memberId: solo.memberId, distributionId: solo.distribution.id, status: "open" })
    .returning({ id: s.offers.id });
  await db.insert(s.offerLines).values({
    offerId: offer!.id,
    distributionId: solo.distribution.id,
    subscriptionId: solo.subscriptionId,
    contractId: scene.vegetables.id,
    quantity: 1,
    unitPriceCents: 2200,
  });
  return { offerId: offer!.id, memberId: solo.memberId };
}
