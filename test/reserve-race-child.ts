// One of the processes of lib/server/exchange/reserve-race.test.ts: a web instance's
// worth of intermittents reserving one offer. It prepares (modules, pool,
// viewers), says "ready", waits for "go" on its standard input, then calls
// `reserveOffer` for each of its people in small waves (several transactions
// of its own, so that they meet the other process's at the offer's row lock)
// and prints the results as one line of JSON.
// Run with `node --import tsx --import ./scripts/server-only-hook.mjs`.
import { createInterface } from "node:readline";
import { sql } from "drizzle-orm";
import { closeDb, getDb } from "@/db/client";
import { viewerForUser } from "@/lib/server/auth/auth";
import { reserveOffer } from "@/lib/server/exchange/offers";

type Input = { offerId: number; userIds: string[]; waveSize: number };

const input = JSON.parse(process.argv[2] ?? "") as Input;
const db = await getDb();
// Warm the pool: the race should not measure connection set-up.
await Promise.all(Array.from({ length: 4 }, () => db.execute(sql`select 1`)));
const viewers = await Promise.all(
  input.userIds.map(async (id) => {
    const viewer = await viewerForUser(db, id);
    if (!viewer) throw new Error(`no user ${id}`);
    return viewer;
  }),
);

const lines = createInterface({ input: process.stdin });
const go = new Promise<void>((resolve) => lines.once("line", () => resolve()));
console.log("ready");
await go;
lines.close();

const calls: Promise<Awaited<ReturnType<typeof reserveOffer>> | { error: string }>[] = [];
for (let i = 0; i < viewers.length; i += input.waveSize) {
  for (const viewer of viewers.slice(i, i + input.waveSize)) {
    calls.push(reserveOffer(viewer, input.offerId).catch((error: unknown) => ({ error: (error instanceof Error ? error.message : String(error)).slice(0, 300) })));
  }
  // The next wave a moment later: this process's reservations then take several turns.
  await new Promise((resolve) => setTimeout(resolve, 2));
}
const results = await Promise.all(calls);
console.log(JSON.stringify({ results }));
await closeDb();
