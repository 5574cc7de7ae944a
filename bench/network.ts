// `BENCH_ONLY=network` (issue 13, « Performance and scale »): one AMAP alone
// in the database, then the same AMAP among 300 (bench/network-seed.ts), each
// figure measured in both within one run, so the ratio says what the other
// 299 AMAPs cost the one at hand (the commands before and after the others
// are seeded; the pages on two databases side by side, their runs
// alternated: httpComparison). Figures: /<slug>/paniers for one of its
// intermittents (1 and 20 clients), an offer announced to the AMAP's list
// (createOffers), the announcement to its partners' opted-in intermittents,
// the network's statistics (readNetwork, /reseau as the network's
// administrator), the database's size; then EXPLAIN of the queries behind
// them on the 300-AMAP database, to find a sequential scan of a big table.
import { and, eq, sql } from "drizzle-orm";
import postgres from "postgres";
import type { Db } from "@/db/types";
import { seedAmaps, seedPartnerships, slugOf } from "./network-seed";

/** AMAPs in the network (BENCH_NETWORK_AMAPS to try fewer). */
const NETWORK_AMAPS_DEFAULT = 300;

/** A result row as bench/run.ts prints it; a null target: a figure shown beside another, with no target of its own. */
type Row = { name: string; value: number; unit: string; target: number | null; kind: "max" | "min"; reference?: string };

export type NetworkContext = {
  db: Db;
  root: string;
  databaseUrl: string;
  /** Duration of each autocannon run. */
  seconds: number;
  record: (row: Row) => void;
  note: (text: string) => void;
  log: (text: string) => void;
};

const COOKIE = "authjs.session-token";
/** Timed runs of each command (after one more, not counted, that warms it up). */
const COMMAND_RUNS = 10;
/** Alternated rounds of each page's runs (A B C, then C B A…; BENCH_NETWORK_ROUNDS). */
const ROUNDS = Number(process.env.BENCH_NETWORK_ROUNDS ?? 3);


type Captured = { query: string; params: unknown[] };

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);

