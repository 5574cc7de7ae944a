// `BENCH_ONLY=capacity` (issue 14, point 6): the CPU time one request costs,
// measured, for each main page and command, in the web process AND in
// Postgres; and the worker's (and Postgres's) per email delivered. The
// figures a host plugs into the capacity model of BENCHMARKS.md.
//
// How: one web instance and one worker behind HAProxy (the cluster test's
// harness, test/cluster/harness.ts), one AMAP as the network bench seeds one
// (100 members, 30 intermittents on the list), 20 offers listed. For each
// page, N requests one after another (each on a new connection, as separate
// browsers), reading before and after the utime + stime of the web instance
// (/proc/<pid>/stat) and of every Postgres backend of the bench's database;
// minus what the same processes spend idle over as long (measured first).
// Commands are the pages' own forms posted as without JavaScript (bench/forms.ts),
// N distinct ones (N members offering, N intermittents reserving…), their
// redirect not followed (the page it leads to is measured as a page). The
// worker is stopped while the commands run, then started with the mail they
// queued held back, and timed once released.
import { sql } from "drizzle-orm";
import type { Db } from "@/db/types";
import { startCluster, type Cluster } from "../test/cluster/harness";
import { measureCpu, postgresCpu, treeCpu, type Probe } from "./cpu";
import { formsOf, request } from "./forms";
import { startCountingSink } from "./sink";

type Row = { name: string; value: number; unit: string; target: number | null; kind: "max" | "min"; reference?: string };

export type CapacityContext = {
  db: Db;
  databaseUrl: string;
  dbName: string;
  record: (row: Row) => void;
  note: (text: string) => void;
  log: (text: string) => void;
};

const COOKIE = "authjs.session-token";
/** Sequential requests per page and command (at most 100: one per member of the scene). */
const N = Math.min(100, Number(process.env.BENCH_CAPACITY_REQUESTS ?? 100));
/** HAProxy's port, the instance's the next one. */
const PORT_BASE = Number(process.env.BENCH_CAPACITY_PORT_BASE ?? 3730);
/** Offers listed on /paniers: what a busy AMAP shows (the issue 6 figures use 200). */
const LISTED = Number(process.env.BENCH_CAPACITY_OFFERS ?? 20);
/** The AMAP's list: each offer is announced to this many (the network bench's AMAPs have 30). */
const LIST = 30;
/** After the last response, time for work the answer left behind (after(), revalidation) before the second reading. */
const SETTLE_MS = 500;

/** CPU ms per request (per email for the worker: `web` is then the worker's), HAProxy's included. */
export type Cost = { name: string; kind: "page" | "commande" | "e-mail"; web: number; pg: number; proxy?: number; medianMs: number; n: number };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

