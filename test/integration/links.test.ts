// Email links: tampered, expired, reused and foreign tokens change nothing;
// opening a link (GET, HEAD) changes nothing; the RFC 8058 one-click POST
// works without a cookie.
import { and, count, eq, isNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as unsubscribeGet, POST as unsubscribePost } from "@/app/api/desinscription/[token]/route";
import { getDb, type Db } from "@/db/client";
import { addToIntermittents, createAmap, createIntermittent } from "@/db/factories";
import { firstAmapId } from "@/db/queries";
import { getSettings } from "@/lib/server/core/settings";
import * as s from "@/db/schema";
import { openOffer, vegetablesContract, viewerOf } from "@/test/exchange-fixtures";
import { describeLink, performLink } from "@/lib/server/links/link-actions";
import { createLinkToken, unsubscribeLink, verifyLinkToken } from "@/lib/server/core/signed-links";
import { reserveOffer } from "@/lib/server/exchange/offers";

let db: Db;
let veg: s.Contract;

beforeAll(async () => {
  db = await getDb();
  veg = await vegetablesContract(db);
});

/** Alice's vegetables basket, offered for a distribution in four days. */
const alicesOffer = () => openOffer(db, veg, { daysAhead: 4, firstName: "Alice" });

const inAnHour = () => new Date(Date.now() + 3_600_000);

async function reservationsOf(offerId: number) {
  return db.select().from(s.reservations).where(eq(s.reservations.offerId, offerId));
}

async function tally() {
  const rows = await Promise.all(
    [s.reservations, s.events, s.outbox, s.usedLinks, s.intermittentMemberships].map((t) => db.select({ n: count() }).from(t)),
  );
  return rows.map((r) => r[0]!.n);
}

describe("link tokens", () => {
  it("verify only untouched, unexpired tokens", () => {
    const token = createLinkToken({ userId: "u1", action: "reserve", objectId: 42, expiresAt: inAnHour() });
    const check = verifyLinkToken(token);
    expect(check).toMatchObject({ ok: true, claims: { userId: "u1", action: "reserve", objectId: 42 } });

    const [version, payload, signature] = token.split(".") as [string, string, string];
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, "base64url").toString()), o: 43 })).toString("base64url");
    expect(verifyLinkToken(`${version}.${forged}.${signature}`)).toEqual({ ok: false, reason: "invalid" });
    expect(verifyLinkToken(`${version}.${payload}.${signature.slice(0, -2)}AA`)).toEqual({ ok: false, reason: "invalid" });
    expect(verifyLinkToken("v1.bad")).toEqual({ ok: false, reason: "invalid" });
    expect(verifyLinkToken("x".repeat(5000))).toEqual({ ok: false, reason: "invalid" });

    const expired = createLinkToken({ userId: "u1", action: "reserve", objectId: 42, expiresAt: new Date(Date.now() - 1000) });
    expect(verifyLinkToken(expired)).toEqual({ ok: false, reason: "expired" });
  });
});

