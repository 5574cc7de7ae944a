// Roles are per AMAP (issue 13, DESIGN.md §11): a person who is member,
// intermittent and référent of AMAP 1 holds none of those roles as a viewer of
// AMAP 2, and a référent of AMAP 2 is no référent of AMAP 1 — neither for
// `isReferent`, which every admin command asks in its transaction, nor for
// `referentRead`, which runs every admin read. `hasRole` reads the viewer's
// roles, built in its AMAP; sessions (and « Me déconnecter partout ») are the
// person's, across AMAPs.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { addToIntermittents, createAmap, createContract, createMember, createUser } from "@/db/factories";
import * as s from "@/db/schema";
import { firstAmapId } from "@/db/queries";
import { viewerOf } from "@/test/exchange-fixtures";
import { hasRole, loadRoles } from "./auth";
import { isReferent, referentRead } from "./referent";

let db: Db;
let amap1: number;
let amap2: number;
let everything1: s.User;
let referent2: s.User;

beforeAll(async () => {
  db = await getDb();
  amap1 = await firstAmapId(db);
  amap2 = (await createAmap(db, { slug: "lilas", name: "AMAP des Lilas" })).id;
  // Member, intermittent and référent of AMAP 1.
  const contract1 = await createContract(db, { amapId: amap1 });
  everything1 = await createMember(db, { contractIds: [contract1.id], isReferent: true, amapId: amap1, firstName: "Rose" });
  await addToIntermittents(db, { userId: everything1.id, amapId: amap1 });
  // Référent of AMAP 2 only.
  referent2 = await createUser(db, { isReferent: true, amapId: amap2, firstName: "Lina" });
});

/** Runs a référent read, telling whether it ran. */
async function readRuns(viewer: Parameters<typeof referentRead>[0]) {
  let ran = false;
  const answer = await referentRead(viewer, async () => {
    ran = true;
    return "lu";
  });
  return { answer, ran };
}

describe("roles per AMAP", () => {
  it("a person with every role in AMAP 1 holds them there", async () => {
    const viewer = await viewerOf(db, everything1.id, amap1);
    expect(viewer.amapId).toBe(amap1);
    expect([...viewer.roles].sort()).toEqual(["intermittent", "member", "referent"]);
    for (const role of ["member", "intermittent", "referent"] as const) expect(hasRole(viewer, role)).toBe(true);
    expect(await isReferent(db, viewer)).toBe(true);
    expect(await readRuns(viewer)).toEqual({ answer: "lu", ran: true });
  });

  it("and holds none of them as a viewer of AMAP 2", async () => {
    const viewer = await viewerOf(db, everything1.id, amap2);
    expect(viewer.amapId).toBe(amap2);
    expect(viewer.roles.size).toBe(0);
    for (const role of ["member", "intermittent", "referent"] as const) expect(hasRole(viewer, role)).toBe(false);
    expect((await loadRoles(db, everything1.id, amap2)).size).toBe(0);
    expect(await isReferent(db, viewer)).toBe(false);
    expect(await readRuns(viewer)).toEqual({ answer: null, ran: false });
  });

  it("a référent of AMAP 2 is a référent there and not in AMAP 1", async () => {
    const inLilas = await viewerOf(db, referent2.id, amap2);
    expect([...inLilas.roles]).toEqual(["referent"]);
    expect(await isReferent(db, inLilas)).toBe(true);
    expect(await readRuns(inLilas)).toEqual({ answer: "lu", ran: true });

    const inTilleuls = await viewerOf(db, referent2.id, amap1);
    expect(inTilleuls.roles.size).toBe(0);
    expect(hasRole(inTilleuls, "referent")).toBe(false);
    expect(await isReferent(db, inTilleuls)).toBe(false);
    expect(await readRuns(inTilleuls)).toEqual({ answer: null, ran: false });
  });

  it("no viewer, no référent", async () => {
    expect(await isReferent(db, null)).toBe(false);
    expect(await readRuns(null)).toEqual({ answer: null, ran: false });
  });
});
