// Two processes reserving one basket at the same instant (issue 10 §8). In
// one process `reserveOffer` takes a burst of callers together in memory, so
// the 200-way race of concurrency.test.ts never meets at the offer's row
// lock; two web instances do. Here two node processes (test/reserve-race-child.ts)
// race on the test's Postgres database: the row lock alone must keep one
// reservation pending and everyone else queued at distinct places.
// Postgres only (PGlite is one process's memory): skipped without DATABASE_URL.
import { spawn } from "node:child_process";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import * as s from "@/db/schema";
import { dataDir, getEnv } from "@/lib/env";
import { intermittents, openOffer, vegetablesContract } from "@/test/exchange-fixtures";

const isPostgres = Boolean(getEnv().DATABASE_URL);
const root = path.resolve(import.meta.dirname, "../../..");

let db: Db;

beforeAll(async () => {
  db = await getDb();
});

type ChildResult = { ok: true; value: { reservationId: number; newReservationStatus: string } } | { ok: false; refusal: string } | { error: string };

/** Starts one reserving process; resolves `ready` once it waits for the signal, `done` with its results. */
function startReserver(offerId: number, userIds: string[]) {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "--import", "./scripts/server-only-hook.mjs", "test/reserve-race-child.ts", JSON.stringify({ offerId, userIds, waveSize: 5 })],
    {
      cwd: root,
      env: { DATABASE_URL: getEnv().DATABASE_URL, DATA_DIR: dataDir(), OUTBOX_IN_PROCESS: "0" } as unknown as NodeJS.ProcessEnv,
      stdio: ["pipe", "pipe", "pipe"],
    },
  );
  let stdout = "";
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += d));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (d) => {
      stdout += d;
      if (stdout.startsWith("ready\n")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`reserving process exited (${code}) before it was ready:\n${stderr}`)));
  });
  const done = new Promise<ChildResult[]>((resolve, reject) => {
    child.once("exit", (code) => {
      if (code !== 0) return reject(new Error(`reserving process exited with ${code}:\n${stderr}`));
      const last = stdout.trim().split("\n").at(-1)!;
      resolve((JSON.parse(last) as { results: ChildResult[] }).results);
    });
  });
  return { child, ready, done, go: () => child.stdin!.end("go\n") };
}

describe.skipIf(!isPostgres)("two processes reserving one basket at once (Postgres)", () => {
  it("1 pending, the others queued at distinct places, one event per reservation, no error", async () => {
    const veg = await vegetablesContract(db);
    const { offerId } = await openOffer(db, veg, { daysAhead: 5, clearOutbox: true });
    const perProcess = 60;
    const people = await intermittents(db, 2 * perProcess, "twoproc");
    const ids = people.map((p) => p.id);
    const reservers = [startReserver(offerId, ids.slice(0, perProcess)), startReserver(offerId, ids.slice(perProcess))];
    try {
      await Promise.all(reservers.map((r) => r.ready));
      for (const r of reservers) r.go();
      const results = (await Promise.all(reservers.map((r) => r.done))).flat();

      expect(results.filter((r) => !("ok" in r) || !r.ok)).toEqual([]);
      expect(results).toHaveLength(2 * perProcess);
      const rows = await db
        .select({ id: s.reservations.id, status: s.reservations.status, position: s.reservations.position, who: s.reservations.intermittentId })
        .from(s.reservations)
        .where(eq(s.reservations.offerId, offerId));
      expect(rows).toHaveLength(2 * perProcess);
      expect(new Set(rows.map((r) => r.who))).toEqual(new Set(ids));
      const pending = rows.filter((r) => r.status === "pending");
      expect(pending).toHaveLength(1);
      expect(pending[0]!.position).toBe(1);
      expect(rows.filter((r) => r.status === "queued")).toHaveLength(2 * perProcess - 1);
      expect(rows.map((r) => r.position).sort((a, b) => a - b)).toEqual(Array.from({ length: 2 * perProcess }, (_, i) => i + 1));
      // Each caller was told what it got: the pending one « sent », the others queued.
      const told = results.map((r) => (r as Extract<ChildResult, { ok: true }>).value);
      expect(told.filter((v) => v.newReservationStatus === "pending")).toHaveLength(1);
      expect(new Set(told.map((v) => v.reservationId))).toEqual(new Set(rows.map((r) => r.id)));

      const [offer] = await db.select({ status: s.offers.status }).from(s.offers).where(eq(s.offers.id, offerId));
      expect(offer!.status).toBe("reserved");
      const events = await db
        .select({ reservationId: s.events.reservationId })
        .from(s.events)
        .where(and(eq(s.events.offerId, offerId), eq(s.events.action, "reservation.create")));
      expect(events).toHaveLength(2 * perProcess);
      expect(new Set(events.map((e) => e.reservationId))).toEqual(new Set(rows.map((r) => r.id)));
      // The member is asked once; each intermittent gets one mail: « envoyée » or « en file ».
      const mails = await db.select({ kind: s.outbox.kind, to: s.outbox.recipient }).from(s.outbox);
      expect(mails.filter((m) => m.kind === "reservation-to-decide")).toHaveLength(1);
      expect(mails.filter((m) => m.kind === "reservation-pending")).toHaveLength(1);
      const toIntermittents = mails.filter((m) => m.kind === "reservation-pending" || m.kind === "reservation-queued").map((m) => m.to);
      expect(toIntermittents).toHaveLength(2 * perProcess);
      expect(new Set(toIntermittents)).toEqual(new Set(people.map((p) => p.email)));
    } finally {
      for (const r of reservers) if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill("SIGKILL");
    }
  }, 180_000);
});
