// Writes test/fixtures/single-amap-0004.{sql,json}: the data of a
// single-AMAP database made by that schema's own commands, for the test of
// the migration to several AMAPs (test/integration/amap-migration.test.ts).
//
//   npm run db:migration-fixture
//
// It must run on a checkout whose last migration is 0004_list (the code that
// wrote such databases): a later checkout has other commands and another
// schema, and is refused. It uses an in-memory embedded database, a throwaway
// DATA_DIR and a fixed test AUTH_SECRET, whatever the environment says.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, asc, eq, gt, sql } from "drizzle-orm";
import { closeDb, getDb, type Db } from "@/db/client";
import { migrationTags } from "@/db/migrate";
import * as s from "@/db/schema";
import { DEMO_ACCOUNTS, seedDemo } from "@/db/seed/demo";
import { admitSignInRequest, viewerForUser } from "@/lib/server/auth/auth";
import { sendSignInLinkIfKnown } from "@/lib/server/auth/sign-in-link";
import { peopleWithRoles, rolesOf } from "@/lib/server/core/people";
import { createLinkToken, verifyLinkToken } from "@/lib/server/core/signed-links";
import { acceptReservation, createOffers, reserveOffer } from "@/lib/server/exchange/offers";
import { performLink } from "@/lib/server/links/link-actions";
import { approveJoinRequest, inviteSomeone, joinList, leaveList, requestToJoin } from "@/lib/server/list/intermittents";
import {
  dumpData,
  FIXTURE_AUTH_SECRET,
  FIXTURE_JSON,
  FIXTURE_MIGRATION,
  FIXTURE_SQL,
  type FixtureFacts,
  type LinkFact,
} from "@/test/single-amap-fixture";
import { runScript } from "./run-script";

/** The first référent named by the configuration (REFERENT_EMAILS), besides the demo's Rose. */
const CONFIGURED_REFERENT = "bureau@amap-tilleuls.demo.test";
/** The unused link lives this long: the test may run for years. */
const LINK_EXPIRY = new Date("2100-01-01T00:00:00Z");

const dataDir = mkdtempSync(path.join(os.tmpdir(), "espace-fixture-"));
process.env.DATA_DIR = dataDir;
process.env.PGLITE_DIR = "memory://";
process.env.AUTH_SECRET = FIXTURE_AUTH_SECRET;
process.env.REFERENT_EMAILS = CONFIGURED_REFERENT;
process.env.OUTBOX_IN_PROCESS = "0";
for (const key of ["DATABASE_URL", "SMTP_URL", "SEED_DEMO", "APP_URL", "PORT"]) delete process.env[key];

function check<T extends { ok: boolean }>(what: string, result: T): T & { ok: true } {
  if (!result.ok) throw new Error(`${what}: ${JSON.stringify(result)}`);
  return result as T & { ok: true };
}

async function userId(db: Db, email: string): Promise<string> {
  const [user] = await db.select({ id: s.users.id }).from(s.users).where(eq(s.users.email, email));
  if (!user) throw new Error(`No user ${email}`);
  return user.id;
}

async function viewerOf(db: Db, email: string) {
  return (await viewerForUser(db, await userId(db, email)))!;
}

/** The upcoming Thursday distributions of the demo (vegetables), soonest first. */
async function upcomingThursdays(db: Db, now: Date) {
  return db
    .select({ id: s.distributions.id })
    .from(s.distributions)
    .innerJoin(s.places, eq(s.places.id, s.distributions.placeId))
    .where(and(eq(s.places.name, "Salle des fêtes des Tilleuls"), gt(s.distributions.startsAt, new Date(now.getTime() + 2 * 86_400_000))))
    .orderBy(asc(s.distributions.startsAt));
}

async function subscriptionIds(db: Db, memberId: string): Promise<number[]> {
  const rows = await db.select({ id: s.subscriptions.id }).from(s.subscriptions).where(eq(s.subscriptions.userId, memberId));
  return rows.map((r) => r.id);
}

