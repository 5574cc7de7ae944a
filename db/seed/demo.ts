// The demo network: what a first `npm start` shows, so a newcomer sees a
// living space — « AMAP des Tilleuls » and its partner « AMAP du Marché »
// (DESIGN.md §11), with a basket of the Marché due to reach the Tilleuls'
// opted-in intermittents. Fixed accounts (listed in the README) sign in
// through the dev mailbox.
import { eq, sql } from "drizzle-orm";
import { addDays, parisDate, weekday } from "@/lib/domain/time";
import {
  addToIntermittents,
  createContract,
  createDistribution,
  createPlace,
  createSubscription,
  createUser,
} from "../factories";
import { firstAmapId, memberLinesAt } from "../queries";
import * as s from "../schema";
import type { Executor } from "../types";

export const DEMO_ACCOUNTS = {
  referent: "referent@demo.test",
  /** Administers the network: /reseau. */
  network: "reseau@demo.test",
  members: ["alice@demo.test", "bruno@demo.test"],
  intermittents: ["ines@demo.test", "jules@demo.test"],
  /** Of the Tilleuls, opted in to the partners' baskets (the Marché's). */
  partnerIntermittent: "karim@demo.test",
  /** The partner AMAP « AMAP du Marché » (/marche). */
  marche: {
    referent: "sophie@demo.test",
    members: ["paul@demo.test", "olga@demo.test", "theo@demo.test"],
    /** On the Marché's list, opted in to the partners' baskets (the Tilleuls'). */
    intermittent: "yasmine@demo.test",
  },
} as const;

/** The Marché's slug: its space is /marche/…. */
export const DEMO_PARTNER_SLUG = "marche";

export const DEMO_PRACTICAL_RULES = [
  "Venez pendant les horaires de la distribution : les paniers non récupérés sont donnés en fin de distribution.",
  "Apportez vos sacs ou cagettes : les légumes sont distribués en vrac.",
  "Émargez au nom de l'amapien·ne qui vous cède son panier, pas au vôtre.",
  "Prenez uniquement les produits indiqués (par exemple les légumes, pas les œufs) et réglez le prix du panier directement à l'amapien·ne.",
].join("\n");

export async function isDatabaseEmpty(ex: Executor): Promise<boolean> {
  const rows = await ex.select({ id: s.users.id }).from(s.users).limit(1);
  return rows.length === 0;
}

/**
 * A fresh production database gets its first référents from REFERENT_EMAILS;
 * once any référent exists, they name the others in /admin, and the list is
 * no longer consulted (so removing someone's role there sticks).
 */
export async function bootstrapReferents(ex: Executor, emails: readonly string[]): Promise<void> {
  if (emails.length === 0) return;
  const amapId = await firstAmapId(ex);
  const [existing] = await ex.select({ id: s.amapReferents.userId }).from(s.amapReferents).where(eq(s.amapReferents.amapId, amapId)).limit(1);
  if (existing) return;
  for (const email of emails) {
    const [known] = await ex.select({ id: s.users.id }).from(s.users).where(sql`lower(${s.users.email}) = ${email.toLowerCase()}`);
    const userId = known?.id ?? (await ex.insert(s.users).values({ email: email.toLowerCase() }).returning({ id: s.users.id }))[0]!.id;
    await ex.insert(s.amapReferents).values({ amapId, userId }).onConflictDoNothing();
  }
}

/**
 * NETWORK_ADMIN_EMAILS administer the network (create and suspend AMAPs):
 * at every start, each address gets the role (an account is made for an
 * unknown one). Removing an address from the list does not take the role
 * back; that is done in the database, deliberately.
 */
export async function bootstrapNetworkAdmins(ex: Executor, emails: readonly string[]): Promise<void> {
  for (const email of emails) {
    const updated = await ex
      .update(s.users)
      .set({ isNetworkAdmin: true })
      .where(sql`lower(${s.users.email}) = ${email.toLowerCase()}`)
      .returning({ id: s.users.id });
    if (updated.length === 0) await ex.insert(s.users).values({ email: email.toLowerCase(), isNetworkAdmin: true });
  }
}

type Person = { email: string; firstName: string; lastName: string; phone: string };

const person = (email: string, firstName: string, lastName: string, phone: string): Person => ({
  email,
  firstName,
  lastName,
  phone,
});