describe("acting from a link", () => {
  it("opening it changes nothing; its button reserves once; a replay changes nothing", async () => {
    const { offerId } = await alicesOffer();
    const jules = await createIntermittent(db, { firstName: "Jules" });
    const token = createLinkToken({ userId: jules.id, action: "reserve", objectId: offerId, expiresAt: inAnHour() });

    const before = await tally();
    const view = await describeLink(token, null);
    expect(view).toMatchObject({ state: "ok", action: "reserve", recipientFirstName: "Jules", subject: { memberFirstName: "Alice" } });
    await describeLink(token, null);
    expect(await tally()).toEqual(before);

    expect(await performLink(token, null)).toEqual({ ok: true, outcome: "reserved" });
    const reservations = await reservationsOf(offerId);
    expect(reservations).toMatchObject([{ intermittentId: jules.id, status: "pending" }]);
    expect(await describeLink(token, null)).toEqual({ state: "used" });

    const afterUse = await tally();
    expect(await performLink(token, null)).toEqual({ ok: false, refusal: "link_used" });
    expect(await tally()).toEqual(afterUse);
  });

  it("tampered, expired and foreign links change nothing", async () => {
    const { offerId } = await alicesOffer();
    const jules = await createIntermittent(db);
    const other = await createIntermittent(db);
    const before = await tally();

    const good = createLinkToken({ userId: jules.id, action: "reserve", objectId: offerId, expiresAt: inAnHour() });
    const tampered = good.slice(0, -3) + (good.endsWith("A") ? "BBB" : "AAA");
    expect(await performLink(tampered, null)).toEqual({ ok: false, refusal: "invalid" });
    expect(await describeLink(tampered, null)).toEqual({ state: "invalid" });

    const expired = createLinkToken({ userId: jules.id, action: "reserve", objectId: offerId, expiresAt: new Date(Date.now() - 1) });
    expect(await performLink(expired, null)).toEqual({ ok: false, refusal: "expired" });

    // Someone signed in as another person opens Jules's link.
    const otherViewer = await viewerOf(db, other.id);
    expect(await describeLink(good, otherViewer)).toEqual({ state: "foreign" });
    expect(await performLink(good, otherViewer)).toEqual({ ok: false, refusal: "foreign" });

    expect(await tally()).toEqual(before);
    expect(await reservationsOf(offerId)).toEqual([]);
  });

  it("a refused action does not spend the link", async () => {
    const { offerId, user: alice } = await alicesOffer();
    // Alice's own offer: she cannot reserve it, and the link stays unused.
    const token = createLinkToken({ userId: alice.id, action: "reserve", objectId: offerId, expiresAt: inAnHour() });
    expect(await performLink(token, null)).toEqual({ ok: false, refusal: "own_offer" });
    expect(await describeLink(token, null)).toMatchObject({ state: "ok" });
  });

  it("the owner accepts from her link, acting as herself", async () => {
    const { offerId, user: alice } = await alicesOffer();
    const jules = await createIntermittent(db);
    await reserveOffer(await viewerOf(db, jules.id), offerId);
    const [reservation] = await reservationsOf(offerId);
    const token = createLinkToken({ userId: alice.id, action: "accept", objectId: reservation!.id, expiresAt: inAnHour() });
    expect(await describeLink(token, null)).toMatchObject({ state: "ok", action: "accept" });
    expect(await performLink(token, null)).toEqual({ ok: true, outcome: "accepted" });
    const [event] = await db
      .select()
      .from(s.events)
      .where(and(eq(s.events.offerId, offerId), eq(s.events.action, "reservation.accept")));
    expect(event!.actorId).toBe(alice.id);

    // Jules's accept link would act for Jules, who does not own the offer.
    const foreign = createLinkToken({ userId: jules.id, action: "decline", objectId: reservation!.id, expiresAt: inAnHour() });
    expect(await performLink(foreign, null)).toEqual({ ok: false, refusal: "not_found" });
  });
});

describe("one-click unsubscribe (RFC 8058)", () => {
  it("GET and HEAD lead to the confirmation page and change nothing; POST without a cookie unsubscribes and answers 200", async () => {
    const ines = await createIntermittent(db);
    const { headers } = unsubscribeLink(ines.id, await firstAmapId(db), "contact@amap.test");
    const url = /^<([^>]+)>/.exec(headers["List-Unsubscribe"])![1]!;
    const token = url.split("/").pop()!;
    const params = { params: Promise.resolve({ token }) };
    const before = await tally();

    const get = await unsubscribeGet(new Request(url), params);
    expect(get.status).toBe(303);
    expect(get.headers.get("location")).toBe(`http://localhost:3000/lien/${token}`);
    expect(await tally()).toEqual(before);

    const post = await unsubscribePost(
      new Request(url, { method: "POST", body: "List-Unsubscribe=One-Click", headers: { "Content-Type": "application/x-www-form-urlencoded" } }),
      params,
    );
    expect(post.status).toBe(200);
    expect(post.headers.get("location")).toBeNull();
    // It names the AMAP whose list it left.
    expect(await post.text()).toMatch(new RegExp(`^Vous ne recevrez plus les paniers d.+${(await getSettings(db, await firstAmapId(db))).amapName}\\.$`));
    const [membership] = await db.select().from(s.intermittentMemberships).where(eq(s.intermittentMemberships.userId, ines.id));
    expect(membership!.leftAt).toBeInstanceOf(Date);
    const mails = await db.select().from(s.outbox).where(and(eq(s.outbox.recipient, ines.email), eq(s.outbox.kind, "list-left")));
    expect(mails).toHaveLength(1);

    // A mail client posting twice: still 200, nothing more written.
    const again = await unsubscribePost(new Request(url, { method: "POST", body: "List-Unsubscribe=One-Click" }), params);
    expect(again.status).toBe(200);
    expect(await db.select().from(s.outbox).where(and(eq(s.outbox.recipient, ines.email), eq(s.outbox.kind, "list-left")))).toHaveLength(1);
  });

  it("refuses a token made for another action", async () => {
    const ines = await createIntermittent(db);
    const reserve = createLinkToken({ userId: ines.id, action: "reserve", objectId: 1, expiresAt: inAnHour() });
    const response = await unsubscribePost(new Request("http://localhost:3000/x", { method: "POST" }), {
      params: Promise.resolve({ token: reserve }),
    });
    expect(response.status).toBe(400);
    const [membership] = await db.select().from(s.intermittentMemberships).where(eq(s.intermittentMemberships.userId, ines.id));
    expect(membership!.leftAt).toBeNull();
  });
});