export async function capacityPart(ctx: CapacityContext) {
  const { db, databaseUrl, dbName, record, note, log } = ctx;
  const s = await import("@/db/schema");
  const seed = await import("./seed");
  const { createLinkToken } = await import("@/lib/server/core/signed-links");
  const { firstAmapId } = await import("@/db/queries");

  // The scene: 100 members, 20 distributions, 21 intermittents; 20 offers listed; the list made 30.
  const scene = await seed.createScene(db);
  await seed.growOffers(db, scene, LISTED);
  await seed.addIntermittents(db, "liste", LIST - 21);
  const amapId = await firstAmapId(db);
  const [referent] = await db
    .insert(s.users)
    .values({ email: "referente@capacite.test", firstName: "Rita", lastName: "Référente", name: "Rita Référente" })
    .returning({ id: s.users.id });
  await db.insert(s.amapReferents).values({ amapId, userId: referent!.id });
  const memberTokens = await seed.createSessions(db, scene.members.map((m) => m.id));
  const [readerToken, referentToken] = await seed.createSessions(db, [scene.reader, referent!.id]);

  const sink = await startCountingSink();
  const cluster: Cluster = await startCluster({
    databaseUrl,
    instances: 1,
    workers: 1,
    smtpUrl: sink.url,
    proxyPort: PORT_BASE,
    instancePorts: [PORT_BASE + 1],
    // The bench's secret, so that the links it signs here open on the instance.
    env: { AUTH_SECRET: process.env.AUTH_SECRET!, SIGN_IN_LIMIT_PER_IP: "100000" },
    workerEnv: { OUTBOX_POLL_MS: "500" },
  });
  const base = cluster.proxyUrl;
  const costs: Cost[] = [];
  /** Emails a worker sends a second, measured below. */
  let ratePerWorker = 0;
  try {
    // The worker waits while pages and commands are measured: the mail they queue is its part, measured last.
    await cluster.workers[0]!.stop("SIGTERM", 20_000);
    const web: Probe = () => treeCpu(cluster.instances[0]!.pid!);
    const pg: Probe = () => postgresCpu(dbName);
    const proxy: Probe = () => treeCpu(cluster.haproxy.pid!);

    // Idle: what the instance and the backends spend doing nothing, per second.
    const idleFor = async (ms: number, probes: Record<string, Probe>) =>
      (await measureCpu(probes, () => new Promise((r) => setTimeout(r, ms)))).cpu;
    const idle5 = await idleFor(5000, { web, pg, proxy });
    const idleRate = { web: idle5.web! / 5000, pg: idle5.pg! / 5000, proxy: idle5.proxy! / 5000 };
    note(`capacité : au repos, l'instance dépense ${(idleRate.web * 1000).toFixed(0)} ms de CPU par seconde, les processus Postgres de la base ${(idleRate.pg * 1000).toFixed(0)} ms`);

    /** Runs `one(k)` for k = 0…n-1 in turn, after `warm` unmeasured ones; CPU per call, minus idle. */
    const measure = async (name: string, kind: Cost["kind"], one: (k: number) => Promise<number>, n = N, warm: ((k: number) => Promise<number>) | null = one) => {
      if (warm) for (let k = 0; k < 3; k++) await warm(k);
      const times: number[] = [];
      const { cpu, wallMs } = await measureCpu({ web, pg, proxy }, async () => {
        for (let k = 0; k < n; k++) times.push(await one(k));
        await new Promise((r) => setTimeout(r, SETTLE_MS));
      });
      const cost: Cost = {
        name,
        kind,
        web: Math.max(0, cpu.web! - idleRate.web * wallMs) / n,
        pg: Math.max(0, cpu.pg! - idleRate.pg * wallMs) / n,
        proxy: Math.max(0, cpu.proxy! - idleRate.proxy * wallMs) / n,
        medianMs: median(times),
        n,
      };
      costs.push(cost);
      log(`capacité : ${name} — web ${cost.web.toFixed(1)} ms, Postgres ${cost.pg.toFixed(1)} ms, HAProxy ${cost.proxy!.toFixed(2)} ms de CPU par requête (médiane ${cost.medianMs.toFixed(0)} ms)`);
    };
    const get = (path: string, cookie: string | null, expect = 200) => async () => {
      const answer = await request(`${base}${path}`, { cookie: cookie ? `${COOKIE}=${cookie}` : undefined });
      if (answer.status !== expect) throw new Error(`GET ${path}: HTTP ${answer.status}, not ${expect}`);
      return answer.ms;
    };
    const post = async (path: string, cookie: string | null, fields: [string, string][], expect = 303) => {
      const answer = await request(`${base}${path}`, { cookie: cookie ? `${COOKIE}=${cookie}` : undefined, fields });
      if (answer.status !== expect) throw new Error(`POST ${path}: HTTP ${answer.status}, not ${expect} (${answer.location})`);
      return answer;
    };
    /** The hidden fields of the page's form that has `field`, read once (the action's id is the same for everyone). */
    const formFields = async (path: string, cookie: string | null, field: string, named = false) => {
      const page = await request(`${base}${path}`, { cookie: cookie ? `${COOKIE}=${cookie}` : undefined });
      const form = formsOf(page.body).find((f) => (named ? f.named.includes(field) : f.hidden.some(([name]) => name === field)));
      if (!form) throw new Error(`${path}: no form with the field ${field} (HTTP ${page.status})`);
      return form.hidden;
    };
    const replace = (fields: [string, string][], values: Record<string, string>): [string, string][] =>
      fields.map(([name, value]) => [name, name in values ? values[name]! : value]);

    // ---- Pages
    const member = memberTokens[5]!;
    const [openOffer] = await db.select({ id: s.offers.id }).from(s.offers).where(sql`${s.offers.status} = 'open'`).limit(1);
    const linkFor = (userId: string, action: "reserve", objectId: number) =>
      `/lien/${createLinkToken({ userId, action, objectId, expiresAt: new Date(Date.now() + 7 * 86_400_000) })}`;
    const pages: [string, string, string | null][] = [
      ["/ (intermittent)", "/", readerToken!],
      ["/connexion (sans session)", "/connexion", null],
      [`/paniers (intermittent, ${LISTED} offres)`, "/paniers", readerToken!],
      ["/mes-paniers (amapien)", "/mes-paniers", member],
      ["/absence (amapien)", "/absence", member],
      ["/inscription (intermittent)", "/inscription", readerToken!],
      ["/lien/<jeton> « Réserver » (sans session)", linkFor(scene.reader, "reserve", openOffer!.id), null],
      ["/lien/fait?r=queued", "/lien/fait?r=queued", null],
      ["/admin (référent)", "/admin", referentToken!],
      ["/admin/paniers (référent)", "/admin/paniers", referentToken!],
      ["/admin/intermittents (référent)", "/admin/intermittents", referentToken!],
      ["/admin/amapiens (référent)", "/admin/amapiens", referentToken!],
      ["/admin/emargement (référent)", "/admin/emargement", referentToken!],
    ];
    for (const [name, path, cookie] of pages) await measure(name, "page", get(path, cookie));

    // ---- Commands
    // Offer a basket: N members, each its vegetable basket at a distribution of its own choosing (the 11th, free of offers).
    const distribution = scene.distributions[10]!;
    const offerForm = await formFields("/absence", memberTokens[0]!, "distributionId", true);
    const offerAt = (k: number, d: { id: number }) => async () =>
      (
        await post("/absence", memberTokens[k]!, [
          ...offerForm,
          ["distributionId", String(d.id)],
          ["subscriptionId", String(scene.members[k]!.vegSub)],
          ["message", "Je pars, bon appétit !"],
        ])
      ).ms;
    // Warm-up offers: three members at the 12th distribution.
    let warmOffer = 0;
    await measure(`offrir un panier (formulaire /absence, annoncé à ${LIST})`, "commande", (k) => offerAt(k, distribution)(), N, () => offerAt(warmOffer++, scene.distributions[11]!)());
    const offers = await db
      .select({ id: s.offers.id, memberId: s.offers.memberId })
      .from(s.offers)
      .where(sql`${s.offers.distributionId} = ${distribution.id}`);
    const offerOf = new Map(offers.map((o) => [o.memberId, o.id]));
    const offerIds = scene.members.slice(0, N).map((m) => offerOf.get(m.id)!);

    // Reserve: N intermittents (joining the list now), intermittent k the offer of member k, from /paniers?offre=….
    const takers = await seed.addIntermittents(db, "preneur", N + 3);
    const takerTokens = await seed.createSessions(db, takers);
    const warmOffers = (await db.select({ id: s.offers.id }).from(s.offers).where(sql`${s.offers.distributionId} = ${scene.distributions[11]!.id}`)).map((o) => o.id);
    const reserveForm = await formFields(`/paniers?offre=${offerIds[0]}`, takerTokens[0]!, "offerId");
    const reserve = (token: string, offerId: number) => async () =>
      (await post(`/paniers?offre=${offerId}`, token, replace(reserveForm, { offerId: String(offerId) }))).ms;
    await measure("réserver (formulaire /paniers, le premier : en attente)", "commande", (k) => reserve(takerTokens[k]!, offerIds[k]!)(), N, (k) =>
      reserve(takerTokens[N + k]!, warmOffers[k]!)(),
    );

    // Reserve from the email's link: intermittent k joins the line of offer k+1 (what 299 of the rush's 300 do).
    const linkFields = async (path: string) => {
      const page = await request(`${base}${path}`);
      const form = formsOf(page.body).find((f) => f.hidden.some(([name]) => name === "token"));
      if (!form) throw new Error(`${path}: no button (HTTP ${page.status})`);
      return form.hidden;
    };
    const linkPaths = takers.slice(0, N).map((userId, k) => linkFor(userId, "reserve", offerIds[(k + 1) % N]!));
    const linkForms: [string, string][][] = [];
    for (const path of linkPaths) linkForms.push(await linkFields(path)); // the pages, opened before: not counted here
    const warmLinks = [0, 1, 2].map((k) => linkFor(takers[N + k]!, "reserve", warmOffers[(k + 1) % 3]!));
    const warmForms: [string, string][][] = [];
    for (const path of warmLinks) warmForms.push(await linkFields(path));
    await measure("réserver par le lien de l'e-mail (bouton de /lien/…, rejoindre la file)", "commande", async (k) => (await post(linkPaths[k]!, null, linkForms[k]!)).ms, N, async (k) =>
      (await post(warmLinks[k]!, null, warmForms[k]!)).ms,
    );

    // Accept: member k accepts the pending reservation on its offer, from /mes-paniers.
    const pending = await db
      .select({ id: s.reservations.id, offerId: s.reservations.offerId })
      .from(s.reservations)
      .where(sql`${s.reservations.status} = 'pending' and ${s.reservations.offerId} in ${[...offerIds, ...warmOffers]}`);
    const pendingOf = new Map(pending.map((r) => [r.offerId, r.id]));
    const acceptForm = await formFields("/mes-paniers", memberTokens[0]!, "reservationId");
    const warmMembers = (await db.select({ memberId: s.offers.memberId, id: s.offers.id }).from(s.offers).where(sql`${s.offers.id} in ${warmOffers}`)).map((o) => ({
      token: memberTokens[scene.members.findIndex((m) => m.id === o.memberId)]!,
      offerId: o.id,
    }));
    const accept = (token: string, offerId: number) => async () =>
      (await post("/mes-paniers", token, replace(acceptForm, { reservationId: String(pendingOf.get(offerId)) }))).ms;
    await measure("accepter (formulaire /mes-paniers)", "commande", (k) => accept(memberTokens[k]!, offerIds[k]!)(), N, (k) =>
      accept(warmMembers[k]!.token, warmMembers[k]!.offerId)(),
    );

    // Ask for a sign-in link: N known addresses (the after() that queues the mail runs in the window).
    const emails = await db.select({ email: s.users.email }).from(s.users).where(sql`${s.users.id} in ${takers}`);
    const signInForm = await formFields("/connexion", null, "email", true);
    await measure("demander un lien de connexion (formulaire /connexion)", "commande", async (k) => (await post("/connexion", null, [...signInForm, ["email", emails[k]!.email]])).ms, N, async (k) =>
      (await post("/connexion", null, [...signInForm, ["email", emails[N + k]!.email]])).ms,
    );

    // ---- The worker: what it spends per email sent. The commands' mail is left aside (held back an hour: much of
    // it would be skipped at sending, its offer taken meanwhile); ten more offers, made by the command in this
    // process and open while their announcements go out, give the worker mail to send, held back too until the
    // worker is up and its idle measured, then released at once.
    await db.execute(sql`update ${s.outbox} set next_attempt_at = now() + interval '1 hour' where status = 'pending'`);
    const [{ last } = { last: 0 }] = await db.select({ last: sql<number>`coalesce(max(${s.outbox.id}), 0)::int` }).from(s.outbox);
    const { viewerForUser } = await import("@/lib/server/auth/auth");
    const { createOffers } = await import("@/lib/server/exchange/offers");
    for (let k = 0; k < 10; k++) {
      const owner = (await viewerForUser(db, scene.members[k]!.id))!;
      const made = await createOffers(owner, { distributionIds: [scene.distributions[12]!.id], subscriptionIds: [scene.members[k]!.vegSub], message: "", autoAccept: false });
      if (!made.ok) throw new Error(`createOffers refused: ${made.refusal}`);
    }
    await db.execute(sql`update ${s.outbox} set next_attempt_at = now() + interval '1 hour' where status = 'pending' and id > ${last}`);
    const [queued] = await db.select({ n: sql<number>`count(*)::int` }).from(s.outbox).where(sql`${s.outbox.id} > ${last}`);
    await sink.reset();
    await cluster.workers[0]!.start();
    const worker: Probe = () => treeCpu(cluster.workers[0]!.pid!);
    await new Promise((r) => setTimeout(r, 2000));
    const idleWorker = await idleFor(5000, { worker, pg });
    const left = async () =>
      (await db.select({ n: sql<number>`count(*)::int` }).from(s.outbox).where(sql`${s.outbox.id} > ${last} and ${s.outbox.status} in ('pending', 'sending')`))[0]!.n;
    const { cpu, wallMs } = await measureCpu({ worker, pg }, async () => {
      await db.execute(sql`update ${s.outbox} set next_attempt_at = now() where status = 'pending' and id > ${last}`);
      for (const deadline = Date.now() + 120_000; (await left()) > 0 && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 100));
    });
    const delivered = await sink.received();
    const statuses = await db.execute(sql`select status, kind, count(*)::int as n from ${s.outbox} where id > ${last} group by 1, 2 order by 1, 2`);
    const byStatus = (Array.isArray(statuses) ? statuses : (statuses as unknown as { rows: unknown[] }).rows) as { status: string; kind: string; n: number }[];
    if ((await left()) > 0 || delivered === 0) throw new Error(`the worker left mail unsent within 120 s: ${JSON.stringify(byStatus)}\n${cluster.tails()}`);
    const perEmail = {
      worker: Math.max(0, cpu.worker! - (idleWorker.worker! / 5000) * wallMs) / delivered,
      pg: Math.max(0, cpu.pg! - (idleWorker.pg! / 5000) * wallMs) / delivered,
    };
    ratePerWorker = delivered / (wallMs / 1000);
    costs.push({ name: "remettre un e-mail au SMTP (worker)", kind: "e-mail", web: perEmail.worker, pg: perEmail.pg, medianMs: wallMs / delivered, n: delivered });
    note(
      `capacité : le worker a remis ${delivered} e-mails (${byStatus.map((r) => `${r.n} ${r.kind} ${r.status}`).join(", ")} ; ${queued!.n} en file) ` +
        `en ${(wallMs / 1000).toFixed(1)} s (${(delivered / (wallMs / 1000)).toFixed(0)} par seconde)`,
    );
  } finally {
    await cluster.stop();
    await sink.close();
  }

  for (const c of costs) {
    const what = c.kind === "e-mail" ? "worker" : "web";
    record({ name: `CPU ${what}, ${c.name}`, value: c.web, unit: "ms", target: null, kind: "max" });
    record({ name: `CPU Postgres, ${c.name}`, value: c.pg, unit: "ms", target: null, kind: "max" });
  }
  const proxied = costs.filter((c) => c.proxy !== undefined).map((c) => c.proxy!);
  note(`capacité : HAProxy, de ${Math.min(...proxied).toFixed(2)} à ${Math.max(...proxied).toFixed(2)} ms de CPU par requête (pages et commandes)`);
  note(`capacité : ${N} requêtes par page et par commande, les unes après les autres ; CPU lu dans /proc (utime + stime, au centième de seconde), moins le repos`);
  note(
    `capacité (JSON, pour le modèle) : ${JSON.stringify(costs.map((c) => ({ ...c, web: +c.web.toFixed(2), pg: +c.pg.toFixed(2), proxy: c.proxy === undefined ? undefined : +c.proxy.toFixed(2), medianMs: +c.medianMs.toFixed(1) })))}`,
  );
  for (const scenario of SCENARIOS) {
    const m = capacityModel(costs, ratePerWorker, scenario);
    note(
      `modèle, ${m.label} (${m.amaps} AMAP × ${m.intermittents} intermittents, ${m.share * 100} % pressent dans les ${m.seconds} s, ${m.extraPages} page de plus, cœurs à ${UTILISATION * 100} %) : ` +
        `annonces remises en ${m.deliverySeconds.toFixed(0)} s, ${m.perSecond.toFixed(0)} personnes par seconde × (${m.personWeb.toFixed(1)} ms web, ${m.personPg.toFixed(1)} ms Postgres) → ` +
        `${m.webCores.toFixed(1)} cœurs web (${m.instances} instances), ${m.pgCores.toFixed(1)} cœurs Postgres, ${m.workerCores.toFixed(1)} cœurs de workers, ${m.connections} connexions Postgres`,
    );
  }
}

