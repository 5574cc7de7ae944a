import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { createUser, uniqueEmail } from "@/db/factories";
import { firstAmapId } from "@/db/queries";
import * as s from "@/db/schema";
import { checkNewAmap, suggestSlug } from "@/lib/domain/network";
import { parisDate } from "@/lib/domain/time";
import { isReferent } from "../auth";
import { openOffer, vegetablesContract, viewerOf } from "@/test/exchange-fixtures";
import { createNetworkAmap, readNetwork, setAmapSuspended } from "./network";

let db: Db;
beforeAll(async () => {
  db = await getDb();
});

async function networkAdmin() {
  const user = await createUser(db, { email: uniqueEmail("reseau") });
  await db.update(s.users).set({ isNetworkAdmin: true }).where(eq(s.users.id, user.id));
  return viewerOf(db, user.id);
}

const tableCounts = async () =>
  Promise.all([s.amaps, s.settings, s.amapReferents, s.users, s.events].map(async (t) => (await db.select({ n: count() }).from(t))[0]!.n));

describe("the network's administrator", () => {
  it("is the only one who creates or suspends an AMAP or reads the network: a référent cannot, nothing is written", async () => {
    const referent = await viewerOf(db, (await createUser(db, { isReferent: true })).id);
    const before = await tableCounts();
    expect(await createNetworkAmap(referent, { name: "AMAP du Marché", slug: "marche-x", referentEmails: "lea@test.local" })).toEqual({
      ok: false,
      refusal: "not_network_admin",
    });
    expect(await setAmapSuspended(referent, await firstAmapId(db), true)).toEqual({ ok: false, refusal: "not_network_admin" });
    expect(await readNetwork(referent, "2026-12")).toBeNull();
    expect(await readNetwork(null, "2026-12")).toBeNull();
    expect(await tableCounts()).toEqual(before);
  });

  it("creates an AMAP with its settings and first référents, who keep their one account and are référents there only", async () => {
    const admin = await networkAdmin();
    const known = await createUser(db, { email: uniqueEmail("known"), firstName: "Léa" });
    const fresh = uniqueEmail("fresh");
    const created = await createNetworkAmap(admin, { name: "  AMAP   du Marché ", slug: "marche", referentEmails: `${known.email.toUpperCase()}, ${fresh}` });
    expect(created).toMatchObject({ ok: true, value: { slug: "marche" } });
    if (!created.ok) return;
    const { amapId, referentIds } = created.value;
    expect(referentIds[0]).toBe(known.id);
    const [settings] = await db.select().from(s.settings).where(eq(s.settings.amapId, amapId));
    expect(settings).toMatchObject({ amapName: "AMAP du Marché", contactEmail: known.email });
    expect(await db.select({ n: count() }).from(s.users).where(eq(s.users.email, fresh))).toEqual([{ n: 1 }]);
    // Référent of the new AMAP, not of the first.
    expect(await isReferent(db, await viewerOf(db, known.id, amapId))).toBe(true);
    expect(await isReferent(db, await viewerOf(db, known.id, await firstAmapId(db)))).toBe(false);
    const [event] = await db.select().from(s.events).where(eq(s.events.action, "amap.create"));
    expect(event).toMatchObject({ amapId, actorId: admin.userId });
  });

  it("refuses a taken address and a faulty form, naming the fields, and writes nothing", async () => {
    const admin = await networkAdmin();
    expect(await createNetworkAmap(admin, { name: "AMAP des Champs", slug: "champs", referentEmails: uniqueEmail("champs") })).toMatchObject({ ok: true });
    const before = await tableCounts();
    expect(await createNetworkAmap(admin, { name: "Autre", slug: "champs", referentEmails: "a@test.local" })).toEqual({
      ok: false,
      refusal: "slug_taken",
      fields: ["slug"],
    });
    expect(await createNetworkAmap(admin, { name: "", slug: "paniers", referentEmails: "pas-une-adresse" })).toEqual({
      ok: false,
      refusal: "invalid",
      fields: ["name", "slug", "referentEmails"],
    });
    expect(await tableCounts()).toEqual(before);
  });

  it("suspends an AMAP and opens it again", async () => {
    const admin = await networkAdmin();
    const created = await createNetworkAmap(admin, { name: "AMAP des Prés", slug: "pres", referentEmails: uniqueEmail("pres") });
    if (!created.ok) throw new Error("not created");
    expect(await setAmapSuspended(admin, created.value.amapId, true)).toEqual({ ok: true, value: null });
    const [row] = await db.select().from(s.amaps).where(eq(s.amaps.id, created.value.amapId));
    expect(row!.suspendedAt).not.toBeNull();
    expect(await setAmapSuspended(admin, created.value.amapId, false)).toEqual({ ok: true, value: null });
    expect(await setAmapSuspended(admin, 999_999, true)).toEqual({ ok: false, refusal: "not_found" });
  });

  it("reads each AMAP's numbers: members, intermittents, baskets offered, exchanged and lost in the month", async () => {
    const admin = await networkAdmin();
    const contract = await vegetablesContract(db);
    const alice = await openOffer(db, contract, { daysAhead: 3 });
    const month = parisDate(alice.distribution.startsAt).slice(0, 7);
    const rows = (await readNetwork(admin, month))!;
    const first = rows.find((r) => r.amapId === alice.distribution.amapId)!;
    expect(first.offered).toBeGreaterThanOrEqual(1);
    expect(first.members).toBeGreaterThanOrEqual(1);
    const marche = rows.find((r) => r.slug === "marche")!;
    expect(marche).toMatchObject({ members: 0, intermittents: 0, offered: 0, exchanged: 0, lost: 0, suspended: false });
  });
});

describe("the form", () => {
  it("suggests an address from the name", () => {
    expect(suggestSlug("AMAP des Tilleuls")).toBe("tilleuls");
    expect(suggestSlug("AMAP du Marché de Lyon")).toBe("marche-de-lyon");
    expect(suggestSlug("Les Paniers d'Œuvre")).toBe("les-paniers-d-oeuvre");
    expect(suggestSlug("AMAP Paniers")).toBe("");
  });

  it("takes one to five first référents, separated by commas, spaces or lines", () => {
    expect(checkNewAmap({ name: "A", slug: "a", referentEmails: "a@x.fr\nb@x.fr; a@x.fr" })).toEqual({
      ok: true,
      value: { name: "A", slug: "a", referentEmails: ["a@x.fr", "b@x.fr"] },
    });
    expect(checkNewAmap({ name: "A", slug: "a", referentEmails: "1@x.fr 2@x.fr 3@x.fr 4@x.fr 5@x.fr 6@x.fr" })).toMatchObject({ ok: false });
  });
});
