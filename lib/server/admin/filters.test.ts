// The référents' search filters, straight into the queries: a NUL or another
// control character in `?q=` or `?amapien=` made Postgres refuse the query
// (a 500, and the query with its parameters in the log). Now the query
// functions refuse such text before the database, naming the character, and
// log nothing; a day that is not one is refused the same way.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb, type Db } from "@/db/client";
import { createContract, createDistribution, createPlace, createSubscription, createUser } from "@/db/factories";
import { addDays, parisDate } from "@/lib/domain/time";
import { viewerForUser, type Viewer } from "../auth/auth";
import { createOffers } from "../exchange/offers";
import { listMembers } from "./members/members";
import { listAdminOffers } from "./offers";

let db: Db;
let referent: Viewer;
let logged: unknown[][];

beforeAll(async () => {
  db = await getDb();
  referent = (await viewerForUser(db, (await createUser(db, { isReferent: true, firstName: "Rose" })).id))!;
  const alice = await createUser(db, { firstName: "Alice", lastName: "Martin" });
  const place = await createPlace(db, { name: "Salle des fêtes" });
  const veg = await createContract(db, { product: "Légumes", size: "grand panier", unitPriceCents: 2200 });
  const distribution = await createDistribution(db, { placeId: place.id, date: addDays(parisDate(new Date()), 9), contractIds: [veg.id] });
  const sub = await createSubscription(db, { userId: alice.id, contractId: veg.id });
  const offered = await createOffers((await viewerForUser(db, alice.id))!, { distributionIds: [distribution.id], subscriptionIds: [sub.id], message: "", autoAccept: false });
  if (!offered.ok) throw new Error(offered.refusal);
});

function watchLog() {
  logged = [];
  for (const level of ["log", "warn", "error"] as const) vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args));
}
afterEach(() => vi.restoreAllMocks());

const HOSTILE: [string, string][] = [
  ["\u0000", "U+0000"],
  ["Alice\u0000", "U+0000"],
  ["\u001b[31m", "U+001B"],
  ["Ali\u2028ce", "U+2028"],
  ["\u202eecilA", "U+202E"],
];

describe("the members' search", () => {
  it.each(HOSTILE)("refuses %j before the database, naming %s, and logs nothing", async (q, codePoint) => {
    watchLog();
    expect(await listMembers(referent, q)).toEqual({ members: [], truncated: false, refusedCharacter: codePoint });
    expect(logged).toEqual([]);
  });

  it("still finds people by a plain search", async () => {
    const list = await listMembers(referent, "  martin ");
    expect(list?.members.map((m) => m.fullName)).toEqual(["Alice Martin"]);
    expect(list?.refusedCharacter).toBeUndefined();
  });
});

describe("the offers' filters", () => {
  it.each(HOSTILE)("refuse %j as a member or an intermittent before the database, and log nothing", async (text, codePoint) => {
    watchLog();
    expect(await listAdminOffers(referent, { member: text })).toEqual({ offers: [], more: false, problems: [{ field: "member", codePoint }] });
    expect(await listAdminOffers(referent, { intermittent: text })).toEqual({ offers: [], more: false, problems: [{ field: "intermittent", codePoint }] });
    expect(logged).toEqual([]);
  });

  it.each(["2027-02-30", "2027-13-01", "0000-00-00", "9999-99-99", "2027-03-28\u0000"])("refuse the day %j", async (day) => {
    watchLog();
    expect(await listAdminOffers(referent, { from: day, to: day })).toEqual({ offers: [], more: false, problems: [{ field: "from" }, { field: "to" }] });
    expect(logged).toEqual([]);
  });

  it("still filter by a plain name and real days", async () => {
    const today = parisDate(new Date());
    const list = await listAdminOffers(referent, { member: "alice", from: today, to: addDays(today, 30) });
    expect(list?.problems).toEqual([]);
    expect(list?.offers.map((o) => o.memberName)).toEqual(["Alice Martin"]);
  });
});