/** Loads the demo AMAP. `now` places the season around today. */
export async function seedDemo(ex: Executor, { now }: { now: Date }): Promise<void> {
  const demoSettings = {
    amapName: "AMAP des Tilleuls",
    contactEmail: "contact@amap-tilleuls.demo.test",
    replyTo: "intermittents@amap-tilleuls.demo.test",
    practicalRules: DEMO_PRACTICAL_RULES,
  };
  const amapId = await firstAmapId(ex);
  await ex.update(s.amaps).set({ slug: "tilleuls" }).where(eq(s.amaps.id, amapId));
  await ex
    .insert(s.settings)
    .values({ amapId, ...demoSettings })
    .onConflictDoUpdate({ target: s.settings.amapId, set: demoSettings });

  const salle = await createPlace(ex, {
    name: "Salle des fêtes des Tilleuls",
    address: "2 place de la Mairie, 69000 Lyon",
    accessNotes: "Entrée par la cour, à gauche du préau.",
  });
  const fournil = await createPlace(ex, {
    name: "Fournil de la Croix-Rousse",
    address: "14 rue d'Austerlitz, 69004 Lyon",
    accessNotes: "Sonnez à la porte de l'atelier.",
  });

  const bigVeg = await createContract(ex, {
    product: "Légumes",
    producer: "Ferme du Grand Pré",
    size: "grand panier",
    unitPriceCents: 2200,
  });
  const smallVeg = await createContract(ex, {
    product: "Légumes",
    producer: "Ferme du Grand Pré",
    size: "petit panier",
    unitPriceCents: 1400,
  });
  const eggs = await createContract(ex, {
    product: "Œufs",
    producer: "Les Poules de Mornant",
    size: "boîte de 6",
    unitPriceCents: 350,
  });
  const bread = await createContract(ex, {
    product: "Pain",
    producer: "Fournil de la Croix-Rousse",
    size: "pain de campagne 1 kg",
    unitPriceCents: 500,
  });

  // A season of 26 weeks around today: vegetables on Thursday evenings
  // (eggs every other week), bread on Saturday mornings.
  const today = parisDate(now);
  const seasonStart = addDays(today, -8 * 7);
  const seasonEnd = addDays(today, 18 * 7);
  const firstThursday = addDays(seasonStart, (4 - weekday(seasonStart) + 7) % 7);
  const thursdays: s.Distribution[] = [];
  for (let week = 0; week < 26; week++) {
    const thursday = addDays(firstThursday, week * 7);
    const distribution = await createDistribution(ex, {
      placeId: salle.id,
      date: thursday,
      start: "18:30",
      end: "20:00",
      contractIds: week % 2 === 0 ? [bigVeg.id, smallVeg.id, eggs.id] : [bigVeg.id, smallVeg.id],
    });
    thursdays.push(distribution);
    await createDistribution(ex, {
      placeId: fournil.id,
      date: addDays(thursday, 2),
      start: "10:00",
      end: "12:00",
      contractIds: [bread.id],
    });
  }

  const subscribe = async (userId: string, contractIds: number[]) => {
    for (const contractId of contractIds) {
      await createSubscription(ex, { userId, contractId, startsOn: seasonStart, endsOn: seasonEnd });
    }
  };

  const referent = await createUser(ex, {
    ...person(DEMO_ACCOUNTS.referent, "Rose", "Lefèvre", "06 11 22 33 44"),
    isReferent: true,
  });
  await subscribe(referent.id, [smallVeg.id]);
  await ex.insert(s.users).values({
    email: DEMO_ACCOUNTS.network,
    firstName: "Nadia",
    lastName: "Réseau",
    name: "Nadia Réseau",
    isNetworkAdmin: true,
  });

  const members: [Person, number[]][] = [
    [person("alice@demo.test", "Alice", "Martin", "06 12 34 56 78"), [bigVeg.id, eggs.id, bread.id]],
    [person("bruno@demo.test", "Bruno", "Petit", "06 23 45 67 89"), [smallVeg.id, eggs.id]],
    [person("chloe@demo.test", "Chloé", "Bernard", "06 34 56 78 90"), [bigVeg.id]],
    [person("david@demo.test", "David", "Moreau", "06 45 67 89 01"), [smallVeg.id, bread.id]],
    [person("emma@demo.test", "Emma", "Laurent", "06 56 78 90 12"), [bigVeg.id, eggs.id]],
    [person("francois@demo.test", "François", "Girard", "06 67 89 01 23"), [smallVeg.id]],
    [person("gaelle@demo.test", "Gaëlle", "Roux", "06 78 90 12 34"), [bigVeg.id, bread.id]],
    [person("hugo@demo.test", "Hugo", "Fournier", "06 89 01 23 45"), [smallVeg.id, eggs.id]],
  ];
  const userIds = new Map<string, string>();
  for (const [p, contractIds] of members) {
    const user = await createUser(ex, p);
    userIds.set(p.email, user.id);
    await subscribe(user.id, contractIds);
  }

  // Six intermittents: five from the waiting list and Hugo, a member who
  // takes an extra basket now and then. Nathan left the list last month.
  const joined = new Date(now.getTime() - 40 * 86_400_000);
  const intermittents = [
    person("ines@demo.test", "Inès", "Garnier", "07 12 34 56 78"),
    person("jules@demo.test", "Jules", "Faure", "07 23 45 67 89"),
    person("karim@demo.test", "Karim", "Benali", "07 34 56 78 90"),
    person("lea@demo.test", "Léa", "Chevalier", "07 45 67 89 01"),
    person("manon@demo.test", "Manon", "Blanc", "07 56 78 90 12"),
  ];
  for (const p of intermittents) {
    const user = await createUser(ex, p);
    userIds.set(p.email, user.id);
    await addToIntermittents(ex, { userId: user.id, addedById: referent.id, joinedAt: joined });
  }
  // Karim also takes the partner AMAPs' baskets (/inscription).
  await ex
    .update(s.intermittentMemberships)
    .set({ partnerBaskets: true })
    .where(eq(s.intermittentMemberships.userId, userIds.get(DEMO_ACCOUNTS.partnerIntermittent)!));
  await addToIntermittents(ex, { userId: userIds.get("hugo@demo.test")!, joinedAt: joined });

  const nathan = await createUser(ex, person("nathan@demo.test", "Nathan", "Perrin", "07 67 89 01 23"));
  await ex.insert(s.intermittentMemberships).values({
    amapId,
    userId: nathan.id,
    addedById: nathan.id,
    joinedAt: new Date(now.getTime() - 200 * 86_400_000),
    leftAt: new Date(now.getTime() - 30 * 86_400_000),
    leftReason: "Inscrit comme amapien à la saison prochaine.",
  });

  await seedDemoOffers(ex, userIds, thursdays, now);
  await seedPartnerAmap(ex, { tilleulsId: amapId, tilleulsReferentId: referent.id, now });
}