// ---------------------------------------------------------------------------
// The model: the announcement rush in every AMAP at once (BENCHMARKS.md, « Capacity model »).

export type Assumptions = {
  label: string;
  amaps: number;
  /** Intermittents on each AMAP's list (each gets the announcement). */
  intermittents: number;
  /** Share of them who open the link and press « Réserver ». */
  share: number;
  /** Within how many seconds of receiving the email. */
  seconds: number;
  /** Pages each views beyond the link, the press and its answer (e.g. /paniers after). */
  extraPages: number;
  /** Outbox workers sending the announcements. */
  workers: number;
};

/** A core kept at most this busy at the peak. */
export const UTILISATION = 0.7;

export const SCENARIOS: Assumptions[] = [
  { label: "le pic de l'issue, 7 workers", amaps: 500, intermittents: 30, share: 1, seconds: 10, extraPages: 1, workers: 7 },
  { label: "le pic de l'issue, 1 worker", amaps: 500, intermittents: 30, share: 1, seconds: 10, extraPages: 1, workers: 1 },
  { label: "la moitié en 10 minutes, 1 worker", amaps: 500, intermittents: 30, share: 0.5, seconds: 600, extraPages: 1, workers: 1 },
];

/** What one person of the rush costs (ms of CPU): the link's page, its button, the answer's page, and extra pages like /paniers. */
export function perPerson(costs: Cost[], extraPages: number) {
  const find = (prefix: string) => {
    const c = costs.find((x) => x.name.startsWith(prefix));
    if (!c) throw new Error(`no cost measured for ${prefix}`);
    return c;
  };
  const steps = [find("/lien/<jeton>"), find("réserver par le lien"), find("/lien/fait")];
  const extra = find("/paniers");
  return {
    web: steps.reduce((t, c) => t + c.web, 0) + extraPages * extra.web,
    pg: steps.reduce((t, c) => t + c.pg, 0) + extraPages * extra.pg,
    email: find("remettre un e-mail"),
  };
}

