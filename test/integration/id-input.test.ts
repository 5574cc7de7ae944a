// Ids in forms are decimal digits only (lib/domain/ids.ts): Number() would
// read "0x10" as 16, and a forged « Réserver » reserved offer 16 (issue 10).
// Offers 10 and 16 exist here; every other spelling of them is refused with
// the French message, and nothing is reserved.
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { reserveAction } from "@/app/paniers/actions";
import { getDb, type Db } from "@/db/client";
import { addToIntermittents, createContract, createDistribution, createPlace, createSubscription, createUser } from "@/db/factories";
import * as s from "@/db/schema";
import { addDays, parisDate } from "@/lib/domain/time";
import { fr } from "@/lib/i18n/fr";
import { viewerForUser } from "@/lib/server/auth/auth";
import { createOffers } from "@/lib/server/exchange/offers";

const session = vi.hoisted(() => ({ viewer: null as unknown }));
vi.mock("@/lib/server/auth/auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/server/auth/auth")>()),
  getViewer: async () => session.viewer,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
// A short address (no AMAP named by it): the actions' redirects stay short (inRequestSpace).
vi.mock("next/headers", () => ({ headers: async () => new Headers(), cookies: async () => ({ get: () => undefined }) }));

let db: Db;

/** An offer of its own member, given the id `id` (the sequence is set just before). */
async function offerWithId(id: number, contractId: number, distributionId: number) {
  const member = await createUser(db, {});
  const sub = await createSubscription(db, { userId: member.id, contractId });
  await db.execute(sql`select setval(pg_get_serial_sequence('offers', 'id'), ${id - 1})`);
  const offered = await createOffers((await viewerForUser(db, member.id))!, { distributionIds: [distributionId], subscriptionIds: [sub.id], message: "", autoAccept: false });
  if (!offered.ok) throw new Error(offered.refusal);
  expect(offered.value.offerIds).toEqual([id]);
}

async function reserve(offerId: string) {
  const form = new FormData();
  form.set("offerId", offerId);
  try {
    return await reserveAction({ status: "idle" }, form);
  } catch (error) {
    const digest = (error as { digest?: unknown }).digest;
    if (typeof digest === "string" && digest.startsWith("NEXT_REDIRECT")) return { redirect: digest.split(";")[2] };
    throw error;
  }
}

beforeAll(async () => {
  db = await getDb();
  const place = await createPlace(db, { name: "Salle des fêtes" });
  const veg = await createContract(db, { product: "Légumes", size: "grand panier", unitPriceCents: 2200 });
  const distribution = await createDistribution(db, { placeId: place.id, date: addDays(parisDate(new Date()), 9), contractIds: [veg.id] });
  await offerWithId(10, veg.id, distribution.id);
  await offerWithId(16, veg.id, distribution.id);
  const ines = await createUser(db, { firstName: "Inès" });
  await addToIntermittents(db, { userId: ines.id });
  session.viewer = await viewerForUser(db, ines.id);
});

describe("an offer id in a form", () => {
  it.each(["0x10", "1e1", " 16", "16 ", "16.0", "+16", "０１", "１６", "0b10000", "16,0"])("%j is refused in French, nothing reserved", async (raw) => {
    expect(await reserve(raw)).toEqual({ status: "error", message: fr.exchange.invalidInput });
    expect(await db.select().from(s.reservations)).toEqual([]);
  });

  it("in decimal digits, reserves that offer", async () => {
    expect(await reserve("16")).toEqual({ redirect: expect.stringMatching(/^\/paniers\?ok=/) });
    const reserved = await db.select({ offerId: s.reservations.offerId }).from(s.reservations).where(eq(s.reservations.status, "pending"));
    expect(reserved).toEqual([{ offerId: 16 }]);
  });
});