/** Every statement the app's pool sends while `fn` runs (postgres.js's own debug hook, on the pool db/client.ts opened). */
async function capturing<T>(db: Db, fn: () => Promise<T>): Promise<{ value: T; statements: Captured[] }> {
  const client = (db as unknown as { $client: postgres.Sql }).$client;
  const options = client.options as unknown as { debug: unknown };
  const statements: Captured[] = [];
  const before = options.debug;
  options.debug = (_connection: number, query: string, params: unknown[]) => statements.push({ query, params: [...params] });
  try {
    const value = await fn();
    return { value, statements };
  } finally {
    options.debug = before;
  }
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

export async function networkPart(ctx: NetworkContext) {
  const { db, databaseUrl, record, note, log } = ctx;
  const amapCount = Number(process.env.BENCH_NETWORK_AMAPS ?? NETWORK_AMAPS_DEFAULT);
  const s = await import("@/db/schema");
  const http = await import("./http");
  const { viewerForUser } = await import("@/lib/server/auth/auth");
  const { createOffers } = await import("@/lib/server/exchange/offers");
  const { listAvailableBaskets, listPartnerBaskets } = await import("@/lib/server/exchange/baskets-page");
  const { readNetwork } = await import("@/lib/server/network/network");
  const { monthOf } = await import("@/lib/domain/stats");
  const { announceToPartners } = await import("@/lib/server/exchange");

  // The seed's own connection: one, for its temporary tables; also where EXPLAIN runs.
  const raw = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const uptime = async () => (await import("node:os")).loadavg().map((l) => l.toFixed(1)).join(" / ");
  try {
    log("réseau : une AMAP seule (banc-0)…");
    const t0 = performance.now();
    await seedAmaps(raw, 0, 0);
    await raw.unsafe("analyze");
    const soloSeconds = (performance.now() - t0) / 1000;
    note(`réseau : une AMAP (100 amapiens, 30 intermittents, 40 distributions, 4 000 paniers, 400 offres) semée en ${soloSeconds.toFixed(1)} s`);

    const [amap0] = await db.select({ id: s.amaps.id }).from(s.amaps).where(eq(s.amaps.slug, slugOf(0)));
    const amapId = amap0!.id;
    // The reader: intermittent 0 of banc-0, opted in to the partners' baskets.
    const [reader] = await db.select({ id: s.users.id }).from(s.users).where(eq(s.users.email, "intermittent-0-0@banc.test"));
    const [admin] = await db
      .insert(s.users)
      .values({ email: "reseau@banc.test", firstName: "Rose", lastName: "Réseau", name: "Rose Réseau", isNetworkAdmin: true })
      .returning({ id: s.users.id });
    const readerViewer = (await viewerForUser(db, reader!.id, amapId))!;
    const adminViewer = (await viewerForUser(db, admin!.id))!;
    const month = monthOf(new Date());

    const measurePhase = async (phase: string) => {
      const load = await uptime();
      const listed = await listAvailableBaskets(readerViewer);
      // An offer announced to the AMAP's list: createOffers, one member's next free basket each time.
      const free = await db.execute(sql`
        select sub.user_id as "memberId", sub.id as "subscriptionId", d.id as "distributionId"
          from ${s.subscriptions} sub
          join ${s.distributions} d on d.amap_id = sub.amap_id and d.starts_at > now() + interval '2 days'
         where sub.amap_id = ${amapId}
           and not exists (select 1 from ${s.offerLines} l where l.subscription_id = sub.id and l.distribution_id = d.id and l.released_at is null)
         order by d.starts_at, sub.id
         limit ${COMMAND_RUNS + 1}`);
      const pairs = (Array.isArray(free) ? free : (free as unknown as { rows: unknown[] }).rows) as { memberId: string; subscriptionId: number; distributionId: number }[];
      // The first warms the code up (its modules, its statements) and is not counted.
      const announceTimes: number[] = [];
      const created: { offerId: number; memberId: string }[] = [];
      for (const pair of pairs) {
        const owner = (await viewerForUser(db, pair.memberId, amapId))!;
        const { ms, value } = await timed(() =>
          createOffers(owner, { distributionIds: [pair.distributionId], subscriptionIds: [pair.subscriptionId], message: "Je pars, bon appétit !", autoAccept: false }),
        );
        if (!value.ok) throw new Error(`createOffers refused: ${value.refusal}`);
        if (pair !== pairs[0]) announceTimes.push(ms);
        created.push({ offerId: value.value.offerIds[0]!, memberId: pair.memberId });
      }
      const [announced] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(s.outbox)
        .where(and(eq(s.outbox.kind, "offer-announced"), eq(s.outbox.amapId, amapId), sql`(${s.outbox.payload}->>'offerId')::int = ${created[1]!.offerId}`));

      // The same offers announced to the partners' opted-in intermittents.
      const partnerTimes: number[] = [];
      // Each offer made due (offered longer ago than the AMAP's delay), then the run that announces what is due:
      // that offer alone (the seed's open offers are announced, or hours from due). Alone, banc-0 has no partner:
      // nothing is due, the run is its search.
      let announcedOffers = 0;
      for (const offer of created) {
        await db.update(s.offers).set({ createdAt: sql`now() - interval '25 hours'` }).where(eq(s.offers.id, offer.offerId));
        const { ms, value } = await timed(() => announceToPartners(new Date()));
        if (offer !== created[0]) {
          partnerTimes.push(ms);
          announcedOffers += value;
        }
      }
      const [partnerRow] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(s.outbox)
        .where(and(eq(s.outbox.kind, "partner-announced"), sql`(${s.outbox.payload}->>'offerId')::int = ${created[1]!.offerId}`));
      const partnerRecipients = partnerRow?.n ?? 0;

      // The network's statistics, read in this process (/reseau through HTTP: httpComparison).
      const readTimes: number[] = [];
      let amapRows = 0;
      for (let i = 0; i <= COMMAND_RUNS; i++) {
        const { ms, value } = await timed(() => readNetwork(adminViewer, month));
        if (i > 0) readTimes.push(ms);
        amapRows = value?.length ?? 0;
      }
      const [size] = await raw`select pg_database_size(current_database())::bigint as bytes`;
      const bytes = Number(size!.bytes);
      const tables = await raw`
        select relname as name, pg_total_relation_size(oid)::bigint as bytes from pg_class
         where relkind = 'r' and relnamespace = 'public'::regnamespace order by 2 desc limit 6`;
      note(`réseau (${phase}) : taille ${(bytes / 1e6).toFixed(1)} MB ; plus grosses tables (avec index) : ${tables.map((t) => `${t.name} ${(Number(t.bytes) / 1e6).toFixed(1)} MB`).join(", ")}`);
      return {
        load,
        listed: listed.total,
        announce: median(announceTimes),
        announceAll: announceTimes,
        announced: announced?.n ?? 0,
        partner: median(partnerTimes),
        partnerAll: partnerTimes,
        partnerRecipients,
        announcedOffers,
        readNetwork: median(readTimes),
        amapRows,
        offersCreated: created,
        bytes,
      };
    };

    const solo = await measurePhase("1 AMAP");

    log(`réseau : ${amapCount - 1} autres AMAP (banc-1 à banc-${amapCount - 1}), par lots de 50…`);
    const t1 = performance.now();
    for (let from = 1; from < amapCount; from += 50) {
      await seedAmaps(raw, from, Math.min(amapCount - 1, from + 49));
      log(`réseau : banc-${Math.min(amapCount - 1, from + 49)} semée (${((performance.now() - t1) / 1000).toFixed(0)} s).`);
    }
    const partnerships = await seedPartnerships(raw);
    const seedSeconds = (performance.now() - t1) / 1000;
    const t2 = performance.now();
    await raw.unsafe("vacuum analyze");
    const analyzeSeconds = (performance.now() - t2) / 1000;
    const [counts] = await raw`
      select (select count(*) from amaps)::int as amaps, (select count(*) from users)::int as users,
             (select count(*) from subscriptions)::int as subscriptions, (select count(*) from distributions)::int as distributions,
             (select count(*) from offers)::int as offers, (select count(*) from offer_lines)::int as lines,
             (select count(*) from reservations)::int as reservations, (select count(*) from events)::int as events,
             (select count(*) from intermittent_memberships)::int as intermittents,
             (select count(*) from intermittent_memberships where partner_baskets)::int as opted,
             (select sum(n)::int from (select count(*) as n from subscriptions s join distribution_contracts dc on dc.contract_id = s.contract_id group by s.id) x) as baskets`;
    note(
      `réseau : ${amapCount - 1} AMAP semées en ${seedSeconds.toFixed(1)} s (SQL ensembliste, lots de 50), puis VACUUM ANALYZE en ${analyzeSeconds.toFixed(1)} s ; ` +
        `${partnerships} partenariats (villes de 5 AMAP, chacune partenaire des 4 autres) ; en base : ${counts!.amaps} AMAP, ${counts!.users} personnes, ` +
        `${counts!.subscriptions} abonnements, ${counts!.distributions} distributions, ${counts!.baskets} paniers (abonnement × distribution), ` +
        `${counts!.offers} offres, ${counts!.lines} lignes d'offre, ${counts!.reservations} réservations, ${counts!.events} événements, ` +
        `${counts!.intermittents} inscriptions d'intermittents dont ${counts!.opted} ouvertes aux partenaires`,
    );
    record({ name: `réseau : semis de ${amapCount - 1} AMAP`, value: seedSeconds, unit: "s", target: null, kind: "max" });

    const network = await measurePhase(`${amapCount} AMAP`);
    const pages = await httpComparison(ctx, raw, amapCount, http);

    const ratio = (a: number, b: number) => (b > 0 ? ` (×${(a / b).toFixed(2)} de l'AMAP seule)` : "");
    for (const connections of [1, 20]) {
      const single = pages.paniers.solo[connections]!;
      const label = `/${slugOf(0)}/paniers, ${connections} client${connections > 1 ? "s" : ""}`;
      for (const stat of ["median", "p90"] as const) {
        const what = stat === "median" ? "médiane" : "p90";
        record({ name: `${label}, ${what}, 1 AMAP`, value: single[stat], unit: "ms", target: null, kind: "max" });
        for (const [key, who] of [["out", "sans les partenaires"], ["in", "avec les partenaires"]] as const) {
          const many = pages.paniers[key][connections]![stat];
          record({ name: `${label}, ${what}, ${amapCount} AMAP, ${who}`, value: many, unit: "ms", target: 1.2 * single[stat], kind: "max", reference: `1,2 × l'AMAP seule${ratio(many, single[stat])}` });
        }
      }
    }
    record({ name: `annonce à la liste (createOffers), médiane de ${COMMAND_RUNS}, 1 AMAP`, value: solo.announce, unit: "ms", target: 100, kind: "max" });
    record({ name: `annonce à la liste (createOffers), médiane de ${COMMAND_RUNS}, ${amapCount} AMAP`, value: network.announce, unit: "ms", target: 100, kind: "max", reference: ratio(network.announce, solo.announce).trim() });
    record({ name: `annonce aux partenaires (announceToPartners), médiane de ${COMMAND_RUNS}, 1 AMAP`, value: solo.partner, unit: "ms", target: 100, kind: "max" });
    record({ name: `annonce aux partenaires (announceToPartners), médiane de ${COMMAND_RUNS}, ${amapCount} AMAP`, value: network.partner, unit: "ms", target: 100, kind: "max", reference: ratio(network.partner, solo.partner).trim() });
    record({ name: `readNetwork, médiane de ${COMMAND_RUNS}, 1 AMAP`, value: solo.readNetwork, unit: "ms", target: null, kind: "max" });
    record({ name: `readNetwork, médiane de ${COMMAND_RUNS}, ${amapCount} AMAP`, value: network.readNetwork, unit: "ms", target: null, kind: "max", reference: ratio(network.readNetwork, solo.readNetwork).trim() });
    record({ name: "/reseau, 1 client, médiane, 1 AMAP", value: pages.reseau.solo.median, unit: "ms", target: null, kind: "max" });
    record({ name: `/reseau, 1 client, médiane, ${amapCount} AMAP`, value: pages.reseau.network.median, unit: "ms", target: null, kind: "max", reference: ratio(pages.reseau.network.median, pages.reseau.solo.median).trim() });
    for (const line of pages.notes) note(line);
    record({ name: "taille de la base, 1 AMAP", value: solo.bytes / 1e6, unit: "MB", target: null, kind: "max" });
    record({ name: `taille de la base, ${amapCount} AMAP`, value: network.bytes / 1e6, unit: "MB", target: null, kind: "max", reference: ratio(network.bytes, solo.bytes).trim() });
    for (const [phase, r] of [["1 AMAP", solo], [`${amapCount} AMAP`, network]] as const) {
      note(
        `réseau (${phase}) : charge ${r.load} (1/5/15 min) au début ; /paniers liste ${r.listed} offres ; ` +
          `readNetwork rend ${r.amapRows} AMAP ; createOffers ${r.announceAll.map((x) => x.toFixed(0)).join(", ")} ms, ` +
          `${r.announced} e-mails d'annonce pour la 1re ; announceToPartners ${r.partnerAll.map((x) => x.toFixed(0)).join(", ")} ms, ${r.announcedOffers} offres annoncées en ${COMMAND_RUNS} passes, ${r.partnerRecipients} destinataires pour la 1re`,
      );
    }
    // EXPLAIN of the hot queries, on the network's database.
    log("réseau : EXPLAIN des requêtes chaudes…");
    const last = network.offersCreated.at(-1)!;
    const hot: { label: string; statements: Captured[] }[] = [];
    hot.push({ label: "/paniers (viewer, listAvailableBaskets pages 1 et 3, listPartnerBaskets)", statements: (await capturing(db, async () => {
      await viewerForUser(db, reader!.id, amapId);
      await listAvailableBaskets(readerViewer);
      await listAvailableBaskets(readerViewer, { page: 3 });
      await listPartnerBaskets(readerViewer);
    })).statements });
    const [another] = pairsAfter(await db.execute(sql`
        select sub.user_id as "memberId", sub.id as "subscriptionId", d.id as "distributionId"
          from ${s.subscriptions} sub
          join ${s.distributions} d on d.amap_id = sub.amap_id and d.starts_at > now() + interval '2 days'
         where sub.amap_id = ${amapId}
           and not exists (select 1 from ${s.offerLines} l where l.subscription_id = sub.id and l.distribution_id = d.id and l.released_at is null)
         order by d.starts_at desc, sub.id
         limit 1`));
    const owner = (await viewerForUser(db, another!.memberId, amapId))!;
    let extraOffer = 0;
    hot.push({ label: "annonce à la liste (createOffers)", statements: (await capturing(db, async () => {
      const r = await createOffers(owner, { distributionIds: [another!.distributionId], subscriptionIds: [another!.subscriptionId], message: "", autoAccept: false });
      if (r.ok) extraOffer = r.value.offerIds[0]!;
    })).statements });
    hot.push({ label: "annonce aux partenaires (announceToPartners)", statements: (await capturing(db, async () => {
      await db.update(s.offers).set({ createdAt: sql`now() - interval '25 hours'` }).where(eq(s.offers.id, extraOffer || last.offerId));
      await announceToPartners(new Date());
    })).statements });
    hot.push({ label: "readNetwork", statements: (await capturing(db, () => readNetwork(adminViewer, month))).statements });
    const findings = await explainAll(raw, hot);
    for (const line of findings) note(line);
  } finally {
    await raw.end({ timeout: 5 });
  }
}

type Latency = { median: number; p90: number };

/** Who reads /banc-0/paniers, where: alone; among 300, not opted in to the partners' baskets (the same page); opted in (its partners' section too). */
type Reader = "solo" | "out" | "in";

/**
 * The pages through HTTP, each database with its own `next start`: the
 * 300-AMAP one, and a second database holding banc-0 alone (seeded the same
 * way). The runs alternate, A B C then C B A round after round, so that the
 * load of the shared machine weighs on all alike; each figure is the mean of
 * its rounds' medians (p90s).
 */
async function httpComparison(
  ctx: NetworkContext,
  raw: postgres.Sql,
  amapCount: number,
  http: typeof import("./http"),
): Promise<{ paniers: Record<Reader, Record<number, Latency>>; reseau: Record<"solo" | "network", Latency>; notes: string[] }> {
  const soloName = `${new URL(ctx.databaseUrl).pathname.slice(1)}_solo`;
  const soloUrl = new URL(ctx.databaseUrl);
  soloUrl.pathname = `/${soloName}`;
  await raw.unsafe(`create database "${soloName}"`);
  const servers: { stop: () => Promise<void> }[] = [];
  const soloRaw = postgres(soloUrl.toString(), { max: 1, onnotice: () => {} });
  const notes: string[] = [];
  try {
    // next start applies the migrations when it first opens the database (its /api/health).
    const soloServer = await http.startServer(ctx.root, soloUrl.toString());
    servers.push(soloServer);
    await seedAmaps(soloRaw, 0, 0);
    await soloRaw.unsafe("vacuum analyze");
    const netServer = await http.startServer(ctx.root, ctx.databaseUrl);
    servers.push(netServer);
    const sessionOf = async (sql: postgres.Sql, email: string) => {
      const [row] = await sql`insert into sessions (session_token, user_id, expires)
        select gen_random_uuid()::text, id, now() + interval '30 days' from users where email = ${email} returning session_token`;
      return `${COOKIE}=${row!.session_token}`;
    };
    const adminOf = async (sql: postgres.Sql) => {
      await sql`insert into users (id, email, first_name, last_name, name, is_network_admin)
        values (gen_random_uuid()::text, 'reseau@banc.test', 'Rose', 'Réseau', 'Rose Réseau', true) on conflict do nothing`;
      return sessionOf(sql, "reseau@banc.test");
    };
    // Intermittent 0 of banc-0 opted in to the partners' baskets, intermittent 1 did not (the seed: one in three, k % 3 = 0).
    const readers = [
      { key: "solo" as Reader, base: soloServer.baseUrl, cookie: await sessionOf(soloRaw, "intermittent-0-0@banc.test") },
      { key: "out" as Reader, base: netServer.baseUrl, cookie: await sessionOf(raw, "intermittent-0-1@banc.test") },
      { key: "in" as Reader, base: netServer.baseUrl, cookie: await sessionOf(raw, "intermittent-0-0@banc.test") },
    ];
    const admins = [
      { key: "solo" as const, base: soloServer.baseUrl, cookie: await adminOf(soloRaw) },
      { key: "network" as const, base: netServer.baseUrl, cookie: await adminOf(raw) },
    ];
    const name = (key: string) => ({ solo: "1 AMAP", out: `${amapCount} AMAP, sans les partenaires`, in: `${amapCount} AMAP, avec les partenaires`, network: `${amapCount} AMAP` })[key] ?? key;
    for (const r of readers) {
      const page = await fetch(`${r.base}/${slugOf(0)}/paniers`, { headers: { cookie: r.cookie } });
      const html = await page.text();
      if (!page.ok || !html.includes("Paniers disponibles")) throw new Error(`/${slugOf(0)}/paniers (${r.key}): HTTP ${page.status}, not the page`);
      notes.push(`réseau, /${slugOf(0)}/paniers (${name(r.key)}) : ${(html.length / 1000).toFixed(0)} kB de HTML, section des partenaires ${html.includes("Paniers des AMAP partenaires") ? "présente" : "absente"}`);
    }
    for (const a of admins) {
      const page = await fetch(`${a.base}/reseau`, { headers: { cookie: a.cookie } });
      const html = await page.text();
      if (!page.ok || !html.includes(`href="/${slugOf(0)}"`)) throw new Error(`/reseau (${a.key}): HTTP ${page.status}, not the page`);
      notes.push(`réseau, /reseau (${name(a.key)}) : ${(html.length / 1000).toFixed(0)} kB de HTML`);
    }
    const runs = new Map<string, Latency[]>();
    const push = (key: string, value: Latency) => {
      const list = runs.get(key);
      if (list) list.push(value);
      else runs.set(key, [value]);
    };
    const load = (await import("node:os")).loadavg().map((l) => l.toFixed(1)).join(" / ");
    for (let round = 0; round < ROUNDS; round++) {
      const flip = <T,>(list: T[]) => (round % 2 === 0 ? list : [...list].reverse());
      for (const connections of [1, 20]) {
        for (const r of flip(readers)) {
          const result = await http.loadTest(`${r.base}/${slugOf(0)}/paniers`, r.cookie, connections, ctx.seconds);
          if (result.errors || result.non2xx) notes.push(`réseau /paniers (${name(r.key)}, ${connections} clients) : ${result.errors} erreurs, ${result.non2xx} non 2xx sur ${result.requests}`);
          push(`paniers ${r.key} ${connections}`, { median: result.median, p90: result.p90 });
          ctx.log(`réseau /paniers (${name(r.key)}), ${connections} client(s), passe ${round + 1} : médiane ${result.median} ms, p90 ${result.p90} ms, ${result.requests} requêtes.`);
        }
      }
      for (const a of flip(admins)) {
        const result = await http.loadTest(`${a.base}/reseau`, a.cookie, 1, ctx.seconds);
        if (result.errors || result.non2xx) notes.push(`réseau /reseau (${name(a.key)}) : ${result.errors} erreurs, ${result.non2xx} non 2xx sur ${result.requests}`);
        push(`reseau ${a.key}`, { median: result.median, p90: result.p90 });
        ctx.log(`réseau /reseau (${name(a.key)}), passe ${round + 1} : médiane ${result.median} ms, p90 ${result.p90} ms, ${result.requests} requêtes.`);
      }
    }
    const mean = (list: Latency[]): Latency => ({
      median: list.reduce((n, r) => n + r.median, 0) / list.length,
      p90: list.reduce((n, r) => n + r.p90, 0) / list.length,
    });
    const of = (key: Reader) => ({ 1: mean(runs.get(`paniers ${key} 1`)!), 20: mean(runs.get(`paniers ${key} 20`)!) });
    notes.push(
      `réseau, pages : charge ${load} (1/5/15 min) au début ; ${ROUNDS} passes alternées ; médianes par passe : ` +
        [...runs].map(([k, v]) => `${k.replace(/ (solo|out|in|network)/, (_, key: string) => ` (${name(key)})`)} : ${v.map((r) => r.median).join(", ")} ms`).join(" ; "),
    );
    return { paniers: { solo: of("solo"), out: of("out"), in: of("in") }, reseau: { solo: mean(runs.get("reseau solo")!), network: mean(runs.get("reseau network")!) }, notes };
  } finally {
    for (const server of servers) await server.stop();
    await soloRaw.end({ timeout: 5 });
    await raw.unsafe(`drop database if exists "${soloName}" with (force)`);
  }
}

function pairsAfter(result: unknown): { memberId: string; subscriptionId: number; distributionId: number }[] {
  return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { memberId: string; subscriptionId: number; distributionId: number }[];
}

type PlanNode = { "Node Type": string; "Relation Name"?: string; "Index Name"?: string; "Actual Rows"?: number; "Plan Rows"?: number; Plans?: PlanNode[] };

/**
 * EXPLAIN ANALYZE of each statement captured, in a transaction rolled back
 * (the plan alone for a write that collides with the rows it already wrote):
 * the sequential scans of tables of 1,000 rows or more
 * (counted when over 10,000), and the execution time. Returns the
 * lines of the report.
 */
async function explainAll(raw: postgres.Sql, hot: { label: string; statements: Captured[] }[]): Promise<string[]> {
  const big = new Map<string, number>();
  for (const row of await raw`select relname, reltuples::bigint as n from pg_class where relkind = 'r' and relnamespace = 'public'::regnamespace`) {
    big.set(String(row.relname), Number(row.n));
  }
  const lines: string[] = [];
  for (const { label, statements } of hot) {
    const queries = statements.filter((q) => !/^\s*(begin|commit|rollback|savepoint|release|select 1\b)/i.test(q.query));
    if (queries.length === 0) throw new Error(`EXPLAIN ${label}: no statement captured (the pool's debug hook did not fire)`);
    const seen: string[] = [];
    const small = new Set<string>();
    let seqBig = 0;
    let totalMs = 0;
    let slowest: { ms: number; query: string } | null = null as { ms: number; query: string } | null;
    for (const q of queries) {
      // ANALYZE runs the statement, in a transaction rolled back; a write that collides with what it
      // already wrote (a unique key) gets the plan alone.
      let plan: PlanNode | null = null;
      for (const analyze of [true, false]) {
        try {
          await raw.begin(async (tx) => {
            const [row] = await tx.unsafe(`explain (${analyze ? "analyze, buffers, " : ""}format json) ${q.query}`, q.params as postgres.ParameterOrJSON<never>[]);
            const json = (row as Record<string, unknown>)["QUERY PLAN"] as { Plan: PlanNode; "Execution Time"?: number }[];
            throw new RolledBack(json[0]!.Plan, json[0]!["Execution Time"]);
          });
        } catch (error) {
          if (!(error instanceof RolledBack)) {
            if (analyze) continue;
            lines.push(`EXPLAIN ${label} : « ${q.query.replace(/\s+/g, " ").slice(0, 80)}… » : ${error instanceof Error ? error.message : error}`);
            break;
          }
          plan = error.plan;
          if (error.ms !== undefined) {
            totalMs += error.ms;
            if (!slowest || error.ms > slowest.ms) slowest = { ms: error.ms, query: q.query };
          }
          break;
        }
      }
      if (!plan) continue;
      const scans: string[] = [];
      const walk = (node: PlanNode) => {
        if (node["Node Type"] === "Seq Scan" && node["Relation Name"]) {
          const rows = big.get(node["Relation Name"]) ?? 0;
          if (rows > 10_000) seqBig++;
          if (rows >= 1_000) {
            scans.push(`${node["Relation Name"]} (${rows} lignes${node["Actual Rows"] !== undefined ? `, ${node["Actual Rows"]} gardées` : ""})`);
          } else small.add(node["Relation Name"]);
        }
        for (const child of node.Plans ?? []) walk(child);
      };
      walk(plan);
      if (scans.length) seen.push(`« ${q.query.replace(/\s+/g, " ").slice(0, 90)}… » : Seq Scan ${scans.join(", ")}`);
    }
    lines.push(
      `EXPLAIN ${label} : ${queries.length} requêtes (${totalMs.toFixed(1)} ms d'exécution en tout` +
        (slowest ? `, la plus longue ${slowest.ms.toFixed(1)} ms « ${slowest.query.replace(/\s+/g, " ").slice(0, 60)}… »` : "") +
        `), ${seqBig} parcours séquentiel(s) d'une table de plus de 10 000 lignes` +
        (seen.length ? ` — ${seen.join(" ; ")}` : "") +
        (small.size ? ` ; parcours séquentiels de petites tables : ${[...small].sort().join(", ")}` : ""),
    );
  }
  return lines;
}

class RolledBack extends Error {
  constructor(
    readonly plan: PlanNode,
    readonly ms?: number,
  ) {
    super("rolled back");
  }
}