/** The same day's commands, as the site's buttons would call them. */
async function fill(db: Db, now: Date): Promise<{ link: LinkFact; usedLink: LinkFact }> {
  // The boot named the configured référent; the demo brings Rose, members, intermittents and offers in every state.
  await db.transaction((tx) => seedDemo(tx, { now }));
  const thursdays = await upcomingThursdays(db, now);
  // The demo's offers are on the first three upcoming Thursdays.
  const [brunosDate, alicesDate] = [thursdays[3]!, thursdays[4]!];

  // « Céder mon panier »: Bruno offers his baskets; Karim reserves them (awaiting Bruno's answer).
  const bruno = await viewerOf(db, "bruno@demo.test");
  const brunosOffer = check(
    "Bruno's offer",
    await createOffers(bruno, {
      distributionIds: [brunosDate.id],
      subscriptionIds: await subscriptionIds(db, bruno.userId),
      message: "Bon appétit !\nLe code du portail est dans le panier.",
      autoAccept: false,
    }),
  ).value.offerIds[0]!;
  check("Karim's reservation", await reserveOffer(await viewerOf(db, "karim@demo.test"), brunosOffer));

  // Alice offers hers; Jules reserves from the announcement's link; Alice accepts: an exchange.
  const alice = await viewerOf(db, "alice@demo.test");
  const alicesOffer = check(
    "Alice's offer",
    await createOffers(alice, {
      distributionIds: [alicesDate.id],
      subscriptionIds: await subscriptionIds(db, alice.userId),
      message: "",
      autoAccept: false,
    }),
  ).value.offerIds[0]!;
  const julesId = await userId(db, "jules@demo.test");
  const reserveToken = createLinkToken({ userId: julesId, action: "reserve", objectId: alicesOffer, expiresAt: LINK_EXPIRY });
  check("Jules's reservation by link", await performLink(reserveToken, null));
  const [julesReservation] = await db
    .select({ id: s.reservations.id })
    .from(s.reservations)
    .where(and(eq(s.reservations.offerId, alicesOffer), eq(s.reservations.intermittentId, julesId)));
  check("Alice's acceptance", await acceptReservation(alice, julesReservation!.id));

  // The list: Chloé (a member) joins it, Léa leaves it.
  check("Chloé joins", await joinList(await viewerOf(db, "chloe@demo.test")));
  check("Léa leaves", await leaveList(await viewerOf(db, "lea@demo.test")));

  // Join requests from the public page: Paul's approved by Rose, Olivia's pending.
  const rose = await viewerOf(db, DEMO_ACCOUNTS.referent);
  const request = {
    email: "paul@exemple.test",
    firstName: "Paul",
    lastName: "Mercier",
    phone: "07 78 90 12 34",
    message: "Voisin de la salle des fêtes.",
  };
  check("Paul's request", await requestToJoin(request, "203.0.113.7"));
  const [pauls] = await db.select({ id: s.intermittentRequests.id }).from(s.intermittentRequests).where(eq(s.intermittentRequests.email, request.email));
  check("Paul's approval", await approveJoinRequest(rose, pauls!.id));
  check(
    "Olivia's request",
    await requestToJoin({ email: "olivia@exemple.test", firstName: "Olivia", lastName: "Roussel", phone: "", message: "" }, "198.51.100.23"),
  );

  // Emma invites Quentin (pending).
  const emma = await viewerOf(db, "emma@demo.test");
  check("Emma's invitation", await inviteSomeone(emma, { email: "quentin@exemple.test", firstName: "Quentin", lastName: "Lambert", phone: "" }));

  // Alice asks for a sign-in link (the limit's row, the token, its mail).
  if (!(await admitSignInRequest("alice@demo.test", "192.0.2.44"))) throw new Error("sign-in request refused");
  if (!(await sendSignInLinkIfKnown("alice@demo.test", null))) throw new Error("no sign-in link for Alice");

  // The unused link: Manon's unsubscribe link, as her mails carry it (but for 2100).
  const manonId = await userId(db, "manon@demo.test");
  const unsubscribeToken = createLinkToken({ userId: manonId, action: "unsubscribe", objectId: 0, expiresAt: LINK_EXPIRY });
  const fact = (token: string, email: string, does: string): LinkFact => {
    const verified = verifyLinkToken(token);
    if (!verified.ok) throw new Error("a link just made does not verify");
    const { action, userId, objectId, nonce, expiresAt } = verified.claims;
    return { token, action, userId, email, objectId, nonce, expiresAt: expiresAt.toISOString(), does };
  };
  return {
    link: fact(
      unsubscribeToken,
      "manon@demo.test",
      "Manon's unsubscribe link (objectId 0: the list, no AMAP named): its button takes her off the intermittents list; " +
        'performLink → { ok: true, outcome: "unsubscribed" }.',
    ),
    usedLink: fact(
      reserveToken,
      "jules@demo.test",
      `Jules's reserve link for Alice's offer ${alicesOffer}, used: he reserved with it and Alice accepted (reservation ${julesReservation!.id}).`,
    ),
  };
}

await runScript(async () => {
  const last = migrationTags().at(-1);
  if (last !== FIXTURE_MIGRATION) {
    throw new Error(
      `This checkout's last migration is ${last}, not ${FIXTURE_MIGRATION}: the fixture is the data that schema's code wrote. ` +
        `Run this script from a checkout at ${FIXTURE_MIGRATION} (git worktree add), then copy test/fixtures/single-amap-0004.* here.`,
    );
  }
  try {
    const db = await getDb(); // migrations up to 0004_list, the configured référent, the settings row
    const now = new Date();
    const links = await fill(db, now);
    const outboxNotPending = await db.select({ id: s.outbox.id }).from(s.outbox).where(sql`${s.outbox.status} <> 'pending'`);
    if (outboxNotPending.length > 0) throw new Error("some mail left the outbox: the fixture keeps it all pending");

    const { statements, counts } = await dumpData(db);
    const [settings] = await db.select().from(s.settings);
    const people = (await peopleWithRoles(db, sql`true`, now)).sort((a, b) => a.email.localeCompare(b.email));
    const facts: FixtureFacts = {
      migration: FIXTURE_MIGRATION,
      generatedAt: now.toISOString(),
      settings: { amapName: settings!.amapName, contactEmail: settings!.contactEmail, replyTo: settings!.replyTo },
      counts,
      referents: people.filter((p) => p.isReferent).map((p) => ({ id: p.id, email: p.email })),
      people: people.map((p) => ({ id: p.id, email: p.email, roles: [...rolesOf(p)] })),
      ...links,
    };
    const header = [
      `-- The data of a single-AMAP database at migration ${FIXTURE_MIGRATION}, made by that schema's commands on ${now.toISOString()}.`,
      "-- Written by scripts/make-migration-fixture.ts (do not edit); loaded by test/single-amap-fixture.ts `loadData`.",
      "-- One statement a line; parents before children; then the sequences. The drizzle schema (migrations table) is not included.",
    ];
    writeFileSync(FIXTURE_SQL, [...header, ...statements, ""].join("\n"));
    writeFileSync(FIXTURE_JSON, JSON.stringify(facts, null, 2) + "\n");
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    console.log(`${path.relative(process.cwd(), FIXTURE_SQL)}: ${total} rows in ${Object.keys(counts).length} tables.`);
    console.log(`${path.relative(process.cwd(), FIXTURE_JSON)}: counts, ${facts.referents.length} référents, ${facts.people.length} people, 2 links.`);
  } finally {
    await closeDb();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
