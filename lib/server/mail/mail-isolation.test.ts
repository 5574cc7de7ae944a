// The pieces every mail handler reads, per AMAP (issue 13, DESIGN.md §11): a
// distribution is found only in its own AMAP, and a person is « on the list »
// only of the AMAP whose list they are on — another AMAP's handler finds
// nothing, so its mail is dropped.
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { createAmap, createContract, createDistribution, createIntermittent, createPlace, uniqueEmail } from "@/db/factories";
import { firstAmapId } from "@/db/queries";
import type * as s from "@/db/schema";
import { addDays, parisDate } from "@/lib/domain/time";
import { isActiveIntermittent, loadDistribution, onTheList } from "./parts";

let db: Db;
let amap1: number;
let amap2: number;
let distribution1: s.Distribution;
let distribution2: s.Distribution;
let intermittent1: s.User;
let intermittent2: s.User;

beforeAll(async () => {
  db = await getDb();
  amap1 = await firstAmapId(db);
  amap2 = (await createAmap(db, { slug: "voisins", name: "AMAP des Voisins" })).id;
  const day = addDays(parisDate(new Date()), 5);
  for (const amapId of [amap1, amap2]) {
    const place = await createPlace(db, { amapId, name: `Lieu ${amapId}`, address: `${amapId} rue de l'AMAP` });
    const contract = await createContract(db, { amapId });
    const distribution = await createDistribution(db, { placeId: place.id, date: day, contractIds: [contract.id] });
    const intermittent = await createIntermittent(db, { amapId, email: uniqueEmail("liste"), phone: "06 55 55 55 55" });
    if (amapId === amap1) [distribution1, intermittent1] = [distribution, intermittent];
    else [distribution2, intermittent2] = [distribution, intermittent];
  }
});

describe("mail parts of another AMAP", () => {
  it("a distribution is found in its AMAP only", async () => {
    expect(await loadDistribution(db, distribution1.id, amap1)).toMatchObject({ place: { name: `Lieu ${amap1}` } });
    expect(await loadDistribution(db, distribution1.id, amap2)).toBeNull();
    expect(await loadDistribution(db, distribution2.id, amap1)).toBeNull();
    expect(await loadDistribution(db, distribution2.id, amap2)).toMatchObject({ place: { name: `Lieu ${amap2}` } });
  });

  it("a person is on the list of their AMAP only", async () => {
    expect(await isActiveIntermittent(db, intermittent1.id, amap1)).toBe(true);
    expect(await isActiveIntermittent(db, intermittent1.id, amap2)).toBe(false);
    expect(await onTheList(db, intermittent1.id, amap2)).toBeNull();
    expect(await onTheList(db, intermittent2.id, amap1)).toBeNull();
    expect(await onTheList(db, intermittent2.id, amap2)).toMatchObject({ email: intermittent2.email });
  });
});
