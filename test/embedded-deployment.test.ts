// The embedded database (PGlite, on disk) of a real deployment: a public
// APP_URL with SMTP_URL. No demo AMAP, REFERENT_EMAILS names the first
// référents, and DATA_DIR is its user's only (0700, files 0600) — PGlite
// writes its files 0666 whatever the umask. One fresh folder, opened once
// (5–10 s): the configuration is set before anything reads it.
import { lstatSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authSecret, dataDir, getEnv, pgliteDir, runtimeMode } from "@/lib/env";
import { closeDb, getDbHandle, type Db } from "@/db/client";
import * as s from "@/db/schema";
import { firstAmapId } from "@/db/queries";

// test/setup.ts made DATA_DIR a temporary folder (removed after the file);
// the database goes in a folder of it that does not exist yet.
const fresh = path.join(process.env.DATA_DIR!, "fresh", "data");
process.env.DATA_DIR = fresh;
delete process.env.PGLITE_DIR;
delete process.env.DATABASE_URL; // also in the Postgres run: this file is about the embedded database
process.env.APP_URL = "https://intermittents.mon-amap.fr";
process.env.SMTP_URL = "smtp://user:pass@smtp.example.org:587";
process.env.REFERENT_EMAILS = "Rose@Mon-Amap.fr, paul@mon-amap.fr";

/** Every entry under `dir`, with its permission bits. */
function modes(dir: string): { file: string; mode: number; isDir: boolean }[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).map((relative) => {
    const stat = lstatSync(path.join(dir, relative));
    return { file: relative, mode: stat.mode & 0o777, isDir: stat.isDirectory() };
  });
}

let db: Db;

beforeAll(async () => {
  const handle = await getDbHandle();
  expect(handle.driver).toBe("pglite");
  db = handle.db;
}, 60_000);

afterAll(async () => {
  await closeDb();
});

describe("the embedded database of a real deployment", () => {
  it("is a deployment: no mailbox, no demo data", () => {
    expect(runtimeMode(getEnv())).toMatchObject({ kind: "deployment", devMailbox: false, demoData: "none" });
    expect(pgliteDir()).toBe(path.join(fresh, "pglite"));
  });

  it("gets no demo AMAP, and the référents of REFERENT_EMAILS", async () => {
    const [users] = await db.select({ n: count() }).from(s.users);
    const [offers] = await db.select({ n: count() }).from(s.offers);
    expect({ users: users!.n, offers: offers!.n }).toEqual({ users: 2, offers: 0 });
    const referents = await db
      .select({ email: s.users.email })
      .from(s.amapReferents)
      .innerJoin(s.users, eq(s.users.id, s.amapReferents.userId));
    expect(referents.map((r) => r.email).sort()).toEqual(["paul@mon-amap.fr", "rose@mon-amap.fr"]);
    expect((await db.select().from(s.settings))[0]!.amapName).not.toBe("AMAP des Tilleuls");
  });

  it("keeps DATA_DIR 0700 and every file in it 0600, also after closing", async () => {
    authSecret();
    await db.insert(s.places).values({ amapId: await firstAmapId(db), name: "Halle", address: "1 place du Marché" });
    const check = () => {
      expect((statSync(dataDir()).mode & 0o777).toString(8)).toBe("700");
      const entries = modes(dataDir());
      expect(entries.filter((e) => !e.isDir).length).toBeGreaterThan(100); // PGlite's ~1,000 files, the lock, the secret
      const loose = entries.filter((e) => e.mode !== (e.isDir ? 0o700 : 0o600)).map((e) => `${e.file} ${e.mode.toString(8)}`);
      expect(loose).toEqual([]);
    };
    check();
    await closeDb();
    check();
  });
});