/**
 * The peak: emails go out at `workers × rate` a second, so the A × I
 * announcements take D = A × I / (W × rate) seconds; the people who press
 * arrive over the longer of D and their window T: λ = share × A × I / max(D, T)
 * a second. Web cores = λ × c_web / u (one instance per core: Node runs the
 * app's JavaScript on one thread); Postgres cores = (λ × c_pg + W × rate × c_pg,mail) / u
 * (the workers send flat out while the rush goes on);
 * connections = 11 × instances + 10 × workers + 5 + 3 (deploy/README.md: a pool of 10 each, and a web instance's health-check connection).
 */
export function capacityModel(costs: Cost[], ratePerWorker: number, a: Assumptions) {
  const person = perPerson(costs, a.extraPages);
  const emails = a.amaps * a.intermittents;
  const deliverySeconds = emails / (a.workers * ratePerWorker);
  const perSecond = (a.share * emails) / Math.max(deliverySeconds, a.seconds);
  // The workers send flat out until the announcements are out, during the rush.
  const sendRate = a.workers * ratePerWorker;
  const webCores = (perSecond * person.web) / 1000 / UTILISATION;
  const pgCores = (perSecond * person.pg + sendRate * person.email.pg) / 1000 / UTILISATION;
  const instances = Math.max(1, Math.ceil(webCores));
  return {
    ...a,
    deliverySeconds,
    perSecond,
    personWeb: person.web,
    personPg: person.pg,
    webCores,
    instances,
    pgCores,
    workerCores: (a.workers * ratePerWorker * person.email.web) / 1000,
    connections: 11 * instances + 10 * a.workers + 5 + 3,
  };
}
