// Runs before each test file: gives the file its own database and data folder.
// DATABASE_URL set → a fresh Postgres database created on that server and
// dropped afterwards; unset → PGlite in memory.
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll } from "vitest";

const dataDir = mkdtempSync(path.join(os.tmpdir(), "espace-test-"));
process.env.DATA_DIR = dataDir;
process.env.OUTBOX_IN_PROCESS = "0";
delete process.env.SMTP_URL;
delete process.env.SEED_DEMO;
delete process.env.REFERENT_EMAILS;

const serverUrl = process.env.DATABASE_URL;
let dropDatabase: (() => Promise<void>) | undefined;

if (serverUrl) {
  const name = `test_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
  dropDatabase = async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  };
} else {
  process.env.PGLITE_DIR = "memory://";
}

afterAll(async () => {
  const { closeDb } = await import("@/db/client");
  await closeDb();
  await dropDatabase?.();
  rmSync(dataDir, { recursive: true, force: true });
});
