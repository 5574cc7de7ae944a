// What /paniers lists, against a real database: whose offers, in what order,
// a page at a time, and the page an email link (?offre=) lands on.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { createContract, createDistribution, createIntermittent, createMember, createPlace } from "@/db/factories";
import * as s from "@/db/schema";
import { addDays, parisDate } from "@/lib/domain/time";
import { seedOffer } from "@/test/seed-offer";
import { viewerForUser, type Viewer } from "../auth/auth";
import { BASKETS_PAGE_SIZE, listAvailableBaskets } from "./baskets-page";
import { firstAmapId } from "@/db/queries";

let db: Db;
let reader: Viewer;
/** Listed offers in the page's order: by distribution, then by offer. */
const listed: number[] = [];
const notListed: Record<"exchanged" | "cancelledDistribution" | "past" | "own" | "cancelled" | "mineAccepted", number> = {
  exchanged: 0,
  cancelledDistribution: 0,
  past: 0,
  own: 0,
  cancelled: 0,
  mineAccepted: 0,
};
/** What /paniers?offre= says of each offer no longer listed. */
const said: Record<keyof typeof notListed | "unknown", string> = {
  exchanged: "taken",
  cancelledDistribution: "distribution_cancelled",
  past: "past",
  own: "own_offer",
  cancelled: "cancelled",
  mineAccepted: "mine_accepted",
  unknown: "gone",
};
/** Listed, reserved by someone else: the reader may join the queue. */
let reservedByOther = 0;
const MEMBERS = 12;

beforeAll(async () => {
  db = await getDb();
  const place = await createPlace(db);
  const veg = await createContract(db);
  const today = parisDate(new Date());
  const at = (days: number, start = "18:30") =>
    createDistribution(db, { placeId: place.id, date: addDays(today, days), start, end: "20:00", contractIds: [veg.id] });
  // Created out of date order, so the order shown is the distributions', not the ids'.
  const later = await at(10);
  const sooner = await at(3);
  const latest = await at(17);
  const cancelled = await at(5);
  await db.update(s.distributions).set({ cancelledAt: new Date() }).where(eq(s.distributions.id, cancelled.id));
  const past = await at(-2);

  const readerRow = await createIntermittent(db, { firstName: "Inès" });
  const members = [];
  for (let i = 0; i < MEMBERS; i++) members.push(await createMember(db, { firstName: `Membre${i}`, contractIds: [veg.id] }));
  // The reader is also a member here: their own offer is never listed to them.
  const readerAsMember = await createMember(db, { firstName: "Lucie", contractIds: [veg.id] });
  await db.insert(s.intermittentMemberships).values({ amapId: await firstAmapId(db), userId: readerAsMember.id, addedById: readerAsMember.id });
  reader = (await viewerForUser(db, readerAsMember.id))!;

  const byDistribution: Record<number, number[]> = {};
  for (const distribution of [later, sooner, latest]) {
    for (const member of members) {
      const { offerId } = await seedOffer(db, {
        memberId: member.id,
        distribution,
        status: member === members[0] ? "reserved" : "open",
        reservations: member === members[0] ? [{ intermittentId: readerRow.id, status: "pending" }, { intermittentId: reader.userId, status: "queued" }] : [],
      });
      (byDistribution[distribution.id] ??= []).push(offerId);
    }
  }
  listed.push(...byDistribution[sooner.id]!, ...byDistribution[later.id]!, ...byDistribution[latest.id]!);

  notListed.own = (await seedOffer(db, { memberId: reader.userId, distribution: sooner, status: "open" })).offerId;
  const extra = await createMember(db, { firstName: "Zoé", contractIds: [veg.id] });
  notListed.exchanged = (
    await seedOffer(db, { memberId: extra.id, distribution: sooner, status: "exchanged", reservations: [{ intermittentId: readerRow.id, status: "accepted" }] })
  ).offerId;
  notListed.cancelledDistribution = (await seedOffer(db, { memberId: extra.id, distribution: cancelled, status: "open" })).offerId;
  notListed.past = (await seedOffer(db, { memberId: extra.id, distribution: past, status: "open" })).offerId;
  notListed.cancelled = (await seedOffer(db, { memberId: extra.id, distribution: later, status: "cancelled" })).offerId;
  notListed.mineAccepted = (
    await seedOffer(db, { memberId: extra.id, distribution: later, status: "exchanged", reservations: [{ intermittentId: reader.userId, status: "accepted" }] })
  ).offerId;
  // The latest distribution's last offer (the highest id): the last one listed.
  reservedByOther = (
    await seedOffer(db, { memberId: extra.id, distribution: latest, status: "reserved", reservations: [{ intermittentId: readerRow.id, status: "pending" }] })
  ).offerId;
  listed.push(reservedByOther);
});

