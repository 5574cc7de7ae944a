// `BENCH_ONLY=rush` (issue 14, point 5): an offer announced to 300
// intermittents, and all 300 open their email's link and press « Réserver »
// within 10 seconds — through HTTP, once against one web instance, once
// against two, both behind HAProxy (Debian's haproxy with deploy/haproxy.cfg
// as it is; with one instance both its servers are that one), started by the
// cluster test's harness (test/cluster/harness.ts). End to end as it
// happens: the member offers the basket with the /absence form (HTTP), the
// outbox worker (`npm run worker`'s script, a process of its own) hands the
// 300 announcements to the bench's SMTP sink, which keeps each message's
// links; each client takes the « Réserver » link of ITS email, GETs the link
// page, posts the page's form as a browser without JavaScript would, and
// follows the redirect to the answer page (three steps, each timed).
// Arrivals: uniform random times over the 10 s (seeded: both runs see the
// same schedule), each client pressing as soon as its page has arrived. A
// warm-up rush of 30 clients on another offer comes first (fresh instances
// compile their code on the first requests). Checked: no error, and exactly
// one pending reservation with 299 queued behind it at distinct positions.
import os from "node:os";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/types";
import { startCluster } from "../test/cluster/harness";
import { decodeEntities, formsOf, request } from "./forms";
import { startCountingSink, type CountingSink } from "./sink";

/** A result row as bench/run.ts prints it. */
type Row = { name: string; value: number; unit: string; target: number | null; kind: "max" | "min"; reference?: string };

export type RushContext = {
  db: Db;
  databaseUrl: string;
  record: (row: Row) => void;
  note: (text: string) => void;
  log: (text: string) => void;
};

const COOKIE = "authjs.session-token";
/** Intermittents on the list, all of whom open their link and press (BENCH_RUSH_PEOPLE to try fewer). */
const PEOPLE = Number(process.env.BENCH_RUSH_PEOPLE ?? 300);
/** The window the arrivals are spread over. */
const WINDOW_MS = Number(process.env.BENCH_RUSH_WINDOW_MS ?? 10_000);
/** Clients of the warm-up rush before each measured one. */
const WARM_UP = 30;
/** HAProxy's port, the instances' the next two. */
const PORT_BASE = Number(process.env.BENCH_RUSH_PORT_BASE ?? 3710);

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** mulberry32: a small seeded generator, so that every run has the same arrival times. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The action and object a link's token was made for (its payload is readable, only its signature is secret). */
function claimsOf(link: string): { a?: string; o?: number } | null {
  const token = decodeURIComponent(link.slice(link.lastIndexOf("/lien/") + 6));
  try {
    return JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8")) as { a?: string; o?: number };
  } catch {
    return null;
  }
}

type Setup = {
  member: { id: string; token: string; subscriptionId: number };
  distributions: number[];
  people: string[];
};

async function seedRush(db: Db, runs: number): Promise<Setup> {
  const s = await import("@/db/schema");
  const seed = await import("./seed");
  const f = await import("@/db/factories");
  const { addDays, parisDate } = await import("@/lib/domain/time");
  const place = await f.createPlace(db, { name: "Salle de la ruée", address: "3 rue du Marché, 69000 Lyon" });
  const contract = await f.createContract(db, { product: "Légumes", producer: "Ferme de la Ruée", size: "grand panier", unitPriceCents: 2200 });
  const member = await f.createMember(db, { firstName: "Maëlle", lastName: "Ruée", email: "membre@ruee.test", contractIds: [contract.id] });
  const [sub] = await db.select({ id: s.subscriptions.id }).from(s.subscriptions).where(eq(s.subscriptions.userId, member.id));
  const distributions: number[] = [];
  for (let run = 0; run < runs; run++) {
    const d = await f.createDistribution(db, { placeId: place.id, date: addDays(parisDate(new Date()), 4 + 7 * run), contractIds: [contract.id] });
    distributions.push(d.id);
  }
  const people = await seed.addIntermittents(db, "ruee", PEOPLE);
  return { member: { id: member.id, token: await seed.createSession(db, member.id), subscriptionId: sub!.id }, distributions, people };
}