type DemoOffer = {
  member: string;
  distribution: s.Distribution;
  status: s.OfferStatus;
  message?: string;
  cancelReason?: string;
  paid?: boolean;
  /** Reservations in arrival order. */
  reservations?: [string, s.ReservationStatus][];
  /** When it was offered (and announced to its own list): six days before the distribution unless said. */
  createdAt?: Date;
};

/**
 * Offers in every state, written as the commands would have left them
 * (offer, lines, reservations, audit events), around today.
 */
async function seedDemoOffers(ex: Executor, userIds: Map<string, string>, thursdays: s.Distribution[], now: Date) {
  const amapId = await firstAmapId(ex);
  await insertDemoOffers(ex, amapId, userIds, offersAround(thursdays, now), now);
}

function offersAround(thursdays: s.Distribution[], now: Date): DemoOffer[] {
  const upcoming = thursdays.filter((d) => d.startsAt.getTime() > now.getTime() + 24 * 3_600_000);
  const past = thursdays.filter((d) => d.startsAt.getTime() < now.getTime()).reverse();
  const [next, second, third] = upcoming;
  const [lastWeek, twoWeeksAgo] = past;
  if (!next || !second || !third || !lastWeek || !twoWeeksAgo) return [];
  return [
    { member: "chloe@demo.test", distribution: next, status: "open", message: "Je suis en vacances, régalez-vous !" },
    {
      member: "david@demo.test",
      distribution: next,
      status: "reserved",
      reservations: [
        ["jules@demo.test", "pending"],
        ["karim@demo.test", "queued"],
      ],
    },
    {
      member: "emma@demo.test",
      distribution: second,
      status: "exchanged",
      message: "Il y aura sûrement des courges.",
      reservations: [["ines@demo.test", "accepted"]],
    },
    {
      member: "francois@demo.test",
      distribution: third,
      status: "cancelled",
      cancelReason: "Finalement je serai là.",
      reservations: [["lea@demo.test", "cancelled"]],
    },
    { member: "gaelle@demo.test", distribution: lastWeek, status: "unclaimed" },
    {
      member: "alice@demo.test",
      distribution: twoWeeksAgo,
      status: "done",
      paid: true,
      reservations: [["manon@demo.test", "accepted"]],
    },
  ];
}