const idsOf = (page: Awaited<ReturnType<typeof listAvailableBaskets>>) => page.groups.flatMap((g) => g.offers.map((o) => o.offerId));

describe("/paniers", () => {
  it("lists others' open and reserved offers of distributions to come, by distribution then offer, a page at a time", async () => {
    expect(listed).toHaveLength(3 * MEMBERS + 1);
    const pageCount = Math.ceil(listed.length / BASKETS_PAGE_SIZE);
    const seen: number[] = [];
    for (let page = 1; page <= pageCount; page++) {
      const result = await listAvailableBaskets(reader, { page });
      expect(result).toMatchObject({ total: listed.length, page, pageCount, focus: null });
      seen.push(...idsOf(result));
    }
    expect(seen).toEqual(listed);
    const first = await listAvailableBaskets(reader);
    expect(idsOf(first)).toEqual(listed.slice(0, BASKETS_PAGE_SIZE));
  });

  it("tells the reader where they stand in a line, and how long the line is", async () => {
    const { groups } = await listAvailableBaskets(reader);
    const reserved = groups[0]!.offers.find((o) => o.offerId === listed[0])!;
    expect(reserved).toMatchObject({ status: "reserved", queueLength: 2, mine: { status: "queued", position: 1 } });
    expect(groups[0]!.offers.find((o) => o.offerId === listed[1])).toMatchObject({ status: "open", queueLength: 0, mine: null });
  });

  it("a page past the end is empty but still counts what there is", async () => {
    const result = await listAvailableBaskets(reader, { page: 99 });
    expect(result).toMatchObject({ groups: [], total: listed.length, page: 99 });
  });

  it("?offre= lands on the page that offer is on, whatever page was asked for", async () => {
    for (const index of [0, BASKETS_PAGE_SIZE - 1, BASKETS_PAGE_SIZE, listed.length - 2]) {
      const offerId = listed[index]!;
      const result = await listAvailableBaskets(reader, { offerId, page: 7 });
      expect(result.page, `offer #${index + 1}`).toBe(Math.floor(index / BASKETS_PAGE_SIZE) + 1);
      expect(idsOf(result)).toContain(offerId);
      // Open, or reserved with the reader already in line: the card says it all.
      expect(result.focus).toBeNull();
    }
  });

  it("?offre= of an offer reserved by someone else lands on its page and says the reader may join the queue", async () => {
    const result = await listAvailableBaskets(reader, { offerId: reservedByOther });
    expect(idsOf(result)).toContain(reservedByOther);
    expect(result.focus).toEqual({ kind: "reserved", memberFirstName: "Zoé" });
  });

  it("?offre= of an offer no longer listed (taken, cancelled, on a cancelled or past distribution, one's own, the reader's, unknown) says what happened and shows the page asked for", async () => {
    for (const [why, offerId] of [...Object.entries(notListed), ["unknown", 2_000_000_000] as const]) {
      const result = await listAvailableBaskets(reader, { offerId, page: 2 });
      expect(result, why).toMatchObject({ focus: { kind: "gone", why: said[why as keyof typeof said] }, page: 2, total: listed.length });
      expect(idsOf(result), why).not.toContain(offerId);
    }
  });
});
