// Signing in by emailed link, through the real pieces: the form's server
// action, the link (our page, then Auth.js's callback behind its button),
// Auth.js's own session handling on the database, and the mail.
import { count, eq, sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { GET, POST } from "@/app/api/auth/[...nextauth]/route";
import { requestSignInLink } from "@/app/connexion/actions";
import { getDb, type Db } from "@/db/client";
import { createContract, createMember, createUser, uniqueEmail } from "@/db/factories";
import { outbox, sessions, signInAttempts, users, verificationTokens } from "@/db/schema";
import { startSmtpSink, type SmtpSink } from "@/test/smtp-sink";
import { authConfig, SESSION_IDLE_SECONDS, SESSION_MAX_SECONDS, SESSION_UPDATE_AGE_SECONDS, signOutEverywhere, viewerForUser } from "@/lib/server/auth/auth";
import { createSmtpMailer, type Mailer } from "@/lib/server/mail/mailer";
import { deliverDue } from "@/lib/server/outbox/worker";
import { describeSignInLink, hashSignInToken, sendSignInLinkIfKnown } from "@/lib/server/auth/sign-in-link";
import { firstAmapId } from "@/db/queries";

// `after()` outside Next: the test holds what the action schedules.
const later = vi.hoisted(() => ({ gate: Promise.resolve(), started: [] as Promise<unknown>[], scheduled: 0 }));
vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/server")>()),
  after: (work: () => Promise<unknown>) => {
    later.scheduled++;
    later.started.push(later.gate.then(work));
  },
}));
const request = vi.hoisted(() => ({ ip: "198.51.100.1" }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": request.ip }) }));

const APP = "http://localhost:3000";
let db: Db;
let contractId: number;

beforeAll(async () => {
  db = await getDb();
  contractId = (await createContract(db)).id;
});

async function member(firstName = "Capucine") {
  const email = uniqueEmail("membre");
  const user = await createMember(db, { email, firstName, lastName: "Essai", contractIds: [contractId] });
  return { ...user, email };
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
}

/** The action's answer: where it redirects (it always does for a valid address). */
async function ask(email: string, retour?: string): Promise<string> {
  try {
    await requestSignInLink({ status: "idle" }, form({ email, ...(retour ? { retour } : {}) }));
  } catch (error) {
    const digest = (error as { digest?: unknown }).digest;
    if (typeof digest === "string" && digest.startsWith("NEXT_REDIRECT")) return digest.split(";")[2]!;
    throw error;
  }
  throw new Error("the action answered without redirecting");
}

const mailsTo = (email: string) => db.select().from(outbox).where(eq(outbox.recipient, email));
const tokensOf = (email: string) => db.select().from(verificationTokens).where(eq(verificationTokens.identifier, email));
const sessionsOf = (userId: string) => db.select().from(sessions).where(eq(sessions.userId, userId));
const attempts = async () => (await db.select({ n: count() }).from(signInAttempts))[0]!.n;

describe("asking for a link: a known and an unknown address do the same work before the answer", () => {
  it("answers while the known-address work is held up; only then is the link issued, and only for the known one", async () => {
    const known = await member();
    const unknown = uniqueEmail("inconnu");
    let release!: () => void;
    later.gate = new Promise<void>((resolve) => (release = resolve));
    later.started = [];
    later.scheduled = 0;
    const before = await attempts();

    request.ip = "198.51.100.10";
    const knownAnswer = await ask(known.email.toUpperCase(), "/paniers?offre=12");
    request.ip = "198.51.100.11";
    const unknownAnswer = await ask(unknown, "/paniers?offre=12");

    // Both answered, the same, while the work is still held up…
    expect(knownAnswer).toBe("/connexion/verification");
    expect(unknownAnswer).toBe(knownAnswer);
    // …membership has not been looked at yet: no token, no mail, for either…
    expect(await tokensOf(known.email)).toEqual([]);
    expect(await mailsTo(known.email)).toEqual([]);
    expect(later.scheduled, "the same work is scheduled for both").toBe(2);
    // …and the limits counted both before answering.
    expect(await attempts()).toBe(before + 2);

    release();
    await Promise.all(later.started);
    later.gate = Promise.resolve();

    const [mail] = await mailsTo(known.email);
    expect(mail).toMatchObject({ kind: "sign-in", status: "pending" });
    const url = new URL((mail!.payload as { url: string }).url);
    expect(`${url.origin}${url.pathname}`).toBe(`${APP}/connexion/lien`);
    expect(url.searchParams.get("email")).toBe(known.email);
    expect(url.searchParams.get("retour")).toBe("/paniers?offre=12");
    expect(await tokensOf(known.email)).toHaveLength(1);
    expect(await mailsTo(unknown)).toEqual([]);
    expect(await tokensOf(unknown)).toEqual([]);
  });

  it("over the limit: the same answer, nothing scheduled, nothing sent", async () => {
    const known = await member();
    later.scheduled = 0;
    later.started = [];
    request.ip = "198.51.100.20";
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await ask(known.email));
    await Promise.all(later.started);
    expect(new Set(answers)).toEqual(new Set(["/connexion/verification"]));
    expect(later.scheduled, "5 links an hour per address").toBe(5);
    expect(await mailsTo(known.email)).toHaveLength(5);
  });

  it("keeps only a path of this site to come back to", async () => {
    const known = await member();
    request.ip = "198.51.100.30";
    later.started = [];
    for (const retour of ["//evil.example/x", "https://evil.example/", "javascript:alert(1)", "/\t/evil.example"]) await ask(known.email, retour);
    await Promise.all(later.started);
    const links = (await mailsTo(known.email)).map((m) => new URL((m.payload as { url: string }).url));
    expect(links).toHaveLength(4);
    for (const link of links) expect(link.searchParams.get("retour")).toBeNull();
  });

  it("refuses a malformed address in French, counting nothing", async () => {
    const before = await attempts();
    const answer = await requestSignInLink({ status: "idle" }, form({ email: "pas-une-adresse" }));
    expect(answer).toMatchObject({ status: "error", message: "Cette adresse e-mail ne semble pas valide. Vérifiez-la et réessayez." });
    expect(await attempts()).toBe(before);
  });
});

describe("the emailed link", () => {
  async function linkFor(returnTo: string | null = "/mes-paniers") {
    const person = await member();
    expect(await sendSignInLinkIfKnown(person.email, returnTo)).toBe(true);
    const [mail] = await mailsTo(person.email);
    const url = new URL((mail!.payload as { url: string }).url);
    return { person, url, token: url.searchParams.get("token")!, email: url.searchParams.get("email")! };
  }

  const callback = (token: string, email: string, extra = "") =>
    `${APP}/api/auth/callback/nodemailer?token=${token}&email=${encodeURIComponent(email)}&callbackUrl=%2Fmes-paniers${extra}`;
  const press = (url: string, headers: Record<string, string> = { origin: APP, host: "localhost:3000", "sec-fetch-site": "same-origin" }) =>
    POST(new NextRequest(url, { method: "POST", headers }));

  it("is a link to our page, on APP_URL, whose token Auth.js would accept", async () => {
    const { person, url, token } = await linkFor();
    expect(url.origin).toBe(APP);
    expect(url.pathname).toBe("/connexion/lien");
    const [row] = await tokensOf(person.email);
    expect(row!.token).toBe(hashSignInToken(token));
    expect(row!.expires.getTime() - Date.now()).toBeGreaterThan(23.9 * 3600_000);
    expect(await describeSignInLink(token, person.email)).toEqual({ state: "ok", email: person.email });
  });

  it("GET and HEAD of Auth.js's callback change nothing, set no cookie, and lead to our page", async () => {
    const { person, token, email } = await linkFor();
    for (const method of ["GET", "HEAD", "GET"]) {
      const response = await GET(new NextRequest(callback(token, email), { method }));
      expect(response.status, method).toBe(303);
      expect(response.headers.getSetCookie(), method).toEqual([]);
      const location = new URL(response.headers.get("location")!, APP);
      expect(location.pathname).toBe("/connexion/lien");
      expect(location.searchParams.get("token")).toBe(token);
      expect(location.searchParams.get("retour")).toBe("/mes-paniers");
    }
    expect(await tokensOf(person.email)).toHaveLength(1);
    expect(await sessionsOf(person.id)).toEqual([]);
    expect(await describeSignInLink(token, email)).toMatchObject({ state: "ok" });
  });

  it("a POST from another site, or without Origin, is refused (login CSRF): the token stays, no session", async () => {
    const { person, token, email } = await linkFor();
    const attempts: Record<string, string>[] = [
      { origin: "https://evil.example", host: "localhost:3000" },
      { origin: APP, host: "localhost:3000", "sec-fetch-site": "cross-site" },
      { origin: APP, host: "localhost:3000", "sec-fetch-site": "same-site" },
      { host: "localhost:3000" },
      { origin: "null", host: "localhost:3000" },
    ];
    for (const headers of attempts) {
      const response = await press(callback(token, email), headers);
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect(await response.text()).toContain("Ouvrez à nouveau le lien reçu par e-mail");
      expect(response.headers.getSetCookie()).toEqual([]);
    }
    expect(await tokensOf(person.email)).toHaveLength(1);
    expect(await sessionsOf(person.id)).toEqual([]);
  });

  it("the button signs in once, and comes back to the page asked for; a second press says the link has served", async () => {
    const { person, token, email } = await linkFor();

    const first = await press(callback(token, email));
    expect(first.status).toBe(302);
    expect(first.headers.get("location")).toBe(`${APP}/mes-paniers`);
    const cookie = first.headers.getSetCookie().find((c) => c.startsWith("authjs.session-token="));
    // Kept by the browser for the 30 days (Max-Age wins over Expires); the database ends it sooner when unused.
    expect(cookie).toMatch(/; Max-Age=2592000(;|$)/i);
    expect(await sessionsOf(person.id)).toHaveLength(1);
    expect(await tokensOf(person.email)).toEqual([]);

    const second = await press(callback(token, email));
    expect(new URL(second.headers.get("location")!).pathname + new URL(second.headers.get("location")!).search).toBe("/connexion/erreur?error=Verification");
    expect(second.headers.getSetCookie().some((c) => c.startsWith("authjs.session-token="))).toBe(false);
    expect(await sessionsOf(person.id)).toHaveLength(1);
    expect(await describeSignInLink(token, email)).toEqual({ state: "used" });
  });

  it("says « expiré » past its day, « déjà servi » when its token is not ours", async () => {
    const { person, token } = await linkFor();
    await db.update(verificationTokens).set({ expires: new Date(Date.now() - 1000) }).where(eq(verificationTokens.identifier, person.email));
    expect(await describeSignInLink(token, person.email)).toEqual({ state: "expired" });
    expect(await describeSignInLink("0".repeat(64), person.email)).toEqual({ state: "used" });
    expect(await describeSignInLink(token, "someone@else.test")).toEqual({ state: "used" });
    expect(await describeSignInLink("a\u0000b", person.email)).toEqual({ state: "used" });
    expect(await describeSignInLink("", "")).toEqual({ state: "used" });
  });
});

describe("a bad callbackUrl", () => {
  const hostile = ["javascript:alert(1)", "//evil.example", "/\\evil.example", "/\t/evil.example", "https://evil.example/", "javascript:alert(1)\n[auth] forged line"];
  const actions = ["session", "csrf", "providers", "signin", "signout", "error", "verify-request"];

  it("is never a 500 on Auth.js's routes, and never leads to another site", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      for (const action of actions) {
        for (const value of hostile) {
          const response = await GET(new NextRequest(`${APP}/api/auth/${action}?callbackUrl=${encodeURIComponent(value)}`));
          expect(response.status, `${action} ${JSON.stringify(value)}`).toBeLessThan(500);
          const location = response.headers.get("location");
          if (location) expect(new URL(location, APP).origin, `${action} ${JSON.stringify(value)}`).toBe(APP);
        }
        const cookie = `authjs.callback-url=${encodeURIComponent("javascript:alert(1)")}`;
        const response = await GET(new NextRequest(`${APP}/api/auth/${action}`, { headers: { cookie } }));
        expect(response.status, `${action} with a bad cookie`).toBeLessThan(500);
      }
      expect(errors).not.toHaveBeenCalled();
    } finally {
      errors.mockRestore();
    }
  });

  it("Auth.js's own errors are logged on one line, the request's text escaped", async () => {
    const { Auth } = await import("@auth/core");
    const lines: string[] = [];
    const errors = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(" ")));
    try {
      const config = await authConfig();
      // Straight to Auth.js, past the route's guard: it refuses the URL and logs it.
      const response = await Auth(new Request(`${APP}/api/auth/session?callbackUrl=${encodeURIComponent(hostile.at(-1)!)}`), { ...config, basePath: "/api/auth" });
      expect(response.status).toBe(500);
    } finally {
      errors.mockRestore();
    }
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/[\n\r]/);
    expect(lines[0]).toContain("\\n[auth] forged line");
  });
});