async function insertDemoOffers(ex: Executor, amapId: number, userIds: Map<string, string>, offers: DemoOffer[], now: Date) {
  for (const demo of offers) {
    const memberId = userIds.get(demo.member)!;
    const [offer] = await ex
      .insert(s.offers)
      .values({
        amapId,
        memberId,
        distributionId: demo.distribution.id,
        status: demo.status,
        message: demo.message ?? "",
        cancelReason: demo.cancelReason ?? null,
        paidAt: demo.paid ? now : null,
        createdAt: demo.createdAt ?? new Date(demo.distribution.startsAt.getTime() - 6 * 86_400_000),
      })
      .returning();
    const lines = await memberLinesAt(ex, memberId, demo.distribution);
    await ex.insert(s.offerLines).values(
      lines.map((l) => ({
        ...l,
        offerId: offer!.id,
        distributionId: demo.distribution.id,
        releasedAt: demo.status === "cancelled" ? now : null,
      })),
    );
    await ex.insert(s.events).values({ amapId, actorId: memberId, action: "offer.create", offerId: offer!.id, toStatus: "open" });
    let position = 0;
    for (const [email, status] of demo.reservations ?? []) {
      const [reservation] = await ex
        .insert(s.reservations)
        .values({ offerId: offer!.id, intermittentId: userIds.get(email)!, status, position: ++position })
        .returning({ id: s.reservations.id });
      await ex.insert(s.events).values({
        amapId,
        actorId: userIds.get(email)!,
        action: "reservation.create",
        offerId: offer!.id,
        reservationId: reservation!.id,
        fromStatus: position === 1 ? "open" : "reserved",
        toStatus: "reserved",
      });
    }
    if (demo.status !== "open" && demo.status !== "reserved") {
      await ex.insert(s.events).values({
        amapId,
        actorId: demo.status === "unclaimed" || demo.status === "done" ? null : memberId,
        action: { exchanged: "reservation.accept", cancelled: "offer.cancel", unclaimed: "offer.settle", done: "offer.settle" }[
          demo.status
        ],
        offerId: offer!.id,
        fromStatus: demo.status === "unclaimed" ? "open" : demo.status === "done" ? "exchanged" : "reserved",
        toStatus: demo.status,
        reason: demo.cancelReason ?? null,
      });
    }
  }
}

/**
 * « AMAP du Marché » (/marche), the Tilleuls' partner: its référente, three
 * members, an intermittent who also takes the Tilleuls' baskets, a place, two
 * contracts, a season of Tuesday distributions; and Paul's basket, offered
 * thirty hours ago and still unreserved — past the Marché's delay before its
 * baskets go to the partners (24 h), so the next partner sweep announces it to
 * the Tilleuls' opted-in intermittents (Karim).
 */
