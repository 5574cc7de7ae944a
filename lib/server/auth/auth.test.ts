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
import { count } from "drizzle-orm";
import { intermittentMemberships, signInAttempts, verificationTokens } from "@/db/schema";
import { addDays, parisDate } from "@/lib/domain/time";
import { createHash } from "node:crypto";
import { Auth } from "@auth/core";
import { getEnv, authSecret } from "@/lib/env";
import {
  admitSignInRequest,
  authConfig,
  cookiePolicy,
  findSignInUser,
  loadRoles,
  viewerForUser,
} from "./auth";
import { firstAmapId } from "@/db/queries";

let db: Db;
let contractId: number;

beforeAll(async () => {
  db = await getDb();
  contractId = (await createContract(db)).id;
});

describe("roles", () => {
  it("a current subscription makes a member", async () => {
    const user = await createMember(db, { contractIds: [contractId] });
    expect([...(await loadRoles(db, user.id, await firstAmapId(db)))]).toEqual(["member"]);
  });

  it("a subscription that ended or has not started does not", async () => {
    const user = await createUser(db);
    const today = parisDate(new Date());
    await createSubscription(db, { userId: user.id, contractId, startsOn: addDays(today, -200), endsOn: addDays(today, -1) });
    await createSubscription(db, { userId: user.id, contractId, startsOn: addDays(today, 1), endsOn: addDays(today, 100) });
    expect(await loadRoles(db, user.id, await firstAmapId(db))).toEqual(new Set());
  });

  it("an active place on the list makes an intermittent; leaving ends it, history stays", async () => {
    const user = await createIntermittent(db);
    expect([...(await loadRoles(db, user.id, await firstAmapId(db)))]).toEqual(["intermittent"]);
    await db.update(intermittentMemberships).set({ leftAt: new Date() }).where(eq(intermittentMemberships.userId, user.id));
    expect(await loadRoles(db, user.id, await firstAmapId(db))).toEqual(new Set());
    await addToIntermittents(db, { userId: user.id });
    expect([...(await loadRoles(db, user.id, await firstAmapId(db)))]).toEqual(["intermittent"]);
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

describe("who may get a sign-in link (test/integration/sign-in.test.ts follows the link itself)", () => {
  it("a known person, found whatever the case typed", async () => {
    const email = uniqueEmail("member");
    const user = await createMember(db, { email, contractIds: [contractId] });
    expect(await findSignInUser(db, ` ${email.toUpperCase()} `)).toEqual({ id: user.id, email });
  });

  it("not an unknown address, nor someone who left every role", async () => {
    expect(await findSignInUser(db, uniqueEmail("nobody"))).toBeNull();
    const former = await createIntermittent(db);
    await db.update(intermittentMemberships).set({ leftAt: new Date() }).where(eq(intermittentMemberships.userId, former.id));
    expect(await findSignInUser(db, former.email)).toBeNull();
  });

  it("a référent who holds no contract", async () => {
    const referent = await createUser(db, { isReferent: true });
    expect(await findSignInUser(db, referent.email)).toEqual({ id: referent.id, email: referent.email });
  });
});

describe("sign-in limits (counted in the database, so every instance agrees)", () => {
  const limits = { perAddress: 5, perIp: 20 };

  it("admit 5 requests an hour per address, whatever the client address, then none until the hour has passed", async () => {
    const email = uniqueEmail("limited");
    const now = new Date("2026-03-02T10:00:00Z");
    const answers = [];
    for (let i = 0; i < 7; i++) answers.push(await admitSignInRequest(i % 2 ? email : email.toUpperCase(), `198.51.100.${i}`, limits, now));
    expect(answers).toEqual([true, true, true, true, true, false, false]);
    expect(await admitSignInRequest(email, "198.51.100.99", limits, new Date(now.getTime() + 59 * 60_000))).toBe(false);
    expect(await admitSignInRequest(email, "198.51.100.99", limits, new Date(now.getTime() + 61 * 60_000))).toBe(true);
  });

  it("admit 20 requests an hour per client address, across addresses", async () => {
    const now = new Date("2026-03-03T10:00:00Z");
    const ip = "203.0.113.20";
    for (let i = 0; i < 20; i++) expect(await admitSignInRequest(uniqueEmail(`ip${i}`), ip, limits, now)).toBe(true);
    expect(await admitSignInRequest(uniqueEmail("one-more"), ip, limits, now)).toBe(false);
    expect(await admitSignInRequest(uniqueEmail("elsewhere"), "203.0.113.21", limits, now)).toBe(true);
  });

  it("hold under concurrent requests: exactly the limit gets through", async () => {
    const email = uniqueEmail("burst");
    const now = new Date("2026-03-04T10:00:00Z");
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => admitSignInRequest(email, `192.0.2.${i}`, limits, now)));
    expect(answers.filter(Boolean)).toHaveLength(5);
  });

  it("store neither addresses nor IPs in clear", async () => {
    const email = uniqueEmail("private");
    await admitSignInRequest(email, "192.0.2.200", limits);
    const rows = await db.select().from(signInAttempts);
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain(email);
    expect(dump).not.toContain("192.0.2.200");
  });
});

describe("session cookie", () => {
  it("is Secure only when APP_URL is https", () => {
    expect(cookiePolicy("https://amap.example.org")).toEqual({ useSecureCookies: true });
    expect(cookiePolicy("http://localhost:3000")).toEqual({ useSecureCookies: false });
  });

  /** Follows a valid magic link through Auth.js itself and returns the Set-Cookie headers. */
  async function followMagicLink(appUrl: string, requestOrigin: string, forwardedProto?: string) {
    const email = uniqueEmail("cookie");
    await createMember(db, { email, contractIds: [contractId] });
    const token = `t-${Math.random().toString(36).slice(2)}`;
    // NOTE: Auth.js stores sha256(token + secret), see @auth/core lib/actions/callback.
    const hashed = createHash("sha256").update(`${token}${authSecret()}`).digest("hex");
    await db.insert(verificationTokens).values({ identifier: email, token: hashed, expires: new Date(Date.now() + 3_600_000) });
    const config = await authConfig({ ...getEnv(), APP_URL: appUrl });
    const url = `${requestOrigin}/api/auth/callback/nodemailer?token=${token}&email=${encodeURIComponent(email)}&callbackUrl=${encodeURIComponent("https://evil.example/")}`;
    const response = await Auth(
      new Request(url, { headers: forwardedProto ? { "x-forwarded-proto": forwardedProto } : {} }),
      { ...config, basePath: "/api/auth" },
    );
    return { response, cookies: response.headers.getSetCookie() };
  }

  it("over https: __Secure- prefix, Secure, HttpOnly, SameSite=Lax — even when the proxy says http", async () => {
    const { response, cookies } = await followMagicLink("https://amap.example.org", "http://amap.example.org", "http");
    const session = cookies.find((c) => c.includes("session-token="));
    expect(session).toMatch(/^__Secure-authjs\.session-token=/);
    expect(session).toMatch(/; Secure/i);
    expect(session).toMatch(/; HttpOnly/i);
    expect(session).toMatch(/; SameSite=Lax/i);
    // …and the foreign callbackUrl was ignored: the redirect stays on APP_URL.
    expect(new URL(response.headers.get("location")!).origin).toBe("https://amap.example.org");
  });

  it("over http: no prefix, not Secure (a local setup keeps its session), still HttpOnly and SameSite=Lax", async () => {
    const { cookies } = await followMagicLink("http://localhost:3000", "http://localhost:3000");
    const session = cookies.find((c) => c.includes("session-token="));
    expect(session).toMatch(/^authjs\.session-token=/);
    expect(session).not.toMatch(/; Secure/i);
    expect(session).toMatch(/; HttpOnly/i);
    expect(session).toMatch(/; SameSite=Lax/i);
  });
});

describe("housekeeping", () => {
  it("purges expired sign-in tokens and sessions, and keeps live ones", async () => {
    const { purgeExpiredAuthRows } = await import("../core/housekeeping");
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
    const recent = uniqueEmail("recent");
    await admitSignInRequest(recent, "192.0.2.250", { perAddress: 5, perIp: 20 });
    const countAttempts = async () => (await db.select({ n: count() }).from(signInAttempts))[0]!.n;
    const before = await countAttempts();
    const purged = await purgeExpiredAuthRows(db);
    expect(purged).toMatchObject({ tokens: 1, sessions: 1 });
    // Sign-in attempts older than a day go (the tests above dated theirs in 2026-03); today's stay.
    const after = await countAttempts();
    expect(after).toBeGreaterThan(0);
    expect(before - after).toBe(purged.attempts);
    const tokensLeft = (await db.select().from(verificationTokens)).map((t) => t.token);
    expect(tokensLeft).toContain("live");
    expect(tokensLeft).not.toContain("old");
    const sessionsLeft = (await db.select().from(sessions)).map((t) => t.sessionToken);
    expect(sessionsLeft).toContain("live-session");
    expect(sessionsLeft).not.toContain("old-session");
  });
});
