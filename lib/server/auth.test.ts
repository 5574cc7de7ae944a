// Sign-in eligibility and roles, read from the data.
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import {
  addToIntermittents,
  createContract,
  createIntermittent,
  createMember,
  createSubscription,
  createUser,
  uniqueEmail,
} from "@/db/factories";
import { intermittentMemberships, outbox } from "@/db/schema";
import { addDays, parisDate } from "@/lib/domain/time";
import { findSignInUser, loadRoles, sendSignInLink, signInLinkFromConfig, viewerForUser } from "./auth";

let db: Db;
let contractId: number;

beforeAll(async () => {
  db = await getDb();
  contractId = (await createContract(db)).id;
});

async function outboxFor(email: string) {
  return db.select().from(outbox).where(eq(outbox.recipient, email));
}

describe("roles", () => {
  it("a current subscription makes a member", async () => {
    const user = await createMember(db, { contractIds: [contractId] });
    expect([...(await loadRoles(db, user.id, false))]).toEqual(["member"]);
  });

  it("a subscription that ended or has not started does not", async () => {
    const user = await createUser(db);
    const today = parisDate(new Date());
    await createSubscription(db, { userId: user.id, contractId, startsOn: addDays(today, -200), endsOn: addDays(today, -1) });
    await createSubscription(db, { userId: user.id, contractId, startsOn: addDays(today, 1), endsOn: addDays(today, 100) });
    expect(await loadRoles(db, user.id, false)).toEqual(new Set());
  });

  it("an active place on the list makes an intermittent; leaving ends it, history stays", async () => {
    const user = await createIntermittent(db);
    expect([...(await loadRoles(db, user.id, false))]).toEqual(["intermittent"]);
    await db.update(intermittentMemberships).set({ leftAt: new Date() }).where(eq(intermittentMemberships.userId, user.id));
    expect(await loadRoles(db, user.id, false)).toEqual(new Set());
    await addToIntermittents(db, { userId: user.id });
    expect([...(await loadRoles(db, user.id, false))]).toEqual(["intermittent"]);
    expect(await db.select().from(intermittentMemberships).where(eq(intermittentMemberships.userId, user.id))).toHaveLength(2);
  });

  it("one person may hold every role at once", async () => {
    const user = await createMember(db, { contractIds: [contractId], isReferent: true, firstName: "Rose", lastName: "Lefèvre" });
    await addToIntermittents(db, { userId: user.id });
    const viewer = await viewerForUser(db, user.id);
    expect(viewer).toMatchObject({ firstName: "Rose", displayName: "Rose Lefèvre" });
    expect(viewer!.roles).toEqual(new Set(["member", "intermittent", "referent"]));
  });

  it("the list allows one active stay per person", async () => {
    const user = await createIntermittent(db);
    await expect(addToIntermittents(db, { userId: user.id })).rejects.toThrow();
  });
});

describe("sign-in links", () => {
  it("are sent to a known person, rebased on the configured address", async () => {
    const email = uniqueEmail("member");
    await createMember(db, { email, contractIds: [contractId] });
    const forged = "http://evil.example:666/api/auth/callback/nodemailer?token=abc&email=x";
    expect(await sendSignInLink(email.toUpperCase(), forged)).toBe(true);
    const rows = await outboxFor(email.toUpperCase());
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: "sign-in", status: "pending" });
    expect(rows[0]!.payload).toEqual({ url: "http://localhost:3000/api/auth/callback/nodemailer?token=abc&email=x" });
  });

  it("are not sent to an unknown address, nor to someone who left every role", async () => {
    const unknown = uniqueEmail("nobody");
    expect(await sendSignInLink(unknown, "http://localhost:3000/x")).toBe(false);
    expect(await outboxFor(unknown)).toHaveLength(0);

    const former = await createIntermittent(db);
    await db.update(intermittentMemberships).set({ leftAt: new Date() }).where(eq(intermittentMemberships.userId, former.id));
    expect(await findSignInUser(db, former.email)).toBeNull();
    expect(await sendSignInLink(former.email, "http://localhost:3000/x")).toBe(false);
    expect(await outboxFor(former.email)).toHaveLength(0);
  });

  it("are sent to a référent who holds no contract", async () => {
    const referent = await createUser(db, { isReferent: true });
    expect(await findSignInUser(db, referent.email)).toEqual({ id: referent.id });
  });

  it("keep path and query when rebased", () => {
    expect(signInLinkFromConfig("http://127.0.0.1:9/api/auth/callback/nodemailer?token=t&email=a%40b", "https://amap.example.org")).toBe(
      "https://amap.example.org/api/auth/callback/nodemailer?token=t&email=a%40b",
    );
  });
});

describe("housekeeping", () => {
  it("purges expired sign-in tokens and sessions, and keeps live ones", async () => {
    const { purgeExpiredAuthRows } = await import("./housekeeping");
    const { sessions, verificationTokens } = await import("@/db/schema");
    const user = await createIntermittent(db);
    const past = new Date(Date.now() - 60_000);
    const future = new Date(Date.now() + 3_600_000);
    await db.insert(verificationTokens).values([
      { identifier: user.email, token: "old", expires: past },
      { identifier: user.email, token: "live", expires: future },
    ]);
    await db.insert(sessions).values([
      { sessionToken: "old-session", userId: user.id, expires: past },
      { sessionToken: "live-session", userId: user.id, expires: future },
    ]);
    expect(await purgeExpiredAuthRows(db)).toEqual({ tokens: 1, sessions: 1 });
    expect((await db.select().from(verificationTokens)).map((t) => t.token)).toEqual(["live"]);
    expect((await db.select().from(sessions)).map((t) => t.sessionToken)).toEqual(["live-session"]);
  });
});