/** Who answered a 503: HAProxy (no server up) or the app (its page for « the database does not answer », proxy.ts). */
function whose(answer: { status: number; body: string }): string {
  // A form answered by its page again (200): the action refused or failed, and says why in its alert.
  const alert = /<p role="alert"[^>]*>([\s\S]*?)<\/p>/.exec(answer.body.slice(Math.max(0, answer.body.indexOf("<main"))))?.[1];
  if (answer.status === 200 && alert) return ` (« ${decodeEntities(alert.replace(/<[^>]+>/g, "")).trim().slice(0, 100)} »)`;
  if (answer.status !== 503) return "";
  if (answer.body.includes("No server is available")) return " (HAProxy : aucun serveur)";
  if (answer.body.includes("<html")) return " (page « base indisponible » de l'app)";
  return "";
}

type Outcome = {
  open: number[];
  press: number[];
  /** The page the answer redirects to (/lien/fait?r=…). */
  done: number[];
  outcomes: Map<string, number>;
  errors: number;
  wallMs: number;
  offerId: number;
  offerMs: number;
  deliveredMs: number;
};

/**
 * One rush on `baseUrl`: the member offers the basket of `distributionId`,
 * the worker announces it, and the first `clients` recipients arrive over
 * `windowMs`, each with the link of its own email.
 */
async function rushOnce(db: Db, sink: CountingSink, setup: Setup, baseUrl: string, distributionId: number, clients: number, windowMs: number): Promise<Outcome> {
  const s = await import("@/db/schema");
  await sink.reset();
  // 1. The member offers the basket: the /absence form, as posted without JavaScript.
  const cookie = `${COOKIE}=${setup.member.token}`;
  const absence = await request(`${baseUrl}/absence`, { cookie });
  if (absence.status !== 200) throw new Error(`/absence: HTTP ${absence.status}`);
  const form = formsOf(absence.body).find((f) => f.named.includes("distributionId") && f.named.includes("subscriptionId"));
  if (!form) throw new Error("/absence: no offer form");
  const t0 = performance.now();
  const offered = await request(`${baseUrl}/absence`, {
    cookie,
    fields: [...form.hidden, ["distributionId", String(distributionId)], ["subscriptionId", String(setup.member.subscriptionId)], ["message", "Je pars, bon appétit !"]],
  });
  if (offered.status !== 303) throw new Error(`offer form: HTTP ${offered.status} ${offered.location}`);
  const [offer] = await db.select({ id: s.offers.id }).from(s.offers).where(eq(s.offers.distributionId, distributionId));
  if (!offer) throw new Error("the offer form made no offer");
  // 2. The worker delivers the announcements; the clients wait for theirs (other mail may come too: a former run's left in the outbox).
  const links = new Map<string, string>();
  for (const deadline = Date.now() + 120_000; links.size < PEOPLE && Date.now() < deadline; ) {
    await new Promise((r) => setTimeout(r, 200));
    for (const m of await sink.messages()) {
      const reserve = m.links.find((l) => claimsOf(l)?.a === "reserve" && claimsOf(l)?.o === offer.id);
      if (reserve) links.set(m.to, reserve);
    }
  }
  const deliveredMs = performance.now() - t0;
  if (links.size !== PEOPLE) throw new Error(`${links.size} « Réserver » links for offer ${offer.id} within 120 s, not ${PEOPLE}`);

  // 3. The rush: each client at its time, with its own link, then its page's button.
  const random = seeded(14);
  const arrivals = Array.from({ length: clients }, () => random() * windowMs);
  const result: Outcome = { open: [], press: [], done: [], outcomes: new Map(), errors: 0, wallMs: 0, offerId: offer.id, offerMs: offered.ms, deliveredMs };
  const count = (k: string) => result.outcomes.set(k, (result.outcomes.get(k) ?? 0) + 1);
  const started = performance.now();
  await Promise.all(
    [...links.values()].slice(0, clients).map(async (link, k) => {
      await new Promise((r) => setTimeout(r, arrivals[k]));
      // The link as the email gives it (APP_URL is the proxy's address).
      try {
        const page = await request(link);
        result.open.push(page.ms);
        if (page.status !== 200) {
          result.errors++;
          return count(`lien HTTP ${page.status}${whose(page)}`);
        }
        const button = formsOf(page.body).find((f) => f.hidden.some(([name]) => name === "token"));
        if (!button) {
          result.errors++;
          return count("lien sans bouton");
        }
        const pressed = await request(link, { fields: button.hidden });
        result.press.push(pressed.ms);
        if (pressed.status !== 303) {
          result.errors++;
          return count(`« Réserver » HTTP ${pressed.status}${whose(pressed)}`);
        }
        // The browser follows the redirect: the page that says how it went.
        const answer = new URL(pressed.location, link);
        const done = await request(answer.toString());
        result.done.push(done.ms);
        if (done.status !== 200) {
          result.errors++;
          return count(`${answer.pathname} HTTP ${done.status}${whose(done)}`);
        }
        count(`${answer.pathname}${answer.search}`);
      } catch (error) {
        result.errors++;
        count(`erreur ${error instanceof Error ? error.message : error}`);
      }
    }),
  );
  result.wallMs = performance.now() - started;
  result.open.sort((a, b) => a - b);
  result.press.sort((a, b) => a - b);
  result.done.sort((a, b) => a - b);
  return result;
}