describe("an unsubscribe link names its AMAP", () => {
  async function stays(userId: string) {
    const rows = await db
      .select({ amapId: s.intermittentMemberships.amapId })
      .from(s.intermittentMemberships)
      .where(and(eq(s.intermittentMemberships.userId, userId), isNull(s.intermittentMemberships.leftAt)));
    return rows.map((r) => r.amapId).sort((a, b) => a - b);
  }

  it("leaves that AMAP's list only: on two AMAPs' lists, the person stays on the other", async () => {
    const home = await firstAmapId(db);
    const marche = await createAmap(db, { slug: `marche-lien-${Date.now()}`, name: "AMAP du Marché" });
    const ines = await createIntermittent(db, { firstName: "Inès" });
    await addToIntermittents(db, { userId: ines.id, amapId: marche.id });
    expect(await stays(ines.id)).toEqual([home, marche.id].sort((a, b) => a - b));

    const { url } = unsubscribeLink(ines.id, marche.id, "contact@marche.test");
    const token = decodeURIComponent(url.split("/").pop()!);
    const view = await describeLink(token, null);
    expect(view).toMatchObject({ state: "ok", action: "unsubscribe", amapName: "AMAP du Marché", standing: { ready: true } });

    expect(await performLink(token, null)).toEqual({ ok: true, outcome: "unsubscribed", space: marche.slug });
    expect(await stays(ines.id)).toEqual([home]);
    const [left] = await db
      .select()
      .from(s.outbox)
      .where(and(eq(s.outbox.recipient, ines.email), eq(s.outbox.kind, "list-left")));
    expect(left!.amapId).toBe(marche.id);
    const [event] = await db
      .select()
      .from(s.events)
      .where(and(eq(s.events.action, "membership.leave"), eq(s.events.actorId, ines.id)));
    expect(event!.amapId).toBe(marche.id);
  });

  it("one sent before AMAPs (naming none) leaves the deployment's first AMAP's list, as it did", async () => {
    const home = await firstAmapId(db);
    const other = await createAmap(db, { slug: `autre-lien-${Date.now()}` });
    const jules = await createIntermittent(db, { firstName: "Jules" });
    await addToIntermittents(db, { userId: jules.id, amapId: other.id });
    const old = createLinkToken({ userId: jules.id, action: "unsubscribe", objectId: 0, expiresAt: inAnHour() });
    expect(await describeLink(old, null)).toMatchObject({ state: "ok", action: "unsubscribe", standing: { ready: true } });
    expect(await performLink(old, null)).toMatchObject({ ok: true, outcome: "unsubscribed" });
    expect(await stays(jules.id)).toEqual([other.id]);
    expect(home).not.toBe(other.id);
  });

  it("one naming an AMAP where the person is not on the list says so, and changes nothing", async () => {
    const marche = await createAmap(db, { slug: `marche-vide-${Date.now()}`, name: "AMAP du Marché" });
    const hugo = await createIntermittent(db, { firstName: "Hugo" });
    const before = await tally();
    const token = createLinkToken({ userId: hugo.id, action: "unsubscribe", objectId: marche.id, expiresAt: inAnHour() });
    expect(await describeLink(token, null)).toMatchObject({ state: "ok", action: "unsubscribe", amapName: "AMAP du Marché", standing: { ready: false } });
    expect(await performLink(token, null)).toMatchObject({ ok: false });
    expect(await tally()).toEqual(before);
    expect(await stays(hugo.id)).toEqual([await firstAmapId(db)]);
  });
});
