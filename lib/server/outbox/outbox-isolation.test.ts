// Isolation of the email log (issue 13, DESIGN.md §11): a référent reads and
// acts on their own AMAP's outbox only. Another AMAP's message — and the
// deployment's own, with no AMAP — is not listed, not previewed and not sent
// again: it answers as a missing one, and nothing changes. The same référent
// does see and resend their own AMAP's messages, and the mail handlers read
// the settings of the row's AMAP.
import { asc, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { createAmap, createContract, createIntermittent, createMember, createUser } from "@/db/factories";
import * as s from "@/db/schema";
import { firstAmapId } from "@/db/queries";
import { viewerOf } from "@/test/exchange-fixtures";
import type { Viewer } from "../auth";
import { enqueueMail } from "../mail/enqueue";
import { listEmailLog, previewEmail, resendEmail } from "./email-log";
import { mailHandlers } from "./registry";

let db: Db;
let amap1: number;
let amap2: number;
let referent1: Viewer;
let referent2: Viewer;
let member2: Viewer;
let intermittent2: Viewer;
/** Messages of AMAP 1 (one sent, one failed), of AMAP 2 (failed), and the deployment's own (failed, no AMAP). */
const ids = { sent1: 0, failed1: 0, failed2: 0, signIn2: 0, deployment: 0 };

async function row(amapId: number | null, recipient: string, status: s.OutboxRow["status"], kind = "list-left", payload: Record<string, unknown> = {}) {
  const [inserted] = await db
    .insert(s.outbox)
    .values({ amapId, kind, recipient, payload, status, attempts: status === "failed" ? 8 : 1, lastError: status === "failed" ? "550 boîte pleine" : null })
    .returning({ id: s.outbox.id });
  return inserted!.id;
}

const snapshot = () => db.select().from(s.outbox).orderBy(asc(s.outbox.id));
const eventCount = async () => (await db.select({ n: count() }).from(s.events))[0]!.n;

beforeAll(async () => {
  db = await getDb();
  amap1 = await firstAmapId(db);
  amap2 = (await createAmap(db, { slug: "lilas", name: "AMAP des Lilas" })).id;
  await db.update(s.settings).set({ amapName: "AMAP des Tilleuls" }).where(eq(s.settings.amapId, amap1));
  referent1 = await viewerOf(db, (await createUser(db, { isReferent: true, firstName: "Rose" })).id, amap1);
  referent2 = await viewerOf(db, (await createUser(db, { isReferent: true, amapId: amap2, firstName: "Lina" })).id, amap2);
  const contract2 = await createContract(db, { amapId: amap2 });
  member2 = await viewerOf(db, (await createMember(db, { contractIds: [contract2.id], firstName: "Marc" })).id, amap2);
  intermittent2 = await viewerOf(db, (await createIntermittent(db, { amapId: amap2, firstName: "Ilan" })).id, amap2);
  const person1 = await createIntermittent(db, { firstName: "Inès" });
  await db.delete(s.outbox);
  ids.sent1 = await row(amap1, "ines-tilleuls@test.local", "sent", "list-left", { userId: person1.id });
  ids.failed1 = await row(amap1, "secret-tilleuls@test.local", "failed", "list-left", { userId: person1.id });
  ids.failed2 = await row(amap2, "ilan-lilas@test.local", "failed", "list-left", { userId: intermittent2.userId });
  await enqueueMail(db, amap2, "sign-in", [{ to: "lina-lilas@test.local", payload: { url: "http://localhost:3000/ailleurs", userId: referent2.userId } }]);
  ids.signIn2 = (await db.select({ id: s.outbox.id }).from(s.outbox).where(eq(s.outbox.recipient, "lina-lilas@test.local")))[0]!.id;
  ids.deployment = await row(null, "sans-amap@test.local", "failed");
});

describe("the email log of a référent of AMAP 2", () => {
  it("lists AMAP 2's messages only, counted alone, with or without a status", async () => {
    const all = await listEmailLog(referent2, {});
    expect(all!.rows.map((r) => r.id).sort((a, b) => a - b)).toEqual([ids.failed2, ids.signIn2]);
    expect(all!.total).toBe(2);
    const failed = await listEmailLog(referent2, { status: "failed" });
    expect(failed).toMatchObject({ rows: [expect.objectContaining({ id: ids.failed2 })], total: 1 });
    // No address of AMAP 1 (or of the deployment's own mail) shows.
    const shown = JSON.stringify([all, failed]);
    for (const hidden of ["tilleuls", "sans-amap"]) expect(shown).not.toContain(hidden);
  });

  it("previews AMAP 2's messages in its own name, and no other AMAP's message", async () => {
    const own = await previewEmail(referent2, ids.failed2);
    expect(own!.row.recipient).toBe("ilan-lilas@test.local");
    const signIn = await previewEmail(referent2, ids.signIn2);
    expect(signIn!.rendered!.subject).toContain("AMAP des Lilas");
    for (const id of [ids.sent1, ids.failed1, ids.deployment, 999_999]) expect(await previewEmail(referent2, id), `${id}`).toBeNull();
  });

  it("cannot send AMAP 1's failed message again: not found, as a missing one, and nothing changes", async () => {
    const before = await snapshot();
    const events = await eventCount();
    for (const id of [ids.failed1, ids.sent1, ids.deployment]) {
      expect(await resendEmail(referent2, id), `${id}`).toEqual({ ok: false, refusal: "not_found" });
    }
    expect(await resendEmail(referent2, 999_999)).toEqual({ ok: false, refusal: "not_found" });
    expect(await snapshot()).toEqual(before);
    expect(await eventCount()).toBe(events);
  });

  it("AMAP 2's member and intermittent get nothing: no list, no preview, no resend", async () => {
    const before = await snapshot();
    for (const viewer of [member2, intermittent2]) {
      expect(await listEmailLog(viewer, {})).toBeNull();
      expect(await previewEmail(viewer, ids.failed2)).toBeNull();
      expect(await previewEmail(viewer, ids.failed1)).toBeNull();
      expect(await resendEmail(viewer, ids.failed2)).toEqual({ ok: false, refusal: "not_referent" });
      expect(await resendEmail(viewer, ids.failed1)).toEqual({ ok: false, refusal: "not_referent" });
    }
    expect(await snapshot()).toEqual(before);
  });

  it("sends its own failed message again, recorded in its AMAP's history", async () => {
    expect(await resendEmail(referent2, ids.failed2)).toEqual({ ok: true });
    const [again] = await db.select().from(s.outbox).where(eq(s.outbox.id, ids.failed2));
    expect(again).toMatchObject({ status: "pending", attempts: 0 });
    const [event] = await db.select().from(s.events).where(eq(s.events.action, "outbox.resend"));
    expect(event).toMatchObject({ amapId: amap2, actorId: referent2.userId, data: { outboxId: ids.failed2 } });
    // AMAP 1's failed message stayed failed.
    const [other] = await db.select().from(s.outbox).where(eq(s.outbox.id, ids.failed1));
    expect(other).toMatchObject({ status: "failed", attempts: 8 });
  });
});

describe("the email log of a référent of AMAP 1", () => {
  it("shows AMAP 1's messages and none of AMAP 2's", async () => {
    const log = await listEmailLog(referent1, {});
    expect(log!.rows.map((r) => r.id).sort((a, b) => a - b)).toEqual([ids.sent1, ids.failed1]);
    expect(log!.total).toBe(2);
    expect(await previewEmail(referent1, ids.failed1)).not.toBeNull();
    expect(await previewEmail(referent1, ids.signIn2)).toBeNull();
    expect(await resendEmail(referent1, ids.signIn2)).toEqual({ ok: false, refusal: "not_found" });
  });
});

describe("the sign-in mail", () => {
  it("is sent in the name of its row's AMAP", async () => {
    const url = "http://localhost:3000/ailleurs";
    const inLilas = await mailHandlers["sign-in"]({ url }, db, amap2);
    const inTilleuls = await mailHandlers["sign-in"]({ url }, db, amap1);
    expect(inLilas!.subject).toContain("AMAP des Lilas");
    expect(inTilleuls!.subject).toContain("AMAP des Tilleuls");
  });
});