describe("sessions", () => {
  const day = 86_400_000;
  const cookieFor = (token: string) => ({ cookie: `authjs.session-token=${token}` });
  const readSession = async (token: string) => {
    const response = await GET(new NextRequest(`${APP}/api/auth/session`, { headers: cookieFor(token) }));
    return (await response.json()) as { user?: { id?: string } } | null;
  };
  async function sessionRow(userId: string, { createdDaysAgo, expiresInDays }: { createdDaysAgo: number; expiresInDays: number }) {
    const token = `s-${Math.random().toString(36).slice(2)}`;
    await db.insert(sessions).values({
      sessionToken: token,
      userId,
      createdAt: new Date(Date.now() - createdDaysAgo * day),
      expires: new Date(Date.now() + expiresInDays * day),
    });
    return token;
  }
  const expiresOf = async (token: string) => (await db.select().from(sessions).where(eq(sessions.sessionToken, token)))[0]?.expires;

  it("are told to Auth.js as 14 days idle, slid at most once a day", async () => {
    expect((await authConfig()).session).toMatchObject({ strategy: "database", maxAge: SESSION_IDLE_SECONDS, updateAge: SESSION_UPDATE_AGE_SECONDS });
    expect([SESSION_IDLE_SECONDS, SESSION_UPDATE_AGE_SECONDS, SESSION_MAX_SECONDS].map((s) => s / 86_400)).toEqual([14, 1, 30]);
  });

  /** A session made by Auth.js itself at sign-in (the link's button), its clock moved back as if `days` had passed unused. */
  async function signedInDaysAgo(days: number) {
    const person = await member();
    await sendSignInLinkIfKnown(person.email, null);
    const [mail] = await mailsTo(person.email);
    const url = new URL((mail!.payload as { url: string }).url);
    const pressed = await POST(
      new NextRequest(`${APP}/api/auth/callback/nodemailer?${new URLSearchParams({ token: url.searchParams.get("token")!, email: person.email })}`, {
        method: "POST",
        headers: { origin: APP, host: "localhost:3000" },
      }),
    );
    const token = /authjs\.session-token=([^;]+)/.exec(pressed.headers.getSetCookie().join("\n"))![1]!;
    const shift = sql`make_interval(secs => ${days * 86_400})`;
    await db.execute(sql`update sessions set expires = expires - ${shift}, created_at = created_at - ${shift} where session_token = ${token}`);
    return { person, token };
  }

  it("end after 14 days without use", async () => {
    const { token } = await signedInDaysAgo(14 + 1 / 1440);
    expect(await readSession(token)).toBeNull();
    expect(await expiresOf(token), "the row is deleted").toBeUndefined();
  });

  it("used again within 14 days, slide to 14 days from now", async () => {
    const { person, token } = await signedInDaysAgo(13);
    expect((await readSession(token))?.user?.id).toBe(person.id);
    const expires = (await expiresOf(token))!.getTime();
    expect(expires).toBeGreaterThan(Date.now() + 13.99 * day);
    expect(expires).toBeLessThanOrEqual(Date.now() + 14 * day);
  });

  it("however much they are used, end 30 days after sign-in", async () => {
    const person = await member();
    const nearlyOld = await sessionRow(person.id, { createdDaysAgo: 29.5, expiresInDays: 12 });
    expect((await readSession(nearlyOld))?.user?.id).toBe(person.id);
    // The slide stopped at 30 days after sign-in: half a day from now.
    const capped = (await expiresOf(nearlyOld))!.getTime();
    expect(Math.abs(capped - (Date.now() + 0.5 * day))).toBeLessThan(60_000);

    const old = await sessionRow(person.id, { createdDaysAgo: 31, expiresInDays: -1 });
    expect(await readSession(old)).toBeNull();
  });

  it("« Me déconnecter partout » ends every session of the person, and no one else's", async () => {
    const person = await member();
    const other = await member();
    const mine = [
      await sessionRow(person.id, { createdDaysAgo: 1, expiresInDays: 13 }),
      await sessionRow(person.id, { createdDaysAgo: 5, expiresInDays: 9 }),
    ];
    const theirs = await sessionRow(other.id, { createdDaysAgo: 1, expiresInDays: 13 });
    expect(await signOutEverywhere((await viewerForUser(db, person.id))!)).toBe(2);
    for (const token of mine) expect(await readSession(token)).toBeNull();
    expect(await sessionsOf(person.id)).toEqual([]);
    expect((await readSession(theirs))?.user?.id).toBe(other.id);
  });
});

