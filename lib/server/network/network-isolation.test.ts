// The network's administration across AMAPs (issue 13, DESIGN.md §11): a
// référent, member or intermittent of any AMAP — of the AMAP at stake
// included — is no network administrator (nothing read, nothing written),
// and the welcome mail of a new AMAP's référent is that AMAP's: run as
// another AMAP's, it is dropped.
import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { createAmap, createContract, createIntermittent, createMember, createUser, uniqueEmail } from "@/db/factories";
import { firstAmapId } from "@/db/queries";
import * as s from "@/db/schema";
import { viewerOf } from "@/test/exchange-fixtures";
import type { Viewer } from "../auth";
import { createNetworkAmap, isNetworkAdmin, readNetwork, setAmapSuspended } from "./network";
import { networkMailHandlers } from "./network-mail";

let db: Db;
let amap1: number;
let amap2: number;
/** A référent, a member and an intermittent of each AMAP, as they act in it. */
const actors: Viewer[] = [];

beforeAll(async () => {
  db = await getDb();
  amap1 = await firstAmapId(db);
  amap2 = (await createAmap(db, { slug: "voisins", name: "AMAP des Voisins" })).id;
  for (const amapId of [amap1, amap2]) {
    const contract = await createContract(db, { amapId });
    const referent = await createUser(db, { isReferent: true, amapId, email: uniqueEmail("referent") });
    const member = await createMember(db, { contractIds: [contract.id], email: uniqueEmail("membre") });
    const intermittent = await createIntermittent(db, { amapId, email: uniqueEmail("intermittent") });
    for (const user of [referent, member, intermittent]) actors.push(await viewerOf(db, user.id, amapId));
  }
});

const counts = () => Promise.all([s.amaps, s.settings, s.amapReferents, s.users, s.events, s.outbox].map(async (t) => (await db.select({ n: count() }).from(t))[0]!.n));

describe("the network's administration, for the people of its AMAPs", () => {
  it("refuses every AMAP's référent, member and intermittent: nothing read, nothing written", async () => {
    const before = await counts();
    for (const viewer of actors) {
      expect(await isNetworkAdmin(db, viewer)).toBe(false);
      expect(await readNetwork(viewer, "2026-12")).toBeNull();
      expect(await createNetworkAmap(viewer, { name: "AMAP pirate", slug: "pirate", referentEmails: "pirate@test.local" })).toEqual({
        ok: false,
        refusal: "not_network_admin",
      });
      for (const amapId of [amap1, amap2]) {
        expect(await setAmapSuspended(viewer, amapId, true)).toEqual({ ok: false, refusal: "not_network_admin" });
      }
    }
    expect(await counts()).toEqual(before);
  });

  it("a new AMAP's welcome mail is written in that AMAP and dropped in any other", async () => {
    const admin = await createUser(db, { email: uniqueEmail("reseau") });
    await db.update(s.users).set({ isNetworkAdmin: true }).where(eq(s.users.id, admin.id));
    const created = await createNetworkAmap(await viewerOf(db, admin.id), { name: "AMAP du Marché", slug: "marche", referentEmails: uniqueEmail("lea") });
    if (!created.ok) throw new Error(created.refusal);
    const [welcome] = await db.select().from(s.outbox).where(eq(s.outbox.kind, "amap-welcome"));
    expect(welcome).toMatchObject({ amapId: created.value.amapId });
    const payload = welcome!.payload as { url: string; userId: string };
    expect(await networkMailHandlers["amap-welcome"](payload, db, created.value.amapId)).not.toBeNull();
    for (const other of [amap1, amap2]) expect(await networkMailHandlers["amap-welcome"](payload, db, other)).toBeNull();
  });
});