async function seedPartnerAmap(ex: Executor, { tilleulsId, tilleulsReferentId, now }: { tilleulsId: number; tilleulsReferentId: string; now: Date }) {
  const accounts = DEMO_ACCOUNTS.marche;
  const [amap] = await ex.insert(s.amaps).values({ slug: DEMO_PARTNER_SLUG }).returning({ id: s.amaps.id });
  const amapId = amap!.id;
  await ex.insert(s.settings).values({
    amapId,
    amapName: "AMAP du Marché",
    contactEmail: "contact@amap-marche.demo.test",
    practicalRules: [
      "La distribution a lieu sous la halle, côté fontaine : suivez les cagettes.",
      "Émargez au nom de l'amapien·ne qui vous cède son panier, pas au vôtre.",
      "Réglez le prix du panier directement à l'amapien·ne.",
    ].join("\n"),
  });

  const halle = await createPlace(ex, {
    amapId,
    name: "Halle du Marché",
    address: "5 place du Marché, 69001 Lyon",
    accessNotes: "Sous la halle, côté fontaine.",
  });
  const veg = await createContract(ex, { amapId, product: "Légumes", producer: "Les Jardins de Saône", size: "panier", unitPriceCents: 1800 });
  const cheese = await createContract(ex, { amapId, product: "Fromages de chèvre", producer: "Chèvrerie du Pilat", size: "4 fromages", unitPriceCents: 1000 });

  // Tuesday evenings, over the same season as the Tilleuls; cheese every other week.
  const today = parisDate(now);
  const seasonStart = addDays(today, -8 * 7);
  const seasonEnd = addDays(today, 18 * 7);
  const firstTuesday = addDays(seasonStart, (2 - weekday(seasonStart) + 7) % 7);
  const tuesdays: s.Distribution[] = [];
  for (let week = 0; week < 26; week++) {
    tuesdays.push(
      await createDistribution(ex, {
        placeId: halle.id,
        date: addDays(firstTuesday, week * 7),
        start: "18:00",
        end: "19:30",
        contractIds: week % 2 === 0 ? [veg.id, cheese.id] : [veg.id],
      }),
    );
  }
  const subscribe = async (userId: string, contractIds: number[]) => {
    for (const contractId of contractIds) await createSubscription(ex, { userId, contractId, startsOn: seasonStart, endsOn: seasonEnd });
  };

  const sophie = await createUser(ex, { ...person(accounts.referent, "Sophie", "Marchand", "06 90 12 34 56"), isReferent: true, amapId });
  await subscribe(sophie.id, [veg.id]);
  const userIds = new Map<string, string>();
  const members: [Person, number[]][] = [
    [person("paul@demo.test", "Paul", "Roche", "06 01 23 45 67"), [veg.id, cheese.id]],
    [person("olga@demo.test", "Olga", "Lemaire", "06 02 34 56 78"), [veg.id]],
    [person("theo@demo.test", "Théo", "Vidal", "06 03 45 67 89"), [veg.id, cheese.id]],
  ];
  for (const [p, contractIds] of members) {
    const user = await createUser(ex, p);
    userIds.set(p.email, user.id);
    await subscribe(user.id, contractIds);
  }
  const yasmine = await createUser(ex, person(accounts.intermittent, "Yasmine", "Haddad", "07 78 90 12 34"));
  userIds.set(accounts.intermittent, yasmine.id);
  await addToIntermittents(ex, { userId: yasmine.id, addedById: sophie.id, joinedAt: new Date(now.getTime() - 40 * 86_400_000), amapId });
  await ex.update(s.intermittentMemberships).set({ partnerBaskets: true }).where(eq(s.intermittentMemberships.userId, yasmine.id));

  // Partners for three weeks: Rose asked, Sophie accepted.
  await ex.insert(s.amapPartnerships).values({
    amapId: tilleulsId,
    partnerAmapId: amapId,
    requestedById: tilleulsReferentId,
    requestedAt: new Date(now.getTime() - 21 * 86_400_000),
    acceptedById: sophie.id,
    acceptedAt: new Date(now.getTime() - 20 * 86_400_000),
  });

  // Paul's basket goes to a Tuesday at least three days ahead, so that it is
  // still open to reservations once the partners hear of it.
  const ahead = tuesdays.filter((d) => d.startsAt.getTime() > now.getTime() + 3 * 86_400_000);
  const lastWeek = tuesdays.filter((d) => d.startsAt.getTime() < now.getTime()).at(-1);
  if (!ahead[0] || !lastWeek) return;
  await insertDemoOffers(
    ex,
    amapId,
    userIds,
    [
      {
        member: "paul@demo.test",
        distribution: ahead[0],
        status: "open",
        message: "Parti en week-end prolongé : bon appétit !",
        createdAt: new Date(now.getTime() - 30 * 3_600_000),
      },
      {
        member: "theo@demo.test",
        distribution: lastWeek,
        status: "done",
        paid: true,
        reservations: [[accounts.intermittent, "accepted"]],
      },
    ],
    now,
  );
}