describe("the sign-in email", () => {
  let sink: SmtpSink;
  let mailer: Mailer;
  beforeAll(async () => {
    sink = await startSmtpSink();
    mailer = createSmtpMailer(sink.url, "Espace intermittents <test@localhost>");
  });
  afterAll(async () => {
    mailer.close();
    await sink.close();
  });
  beforeEach(async () => {
    await db.delete(outbox);
    sink.messages.length = 0;
  });

  it("greets a known person by first name, carries the link, and keeps no link once sent", async () => {
    const person = await member("Capucine");
    await sendSignInLinkIfKnown(person.email, null);
    await deliverDue({ db, mailer });
    const [message] = sink.messages;
    expect(message!.text).toMatch(/^Bonjour Capucine,$/m);
    expect(message!.text).toContain("/connexion/lien?token=");
    const [row] = await mailsTo(person.email);
    expect(row!.status).toBe("sent");
    expect(JSON.stringify(row!.payload)).not.toContain("token");
  });

  it("says the plain « Bonjour, » for a blank first name, or a row queued without the person", async () => {
    const blank = await createUser(db, { email: uniqueEmail("blanc"), firstName: "  ", isReferent: true });
    await sendSignInLinkIfKnown(blank.email, null);
    const { enqueueMail } = await import("@/lib/server/mail/enqueue");
    // Its link still stands (delivery drops a sign-in mail whose token is gone).
    await db.insert(verificationTokens).values({ identifier: "x", token: hashSignInToken("t"), expires: new Date(Date.now() + 3_600_000) });
    await enqueueMail(db, await firstAmapId(db), "sign-in", [{ to: "ancien@test.local", payload: { url: `${APP}/connexion/lien?token=t&email=x` } }]);
    await deliverDue({ db, mailer });
    expect(sink.messages).toHaveLength(2);
    for (const message of sink.messages) expect(message.text).toMatch(/^Bonjour,$/m);
  });

  it("uses the first name as it is when the mail leaves", async () => {
    const person = await member("Capucine");
    await sendSignInLinkIfKnown(person.email, null);
    await db.update(users).set({ firstName: "Capu" }).where(eq(users.id, person.id));
    await deliverDue({ db, mailer });
    expect(sink.messages[0]!.text).toMatch(/^Bonjour Capu,$/m);
  });
});

// Auth.js must find the person by the address the link carries: the stored one, whatever was typed.
describe("who gets a link", () => {
  it("anyone the AMAP knows, under the address it knows; no one else", async () => {
    const person = await member();
    await db.execute(sql`update users set email = ${person.email.replace("membre", "Membre")} where id = ${person.id}`);
    const stored = person.email.replace("membre", "Membre");
    expect(await sendSignInLinkIfKnown(person.email.toUpperCase(), null)).toBe(true);
    expect((await tokensOf(stored))[0]?.identifier).toBe(stored);
    expect((await mailsTo(stored))[0]?.recipient).toBe(stored);
    expect(await sendSignInLinkIfKnown(uniqueEmail("personne"), null)).toBe(false);
  });
});
