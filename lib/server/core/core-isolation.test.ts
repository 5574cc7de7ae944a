// What core/ reads for the capabilities, per AMAP (issue 13, DESIGN.md §11):
// an AMAP's settings are its own; a person's roles are read in one AMAP and
// are nothing in another; and another AMAP's intermittents reach an AMAP's
// baskets only through a live partnership — not a request still waiting, not
// one that ended, not through a suspended AMAP, not without their opt-in, not
// after they left that AMAP's baskets.
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { createAmap, createContract, createIntermittent, createMember, createUser, uniqueEmail } from "@/db/factories";
import { firstAmapId } from "@/db/queries";
import * as s from "@/db/schema";
import { livePartnershipWith, partnerHomeOf, partnersOf, partnershipIsLive, partnershipsTouching, receivesAsPartner } from "./partners";
import { peopleWithRoles, personWithRolesById, rolesOf } from "./people";
import { getSettings } from "./settings";

let db: Db;
/** One: the AMAP whose baskets are at stake. Two: its partner. Three: asked, not answered. Four: partner once. Five: partner, suspended. Six: nothing. */
const amap = { one: 0, two: 0, three: 0, four: 0, five: 0, six: 0 };
/** Intermittents of each AMAP who opted in to the partners' baskets, and a few who did not or left. */
const people = { two: "", twoNoOptIn: "", twoLeftOne: "", three: "", four: "", five: "", six: "", everyRoleInOne: "" };

async function partnership(a: number, b: number, state: "live" | "pending" | "ended") {
  const now = new Date();
  await db.insert(s.amapPartnerships).values({
    amapId: a,
    partnerAmapId: b,
    acceptedAt: state === "pending" ? null : now,
    endedAt: state === "ended" ? now : null,
  });
}

async function optedIn(amapId: number, optIn = true): Promise<string> {
  const user = await createIntermittent(db, { amapId, email: uniqueEmail("partenaire") });
  await db
    .update(s.intermittentMemberships)
    .set({ partnerBaskets: optIn })
    .where(and(eq(s.intermittentMemberships.userId, user.id), eq(s.intermittentMemberships.amapId, amapId)));
  return user.id;
}

beforeAll(async () => {
  db = await getDb();
  amap.one = await firstAmapId(db);
  await db.update(s.settings).set({ amapName: "AMAP des Tilleuls", contactEmail: "tilleuls@example.org" }).where(eq(s.settings.amapId, amap.one));
  for (const key of ["two", "three", "four", "five", "six"] as const) {
    amap[key] = (await createAmap(db, { slug: `amap-${key}`, name: `AMAP ${key}` })).id;
  }
  await partnership(amap.one, amap.two, "live");
  await partnership(amap.three, amap.one, "pending");
  await partnership(amap.four, amap.one, "ended");
  await partnership(amap.five, amap.one, "live");
  await db.update(s.amaps).set({ suspendedAt: new Date() }).where(eq(s.amaps.id, amap.five));

  people.two = await optedIn(amap.two);
  people.twoNoOptIn = await optedIn(amap.two, false);
  people.twoLeftOne = await optedIn(amap.two);
  await db.insert(s.partnerListDepartures).values({ userId: people.twoLeftOne, amapId: amap.one });
  people.three = await optedIn(amap.three);
  people.four = await optedIn(amap.four);
  people.five = await optedIn(amap.five);
  people.six = await optedIn(amap.six);

  // Someone who is member, intermittent and référent of AMAP one.
  const contract = await createContract(db, { amapId: amap.one });
  const everyRole = await createMember(db, { contractIds: [contract.id], isReferent: true, amapId: amap.one, email: uniqueEmail("tout") });
  await db.insert(s.intermittentMemberships).values({ amapId: amap.one, userId: everyRole.id, addedById: everyRole.id });
  people.everyRoleInOne = everyRole.id;
});

describe("an AMAP's settings", () => {
  it("are its own: another AMAP reads its own name and address, not the first's", async () => {
    const one = await getSettings(db, amap.one);
    const six = await getSettings(db, amap.six);
    expect(one).toMatchObject({ amapId: amap.one, amapName: "AMAP des Tilleuls", contactEmail: "tilleuls@example.org" });
    expect(six).toMatchObject({ amapId: amap.six, slug: "amap-six", amapName: "AMAP six" });
    expect(JSON.stringify(six)).not.toContain("tilleuls@example.org");
  });
});

