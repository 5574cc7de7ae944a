// Runs before the cluster test file: a fresh Postgres database of its own
// (on the server of DATABASE_URL, by default the local one), dropped after,
// and a data folder of its own. The test process and every child of the
// cluster use that database.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { createDatabase } from "./harness";

const serverUrl = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
const database = await createDatabase(serverUrl, "cluster");
const dataDir = mkdtempSync(path.join(os.tmpdir(), "espace-cluster-"));
process.env.DATABASE_URL = database.url;
process.env.DATA_DIR = dataDir;
process.env.OUTBOX_IN_PROCESS = "0";
delete process.env.SMTP_URL;
delete process.env.SEED_DEMO;
delete process.env.REFERENT_EMAILS;

afterAll(async () => {
  const { closeDb } = await import("@/db/client");
  await closeDb();
  await database.drop();
  rmSync(dataDir, { recursive: true, force: true });
});
