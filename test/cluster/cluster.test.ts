// The cluster test (issue 14, point 1; `npm run test:cluster`): two web
// instances and two outbox workers on one fresh Postgres database, behind
// HAProxy running deploy/haproxy.cfg unchanged, mail going through real SMTP
// into this process's smtp-server sink. Everything goes through HTTP as a
// browser would send it (the pages' own forms, server actions as React posts
// them), through HAProxy unless a check says which instance.
// Runs on its own (vitest.cluster.config.ts): it needs a production build and
// HAProxy, and takes minutes; `npm test` leaves it out.
import { randomUUID } from "node:crypto";
import { and, count, eq, gt, inArray, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { raceFormPosts } from "@/bench/http";
import { getDb, type Db } from "@/db/client";
import { firstAmapId } from "@/db/queries";
import * as s from "@/db/schema";
import { buildActions, type ActionRef } from "@/e2e/server-actions";
import { reserveOffer } from "@/lib/server/exchange/offers";
import { intermittents, openOffer, reservationsOf as fixtureReservationsOf, vegetablesContract } from "@/test/exchange-fixtures";
import { startSmtpSink, type SmtpSink } from "@/test/smtp-sink";
import { type Cluster, startCluster } from "./harness";

// Ports: free ones chosen by the kernel (HAProxy's, the instances', the sink's),
// so that two runs on one machine never meet; CLUSTER_PORTS="<proxy>,<web1>,<web2>,<smtp>" fixes them.
const FIXED_PORTS = process.env.CLUSTER_PORTS?.split(",").map(Number);
/** The outbox lease the workers use here (OUTBOX_LEASE_SECONDS): a killed worker's mail waits this long. */
const LEASE_SECONDS = 5;
/** DEFAULT_CONCURRENCY in lib/server/outbox/worker.ts: the messages a worker has in flight at once. */
const WORKER_CONCURRENCY = 8;
const COOKIE = "authjs.session-token";

let db: Db;
let sink: SmtpSink;
let cluster: Cluster;
let contract: s.Contract;
let actions: ActionRef[];
const log = (line: string) => console.log(`[cluster] ${line}`);

beforeAll(async () => {
  db = await getDb(); // applies the migrations to the fresh database (setup.ts made it)
  contract = await vegetablesContract(db);
  sink = await startSmtpSink({ port: FIXED_PORTS?.[3] });
  actions = buildActions();
  const started = performance.now();
  cluster = await startCluster({
    databaseUrl: process.env.DATABASE_URL!,
    instances: 2,
    workers: 2,
    smtpUrl: sink.url,
    proxyPort: FIXED_PORTS?.[0],
    instancePorts: FIXED_PORTS?.slice(1, 3),
    env: { DATA_DIR: process.env.DATA_DIR!, OUTBOX_LEASE_SECONDS: String(LEASE_SECONDS) },
    // Workers are not kicked across processes: they poll, here twice a second.
    workerEnv: { OUTBOX_POLL_MS: "500" },
  });
  log(`cluster up in ${((performance.now() - started) / 1000).toFixed(1)} s: ${cluster.proxyUrl} → ${cluster.instanceUrls.join(", ")}`);
}, 180_000);

afterEach((context) => {
  // Fail loudly: what every process said last.
  if (context.task.result?.state === "fail" && cluster) console.error(cluster.tails());
});

afterAll(async () => {
  await cluster?.stop();
  await sink?.close();
});

// ---------------------------------------------------------------------------
// Helpers.

/** Sessions as Auth.js's adapter writes them at sign-in; the cookie value is the token. */
async function sessionsFor(userIds: string[]): Promise<string[]> {
  const rows = userIds.map((userId) => ({ sessionToken: randomUUID(), userId, expires: new Date(Date.now() + 86_400_000) }));
  for (let from = 0; from < rows.length; from += 1000) await db.insert(s.sessions).values(rows.slice(from, from + 1000));
  return rows.map((r) => `${COOKIE}=${r.sessionToken}`);
}

/** Active intermittents written in two statements (thousands at once), no viewer needed. */
async function manyIntermittents(n: number, prefix: string): Promise<{ id: string; email: string }[]> {
  const amapId = await firstAmapId(db);
  const people: { id: string; email: string }[] = [];
  for (let from = 0; from < n; from += 1000) {
    const rows = Array.from({ length: Math.min(1000, n - from) }, (_, j) => {
      const name = `${prefix}${from + j}`;
      return { email: `${name}-${randomUUID().slice(0, 6)}@cluster.test`, firstName: name, lastName: "Grappe", name };
    });
    const users = await db.insert(s.users).values(rows).returning({ id: s.users.id, email: s.users.email });
    await db.insert(s.intermittentMemberships).values(users.map((u) => ({ amapId, userId: u.id, addedById: u.id })));
    people.push(...users);
  }
  return people;
}

function action(file: string, name: string): ActionRef {
  const found = actions.find((a) => a.file === file && a.name === name);
  if (!found) throw new Error(`no server action ${file}#${name} in the build`);
  return found;
}

type ActionAnswer = { status: number; redirect: string | null; body: string };

/** A server action posted as React posts it with JavaScript on: (previous state, form) in the body, its id in Next-Action. */
async function postAction(baseUrl: string, at: string, ref: ActionRef, fields: Record<string, string>, cookie?: string): Promise<ActionAnswer> {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(`_1_${name}`, value);
  // The root part last, as encodeReply writes it (e2e/server-actions.ts).
  body.append("0", JSON.stringify([{ status: "idle" }, "$K1"]));
  const response = await fetch(`${baseUrl}${at}`, {
    method: "POST",
    body,
    redirect: "manual",
    headers: { "Next-Action": ref.id, Accept: "text/x-component", ...(cookie ? { cookie } : {}) },
  });
  return { status: response.status, redirect: response.headers.get("x-action-redirect"), body: await response.text() };
}

async function outboxIdMark(): Promise<number> {
  const [row] = await db.select({ id: sql<number>`coalesce(max(${s.outbox.id}), 0)::int` }).from(s.outbox);
  return row!.id;
}

/** Waits until no outbox row after `mark` is waiting or being sent. */
async function outboxSettled(mark: number, timeoutMs = 120_000): Promise<void> {
  await expect
    .poll(
      async () => {
        const [row] = await db
          .select({ n: count() })
          .from(s.outbox)
          .where(and(gt(s.outbox.id, mark), inArray(s.outbox.status, ["pending", "sending"])));
        return row!.n;
      },
      { timeout: timeoutMs, interval: 200 },
    )
    .toBe(0);
}

function recipientOf(message: SmtpSink["messages"][number]): string {
  const to = Array.isArray(message.to) ? message.to[0] : message.to;
  return to?.value[0]?.address?.toLowerCase() ?? "";
}

/** The « Réserver » form of an offer's card on /paniers: its action field, as the page renders it. */
async function reserveFormField(offerId: number, cookie: string): Promise<string> {
  const page = await fetch(`${cluster.proxyUrl}/paniers?offre=${offerId}`, { headers: { cookie } });
  const html = await page.text();
  // In <main>: the header has a form of its own (« Se déconnecter »).
  const field = /name="(\$ACTION_ID_[0-9a-f]+)"/.exec(html.slice(html.indexOf("<main")))?.[1];
  if (!page.ok || !field) throw new Error(`/paniers?offre=${offerId}: no « Réserver » form (HTTP ${page.status})`);
  return field;
}

/** Counts HAProxy's log lines per server for requests matching `request` (its httplog: "… web app/web1 … \"POST /paniers…\""). */
function countPerServer(request: RegExp): { counts: Record<string, number>; stop: () => void } {
  const counts: Record<string, number> = {};
  const stop = cluster.haproxy.watch((line) => {
    const server = / app\/(web\d)\b/.exec(line)?.[1];
    if (server && request.test(line)) counts[server] = (counts[server] ?? 0) + 1;
  });
  return { counts, stop };
}

const reservationsOf = (offerId: number) => fixtureReservationsOf(db, offerId);

// ---------------------------------------------------------------------------

describe("accept racing withdraw, on two instances", () => {
  it("ends in one state whichever lands first, and the workers deliver only the emails true of it", async () => {
    const ROUNDS = 10;
    const web1 = cluster.instanceUrls[0]!;
    const web2 = cluster.instanceUrls[1]!;
    const accept = action("app/mes-paniers/actions.ts", "acceptAction");
    const withdraw = action("app/mes-paniers/actions.ts", "withdrawAction");
    const orders = { acceptFirst: 0, withdrawFirst: 0 };
    for (let round = 0; round < ROUNDS; round++) {
      const { offerId, user: owner } = await openOffer(db, contract, { daysAhead: 10 + round, firstName: `Membre${round}` });
      const [first, second] = await intermittents(db, 2, `duel${round}x`);
      expect((await reserveOffer(first!.viewer, offerId)).ok).toBe(true);
      expect((await reserveOffer(second!.viewer, offerId)).ok).toBe(true);
      const [pending] = await reservationsOf(offerId);
      const [ownerCookie, takerCookie] = await sessionsFor([owner.id, first!.id]);
      await outboxSettled(0);
      const mark = await outboxIdMark();
      const sinkMark = sink.messages.length;

      // The workers are paused while the two commands race (SIGSTOP), and go
      // on once both have answered: every email is then read against the
      // state the race left, as it would be had they polled a moment later.
      for (const worker of cluster.workers.filter((w) => w.running)) process.kill(worker.pid!, "SIGSTOP");
      let answers: { accepted: ActionAnswer; withdrawn: ActionAnswer };
      try {
        // The member on web1, the taker on web2, both in flight together; who is sent first alternates.
        const a = () => postAction(web1, "/mes-paniers", accept, { reservationId: String(pending!.id) }, ownerCookie);
        const w = () => postAction(web2, "/mes-paniers", withdraw, { reservationId: String(pending!.id) }, takerCookie);
        if (round % 2 === 0) {
          const [accepted, withdrawn] = await Promise.all([a(), w()]);
          answers = { accepted, withdrawn };
        } else {
          const [withdrawn, accepted] = await Promise.all([w(), a()]);
          answers = { accepted, withdrawn };
        }
      } finally {
        for (const worker of cluster.workers.filter((w) => w.running)) process.kill(worker.pid!, "SIGCONT");
      }

      // The taker may always leave; the member's answer either landed first or finds the reservation gone.
      // (A server action's redirect is a 200 naming it in x-action-redirect; a refusal, a 200 without it.)
      expect(answers.withdrawn).toMatchObject({ status: 200, redirect: expect.stringContaining("/mes-paniers?ok=withdrawn") });
      expect(answers.accepted.status).toBe(200);
      const acceptWon = answers.accepted.redirect !== null;
      if (acceptWon) expect(answers.accepted.redirect).toContain("/mes-paniers?ok=accepted");
      orders[acceptWon ? "acceptFirst" : "withdrawFirst"]++;

      // One final state: the first withdrawn, the next in line awaiting the member.
      const [offer] = await db.select({ status: s.offers.status }).from(s.offers).where(eq(s.offers.id, offerId));
      expect(offer!.status).toBe("reserved");
      expect((await reservationsOf(offerId)).map((r) => [r.who, r.status])).toEqual([
        [first!.id, "withdrawn"],
        [second!.id, "pending"],
      ]);
      const events = await db
        .select({ action: s.events.action })
        .from(s.events)
        .where(and(eq(s.events.offerId, offerId), inArray(s.events.action, ["reservation.accept", "reservation.withdraw"])))
        .orderBy(s.events.id);
      expect(events.map((e) => e.action)).toEqual(acceptWon ? ["reservation.accept", "reservation.withdraw"] : ["reservation.withdraw"]);

      // The workers deliver what holds: the member told of the withdrawal and
      // of the next one to decide on, the second one told it awaits an answer;
      // nobody told of an acceptance that no longer holds.
      await outboxSettled(mark);
      const rows = await db
        .select({ kind: s.outbox.kind, to: s.outbox.recipient, status: s.outbox.status, messageId: s.outbox.messageId })
        .from(s.outbox)
        .where(gt(s.outbox.id, mark))
        .orderBy(s.outbox.id);
      const sent = rows.filter((r) => r.status === "sent");
      expect(sent.map((r) => `${r.kind}→${r.to}`).sort()).toEqual(
        [`reservation-withdrawn→${owner.email}`, `reservation-to-decide→${owner.email}`, `reservation-pending→${second!.email}`].sort(),
      );
      expect(rows.filter((r) => r.status !== "sent").map((r) => `${r.kind}:${r.status}`).sort()).toEqual(
        acceptWon ? ["reservation-accepted-owner:skipped", "reservation-accepted-taker:skipped", "reservation-not-chosen:skipped"] : [],
      );
      // …and the sink got exactly those, once each.
      await expect.poll(() => sink.messages.length - sinkMark, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
      const received = sink.messages.slice(sinkMark).filter((m) => [owner.email, first!.email, second!.email].includes(recipientOf(m)));
      expect(received.map((m) => m.messageId).sort()).toEqual(sent.map((r) => r.messageId).sort());
    }
    log(`accept vs withdraw: ${ROUNDS} rounds, accept landed first ${orders.acceptFirst}, withdraw first ${orders.withdrawFirst}`);
    expect(orders.acceptFirst + orders.withdrawFirst).toBe(ROUNDS);
  }, 240_000);
});

describe("300 simultaneous « Réserver » on one basket, through HAProxy", () => {
  it("one pending, 299 queued at distinct places, no HTTP error, one event each, spread over both instances", async () => {
    const { offerId } = await openOffer(db, contract, { daysAhead: 25, firstName: "Course" });
    const people = await manyIntermittents(300, "course");
    const cookies = await sessionsFor(people.map((p) => p.id));
    const field = await reserveFormField(offerId, cookies[0]!);
    const perServer = countPerServer(new RegExp(`"POST /paniers\\?offre=${offerId} `));

    // Each on its own connection, all started together: the form a browser without JavaScript posts.
    const race = await raceFormPosts(`${cluster.proxyUrl}/paniers?offre=${offerId}`, { [field]: "", offerId: String(offerId) }, cookies);
    // HAProxy logs a request once its answer has gone: the last lines may reach its output after the client has them.
    const logged = () => (perServer.counts.web1 ?? 0) + (perServer.counts.web2 ?? 0);
    for (const deadline = Date.now() + 5_000; logged() < 300 && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 50));
    perServer.stop();
    const outcomes = Object.fromEntries(race.outcomes);
    const p50 = race.times[Math.floor(race.times.length / 2)]!;
    log(
      `300 réservations : ${JSON.stringify(outcomes)}, par instance ${JSON.stringify(perServer.counts)}, ` +
        `médiane ${p50.toFixed(0)} ms, max ${race.times.at(-1)!.toFixed(0)} ms, toutes servies en ${race.wallMs.toFixed(0)} ms`,
    );
    expect(race.errors).toBe(0);
    expect(outcomes).toEqual({ "ok=reserved": 1, "ok=queued": 299 });
    expect(perServer.counts.web1).toBeGreaterThan(0);
    expect(perServer.counts.web2).toBeGreaterThan(0);
    expect(logged()).toBe(300);

    const rows = await reservationsOf(offerId);
    expect(rows).toHaveLength(300);
    expect(rows[0]!.status).toBe("pending");
    expect(rows.slice(1).every((r) => r.status === "queued")).toBe(true);
    expect(rows.map((r) => r.position)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    expect(new Set(rows.map((r) => r.who))).toEqual(new Set(people.map((p) => p.id)));
    const events = await db
      .select({ actor: s.events.actorId, n: count() })
      .from(s.events)
      .where(and(eq(s.events.offerId, offerId), eq(s.events.action, "reservation.create")))
      .groupBy(s.events.actorId);
    expect(events).toHaveLength(300);
    expect(events.every((e) => e.n === 1)).toBe(true);
  }, 120_000);
});

describe("2,000 announcements, one worker SIGKILLed midway", () => {
  it("loses none, and sends again at most what the killed worker had in flight", async () => {
    const [active] = await db
      .select({ n: count() })
      .from(s.intermittentMemberships)
      .where(sql`${s.intermittentMemberships.leftAt} is null`);
    await manyIntermittents(2000 - active!.n, "annonce");
    // What the earlier checks queued (the reservations' emails) goes first: the sink then counts the announcement alone.
    await outboxSettled(0);
    const mark = await outboxIdMark();
    const sinkMark = sink.messages.length;
    const started = performance.now();
    await openOffer(db, contract, { daysAhead: 30, firstName: "Annonce" });
    const announced = await db
      .select({ to: s.outbox.recipient })
      .from(s.outbox)
      .where(and(gt(s.outbox.id, mark), eq(s.outbox.kind, "offer-announced")));
    expect(announced).toHaveLength(2000);
    const recipients = new Set(announced.map((r) => r.to.toLowerCase()));
    const delivered = () => sink.messages.slice(sinkMark).filter((m) => recipients.has(recipientOf(m)));

    // Midway, one of the two workers dies without a word.
    await expect.poll(() => delivered().length, { timeout: 120_000, interval: 50 }).toBeGreaterThanOrEqual(700);
    const victim = cluster.workers[0]!;
    const atKill = delivered().length;
    expect(await victim.stop("SIGKILL")).toBe("SIGKILL");
    const [claimed] = await db
      .select({ n: count() })
      .from(s.outbox)
      .where(and(gt(s.outbox.id, mark), eq(s.outbox.status, "sending")));
    const killedAt = performance.now();
    // A replacement, as a service manager would start one.
    await cluster.addWorker();

    await outboxSettled(mark, 180_000);
    const seconds = (performance.now() - started) / 1000;
    const perRecipient = new Map<string, number>();
    for (const m of delivered()) perRecipient.set(recipientOf(m), (perRecipient.get(recipientOf(m)) ?? 0) + 1);
    const lost = [...recipients].filter((r) => !perRecipient.has(r));
    const duplicates = [...perRecipient.values()].reduce((n, k) => n + (k - 1), 0);
    const statuses = await db
      .select({ status: s.outbox.status, n: count() })
      .from(s.outbox)
      .where(and(gt(s.outbox.id, mark), eq(s.outbox.kind, "offer-announced")))
      .groupBy(s.outbox.status);
    log(
      `annonce à 2 000 : ${delivered().length} reçus en ${seconds.toFixed(1)} s, worker tué après ${atKill} ` +
        `(${claimed!.n} lignes alors réclamées, « sending », par les deux workers), fin ${((performance.now() - killedAt) / 1000).toFixed(1)} s après ; ` +
        `perdus ${lost.length}, doublons ${duplicates}`,
    );
    expect(lost).toEqual([]);
    expect(duplicates).toBeLessThanOrEqual(WORKER_CONCURRENCY);
    expect(statuses).toEqual([{ status: "sent", n: 2000 }]);
  }, 300_000);
});

describe("sessions and sign-in limits across instances", () => {
  it("a session made by signing in on web1 through the emailed link works on web2", async () => {
    const [person] = await manyIntermittents(1, "session");
    const signIn = action("app/connexion/actions.ts", "requestSignInLink");
    const [web1, web2] = cluster.instanceUrls as [string, string];
    const sinkMark = sink.messages.length;
    await outboxSettled(0);
    const asked = await postAction(web1, "/connexion", signIn, { email: person!.email });
    expect(asked).toMatchObject({ status: 200, redirect: expect.stringContaining("/connexion/verification") });

    // The link, as the worker emailed it (on the public address: HAProxy's); opened on web1 itself.
    await expect.poll(() => sink.messages.slice(sinkMark).some((m) => recipientOf(m) === person!.email), { timeout: 30_000 }).toBe(true);
    const mail = sink.messages.slice(sinkMark).find((m) => recipientOf(m) === person!.email)!;
    const link = new URL(/https?:\/\/[^\s<>"'\])]+\/connexion\/lien\?[^\s<>"'\])]+/.exec(mail.text ?? "")![0]);
    expect(link.origin).toBe(cluster.proxyUrl);
    // Opening the link shows a page whose « Se connecter » button posts the token to Auth.js: what a browser does, on web1.
    const page = await fetch(`${web1}${link.pathname}${link.search}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const formAction = /<form[^>]* action="(\/api\/auth\/callback\/nodemailer[^"]+)"/.exec(html)?.[1]?.replaceAll("&amp;", "&");
    expect(formAction, html.slice(html.indexOf("<main"), html.indexOf("</main>"))).toBeTruthy();
    const callback = await fetch(new URL(formAction!, web1), {
      method: "POST",
      redirect: "manual",
      headers: { origin: web1, "content-type": "application/x-www-form-urlencoded" },
      body: "",
    });
    expect(callback.status).toBeGreaterThanOrEqual(300);
    expect(callback.status).toBeLessThan(400);
    const token = callback.headers.getSetCookie().map((c) => new RegExp(`^${COOKIE}=([^;]+)`).exec(c)?.[1]).find(Boolean);
    expect(token).toBeTruthy();

    // web2 knows that session: the account page is the person's.
    const onWeb2 = await fetch(`${web2}/compte`, { headers: { cookie: `${COOKIE}=${token}` }, redirect: "manual" });
    expect(onWeb2.status).toBe(200);
    expect(await onWeb2.text()).toContain(person!.email);
    // Without it, the same page sends to the sign-in page.
    const without = await fetch(`${web2}/compte`, { redirect: "manual" });
    expect(without.status).toBeGreaterThanOrEqual(300);
    expect(without.status).toBeLessThan(400);
    expect(without.headers.get("location")).toContain("/connexion");
  }, 60_000);

  it("sign-in requests alternating web1 and web2 meet one limit: 5 links per address per hour, not 5 per instance", async () => {
    const [person] = await manyIntermittents(1, "limite");
    const signIn = action("app/connexion/actions.ts", "requestSignInLink");
    const sinkMark = sink.messages.length;
    const mark = await outboxIdMark();
    for (let i = 0; i < 8; i++) {
      const answer = await postAction(cluster.instanceUrls[i % 2]!, "/connexion", signIn, { email: person!.email });
      // The same answer either way (SECURITY.md: a refusal looks like an admission).
      expect(answer).toMatchObject({ status: 200, redirect: expect.stringContaining("/connexion/verification") });
    }
    await expect.poll(() => sink.messages.slice(sinkMark).filter((m) => recipientOf(m) === person!.email).length, { timeout: 30_000 }).toBe(5);
    await outboxSettled(mark);
    await new Promise((r) => setTimeout(r, 1_000)); // a late sixth would show now
    const links = sink.messages.slice(sinkMark).filter((m) => recipientOf(m) === person!.email);
    log(`limite de connexion : 8 demandes (4 par instance), ${links.length} liens envoyés`);
    expect(links).toHaveLength(5);
  }, 60_000);
});

describe("a rolling restart under a steady stream of requests through HAProxy", () => {
  it("web1 then web2 stopped (SIGTERM) and started again: no request fails", async () => {
    const { offerId } = await openOffer(db, contract, { daysAhead: 35, firstName: "Relève" });
    const readers = await manyIntermittents(600, "releve");
    const cookies = await sessionsFor(readers.map((p) => p.id));
    const field = await reserveFormField(offerId, cookies[0]!);
    const boundary = "----grappe" + randomUUID();
    const reserveBody = (id: number) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"\r\n\r\n\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="offerId"\r\n\r\n${id}\r\n--${boundary}--\r\n`;

    type Seen = { what: string; status: number | string; ms: number };
    const seen: Seen[] = [];
    let nextReserver = 0;
    let running = true;
    const client = async (lane: number) => {
      for (let i = 0; running; i++) {
        const t0 = performance.now();
        const cookie = cookies[(lane * 97 + i) % cookies.length]!;
        // Pages signed in and out, and every fifth request a « Réserver » by someone new.
        const kind = i % 5 === 4 ? "POST /paniers" : ["GET /paniers", "GET /mes-paniers", "GET /connexion", "GET /aide"][i % 4]!;
        try {
          let status: number | string;
          if (kind === "POST /paniers") {
            const who = nextReserver++;
            const response = await fetch(`${cluster.proxyUrl}/paniers?offre=${offerId}`, {
              method: "POST",
              redirect: "manual",
              headers: { cookie: cookies[who]!, origin: cluster.proxyUrl, "content-type": `multipart/form-data; boundary=${boundary}` },
              body: reserveBody(offerId),
            });
            await response.arrayBuffer();
            const location = response.headers.get("location") ?? "";
            // A success is the redirect to ?ok=…; a refusal (?erreur=…) is a failure the person would read.
            status = response.status === 303 && !/ok=(reserved|queued)/.test(location) ? `303 ${location}` : response.status;
          } else {
            const path = kind.slice(4);
            const signedIn = path === "/paniers" || path === "/mes-paniers";
            const response = await fetch(`${cluster.proxyUrl}${path}`, { redirect: "manual", headers: signedIn ? { cookie } : {} });
            await response.arrayBuffer();
            status = response.status;
          }
          seen.push({ what: kind, status, ms: performance.now() - t0 });
        } catch (error) {
          seen.push({ what: kind, status: `error: ${(error as Error).message}`, ms: performance.now() - t0 });
        }
      }
    };
    const lanes = Array.from({ length: 4 }, (_, lane) => client(lane));

    // HAProxy takes an instance out after two failed checks and logs « is DOWN », then « is UP »
    // once it answers again (bounded: a missed line fails below rather than hang the suite).
    const outAndBack = (name: string) => {
      let down = false;
      let resolveUp!: () => void;
      const up = new Promise<void>((resolve) => (resolveUp = resolve));
      const stop = cluster.haproxy.watch((line) => {
        if (line.includes(`Server app/${name} is DOWN`)) down = true;
        if (down && line.includes(`Server app/${name} is UP`)) resolveUp();
      });
      return {
        wentDown: () => down,
        backUp: async () => {
          const late = setTimeout(() => resolveUp(), 30_000);
          await up;
          clearTimeout(late);
        },
        stop,
      };
    };
    const steps: string[] = [];
    const exitCodes: (number | string | null)[] = [];
    // HAProxy's log: the requests it sent again (its retries field, « +n » when to the other instance).
    const retried: string[] = [];
    const stopWatching = cluster.haproxy.watch((line) => {
      const retries = / \d+\/\d+\/\d+\/\d+\/(\+?\d+) \d+\/\d+ /.exec(line)?.[1];
      if (retries && retries !== "0") retried.push(line);
    });
    try {
      await new Promise((r) => setTimeout(r, 2_000));
      for (const instance of cluster.instances) {
        const t0 = performance.now();
        const haproxy = outAndBack(instance.name);
        const code = await instance.stop("SIGTERM");
        exitCodes.push(code);
        const stoppedMs = performance.now() - t0;
        // Down for the time of an upgrade: long enough for HAProxy to take it out (two failed checks, 1 s apart).
        await new Promise((r) => setTimeout(r, 3_000));
        await instance.start();
        const healthyMs = performance.now() - t0;
        await haproxy.backUp();
        haproxy.stop();
        expect(haproxy.wentDown(), `${instance.name} taken out by HAProxy`).toBe(true);
        steps.push(`${instance.name}: exit ${code} after ${stoppedMs.toFixed(0)} ms, healthy ${healthyMs.toFixed(0)} ms, back in HAProxy ${(performance.now() - t0).toFixed(0)} ms`);
        await new Promise((r) => setTimeout(r, 2_000));
      }
    } finally {
      running = false;
      await Promise.all(lanes);
      stopWatching();
    }

    const failed = seen.filter((r) => r.status !== (r.what.startsWith("POST") ? 303 : 200));
    const byKind: Record<string, number> = {};
    for (const r of seen) byKind[r.what] = (byKind[r.what] ?? 0) + 1;
    const slowest = Math.max(...seen.map((r) => r.ms));
    log(`relève : ${steps.join(" ; ")}`);
    log(`relève : ${seen.length} requêtes ${JSON.stringify(byKind)}, échecs ${failed.length}, la plus lente ${slowest.toFixed(0)} ms`);
    log(`relève : ${retried.length} requêtes renvoyées par HAProxy${retried.length ? ` :\n${retried.slice(0, 10).join("\n")}` : ""}`);
    if (failed.length) log(`échecs : ${JSON.stringify(failed.slice(0, 20))}`);
    expect(failed).toEqual([]);
    // A graceful stop (scripts/serve.mjs): exit 0, each time.
    expect(exitCodes).toEqual([0, 0]);
    // Each « Réserver » answered as a success holds once in the database.
    const reservations = await reservationsOf(offerId);
    expect(reservations).toHaveLength(seen.filter((r) => r.what === "POST /paniers").length);
  }, 300_000);
});