describe("a person's roles", () => {
  it("are read in one AMAP: every role in the first, none in another", async () => {
    const [inOne] = await peopleWithRoles(db, eq(s.users.id, people.everyRoleInOne), amap.one);
    expect(rolesOf(inOne!)).toEqual(new Set(["member", "intermittent", "referent"]));
    for (const other of [amap.two, amap.six]) {
      const [elsewhere] = await peopleWithRoles(db, eq(s.users.id, people.everyRoleInOne), other);
      expect(rolesOf(elsewhere!)).toEqual(new Set());
    }
    // And the other way: the second AMAP's intermittent is nobody in the first.
    const [twoInOne] = await peopleWithRoles(db, eq(s.users.id, people.two), amap.one);
    expect(rolesOf(twoInOne!)).toEqual(new Set());
  });

  it("read by id through the prepared statement (every signed-in request), the same, AMAP by AMAP", async () => {
    for (const [userId, amapId] of [
      [people.everyRoleInOne, amap.one],
      [people.everyRoleInOne, amap.two],
      [people.everyRoleInOne, amap.six],
      [people.two, amap.one],
      [people.two, amap.two],
    ] as const) {
      const [read] = await peopleWithRoles(db, eq(s.users.id, userId), amapId);
      // Twice: the second run goes through the statement already prepared.
      for (let run = 0; run < 2; run++) expect(await personWithRolesById(db, userId, amapId)).toEqual(read);
    }
    expect(rolesOf((await personWithRolesById(db, people.everyRoleInOne, amap.one))!)).toEqual(new Set(["member", "intermittent", "referent"]));
    expect(await personWithRolesById(db, "00000000-0000-0000-0000-000000000000", amap.one)).toBeNull();
  });
});

describe("partners", () => {
  it("an AMAP's partners are those of a live partnership, either side, not suspended", async () => {
    expect((await partnersOf(db, amap.one)).map((p) => p.id)).toEqual([amap.two]);
    expect((await partnersOf(db, amap.two)).map((p) => p.id)).toEqual([amap.one]);
    for (const other of [amap.three, amap.four, amap.six]) expect(await partnersOf(db, other)).toEqual([]);
  });

  it("another AMAP's intermittents reach the first's baskets only through a live partner, opted in, not departed", async () => {
    const expected: Record<string, number | null> = {
      [people.two]: amap.two,
      [people.twoNoOptIn]: null,
      [people.twoLeftOne]: null,
      [people.three]: null,
      [people.four]: null,
      [people.five]: null,
      [people.six]: null,
      [people.everyRoleInOne]: null,
    };
    for (const [userId, home] of Object.entries(expected)) expect(await partnerHomeOf(db, userId, amap.one), userId).toBe(home);
    // The same as a condition on a query.
    const receivers = await db
      .select({ id: s.users.id })
      .from(s.users)
      .where(and(inArray(s.users.id, Object.keys(expected)), receivesAsPartner(sql`${s.users}.id`, amap.one)));
    expect(receivers.map((r) => r.id)).toEqual([people.two]);
    // The first AMAP's baskets reach nobody of the second the other way round, and no AMAP reaches an unrelated one's.
    expect(await partnerHomeOf(db, people.everyRoleInOne, amap.six)).toBeNull();
    expect(await partnerHomeOf(db, people.two, amap.three)).toBeNull();
  });

  it("the partnerships an AMAP sees are those touching it; live ones are accepted and not ended", async () => {
    const rows = (amapId: number) =>
      db
        .select({ a: s.amapPartnerships.amapId, b: s.amapPartnerships.partnerAmapId, live: partnershipIsLive })
        .from(s.amapPartnerships)
        .where(partnershipsTouching(amapId))
        .orderBy(asc(s.amapPartnerships.id));
    expect(await rows(amap.one)).toEqual([
      { a: amap.one, b: amap.two, live: true },
      { a: amap.three, b: amap.one, live: false },
      { a: amap.five, b: amap.one, live: true },
    ]);
    expect(await rows(amap.three)).toEqual([{ a: amap.three, b: amap.one, live: false }]);
    expect(await rows(amap.four)).toEqual([]);
    expect(await rows(amap.six)).toEqual([]);
    const livePartnersOfSix = await db.select({ id: s.amaps.id }).from(s.amaps).where(livePartnershipWith(amap.six));
    expect(livePartnersOfSix).toEqual([]);
  });
});

describe("no role, no partner", () => {
  it("someone of no AMAP holds nothing anywhere", async () => {
    const nobody = await createUser(db, { email: uniqueEmail("personne") });
    for (const amapId of Object.values(amap)) {
      const [person] = await peopleWithRoles(db, eq(s.users.id, nobody.id), amapId);
      expect(rolesOf(person!)).toEqual(new Set());
      expect(await partnerHomeOf(db, nobody.id, amapId)).toBeNull();
    }
  });
});