export async function rushPart(ctx: RushContext) {
  const { db, databaseUrl, record, note, log } = ctx;
  const s = await import("@/db/schema");
  const variants = [
    { label: "1 instance", instances: 1 as const },
    { label: "2 instances", instances: 2 as const },
  ].filter((v) => !process.env.BENCH_RUSH_INSTANCES || process.env.BENCH_RUSH_INSTANCES === String(v.instances));
  // Per variant: a warm-up rush (the instances fresh from their start have code to load and compile), then the measured one.
  const setup = await seedRush(db, 2 * variants.length);
  const sink = await startCountingSink({ keepLinks: true });
  try {
    for (const [i, variant] of variants.entries()) {
      log(`ruée (${variant.label}) : démarrage de HAProxy, des instances et du worker…`);
      // One worker, as a small host runs it; polling every 200 ms rather than 5 s, so the wait for the emails is the delivery's.
      const cluster = await startCluster({
        databaseUrl,
        instances: variant.instances,
        workers: 1,
        smtpUrl: sink.url,
        proxyPort: PORT_BASE,
        instancePorts: [PORT_BASE + 1, PORT_BASE + 2],
        workerEnv: { OUTBOX_POLL_MS: "200" },
      });
      // What HAProxy says of its servers during the run (a health check failing twice takes a server out).
      const proxyEvents: string[] = [];
      const proxyAlerts: string[] = [];
      const unwatch = cluster.haproxy.watch((line) => {
        // HAProxy may say each twice (its log on stdout, its alert on stderr, which the harness marks "[err] "): kept per stream.
        const event = /Server app\/web\d is (DOWN|UP)/.exec(line)?.[0] ?? (/has no server available/.test(line) ? "backend app has no server available" : null);
        const into = line.startsWith("[err] ") ? proxyAlerts : proxyEvents;
        // Its log line and its own notice come one after the other: said once.
        if (event && into.at(-1) !== event) into.push(event);
      });
      try {
        log(`ruée (${variant.label}) : tour de chauffe (${WARM_UP} clients en 2 s)…`);
        const warm = await rushOnce(db, sink, setup, cluster.proxyUrl, setup.distributions[2 * i]!, WARM_UP, 2000);
        if (warm.errors) throw new Error(`warm-up: ${[...warm.outcomes].map(([k, v]) => `${v} × ${k}`).join(", ")}`);
        log(`ruée (${variant.label}) : ${PEOPLE} clients en ${WINDOW_MS / 1000} s…`);
        const loadBefore = os.loadavg()[0]!.toFixed(1);
        proxyEvents.length = 0;
        proxyAlerts.length = 0;
        const run = await rushOnce(db, sink, setup, cluster.proxyUrl, setup.distributions[2 * i + 1]!, PEOPLE, WINDOW_MS);
        const [state] = await db
          .select({
            pending: sql<number>`count(*) filter (where ${s.reservations.status} = 'pending')::int`,
            queued: sql<number>`count(*) filter (where ${s.reservations.status} = 'queued')::int`,
            positions: sql<number>`count(distinct ${s.reservations.position}) filter (where ${s.reservations.status} = 'queued')::int`,
            // One event per reservation made (its action names the step: reserve, queue).
            events: sql<number>`(select count(*)::int from ${s.events} where ${s.events.offerId} = ${run.offerId} and ${s.events.reservationId} is not null)`,
          })
          .from(s.reservations)
          .where(and(eq(s.reservations.offerId, run.offerId)));
        const proxySaid = proxyEvents.length >= proxyAlerts.length ? proxyEvents : proxyAlerts;
        const label = `ruée ${PEOPLE} en ${WINDOW_MS / 1000} s, ${variant.label}`;
        record({ name: `${label} : ouvrir le lien, médiane`, value: percentile(run.open, 50), unit: "ms", target: null, kind: "max" });
        record({ name: `${label} : ouvrir le lien, p95`, value: percentile(run.open, 95), unit: "ms", target: null, kind: "max" });
        record({ name: `${label} : « Réserver », médiane`, value: percentile(run.press, 50), unit: "ms", target: null, kind: "max" });
        // The issue 6 target for a reservation in a race (p95 ≤ 250 ms) is the one the rush is read against.
        record({ name: `${label} : « Réserver », p95`, value: percentile(run.press, 95), unit: "ms", target: 250, kind: "max" });
        record({ name: `${label} : page de réponse, médiane`, value: percentile(run.done, 50), unit: "ms", target: null, kind: "max" });
        record({ name: `${label} : page de réponse, p95`, value: percentile(run.done, 95), unit: "ms", target: null, kind: "max" });
        record({ name: `${label} : erreurs`, value: run.errors, unit: "", target: 0, kind: "max" });
        record({ name: `${label} : en attente de réponse`, value: state?.pending ?? 0, unit: "", target: 1, kind: "max" });
        record({ name: `${label} : en file, places distinctes`, value: state?.positions ?? 0, unit: "", target: PEOPLE - 1, kind: "min" });
        note(
          `${label} : ${[...run.outcomes].map(([k, v]) => `${v} × ${k}`).join(", ")} ; en base ${state?.pending} pending, ${state?.queued} queued ` +
            `à ${state?.positions} places distinctes, ${state?.events} événements de réservation ; ` +
            `ouvrir : médiane ${percentile(run.open, 50).toFixed(0)} ms, p95 ${percentile(run.open, 95).toFixed(0)} ms, max ${(run.open.at(-1) ?? 0).toFixed(0)} ms ; ` +
            `« Réserver » : médiane ${percentile(run.press, 50).toFixed(0)} ms, p95 ${percentile(run.press, 95).toFixed(0)} ms, max ${(run.press.at(-1) ?? 0).toFixed(0)} ms ; ` +
            `page de réponse (/lien/fait) : médiane ${percentile(run.done, 50).toFixed(0)} ms, p95 ${percentile(run.done, 95).toFixed(0)} ms ; ` +
            `dernier servi ${(run.wallMs / 1000).toFixed(1)} s après le premier départ ; offre (formulaire /absence) ${run.offerMs.toFixed(0)} ms, ` +
            `${PEOPLE} annonces remises au puits SMTP ${(run.deliveredMs / 1000).toFixed(1)} s après l'offre (un worker, sondage 200 ms) ; ` +
            `HAProxy : ${proxySaid.length ? proxySaid.join(", ") : "aucun serveur sorti"} ; charge de la machine (1 min) avant ${loadBefore}, après ${os.loadavg()[0]!.toFixed(1)}`,
        );
      } finally {
        unwatch();
        await cluster.stop();
      }
    }
  } finally {
    await sink.close();
  }
}
