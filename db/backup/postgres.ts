// Postgres backups with the Postgres client tools on the PATH: pg_dump in its
// custom format, restored by pg_restore into psql in one transaction that
// commits only once pg_restore has read the whole file — a failed restore
// leaves the database as it was.
import { spawn, type ChildProcess } from "node:child_process";
import { statSync } from "node:fs";
import { childEnv } from "@/lib/env";
import { backupFr } from "@/lib/i18n/backup-fr";
import { createPartialFile, publishPartialFile, removeQuietly } from "./files";
import type { Backup, BackupRefusal, BackupResult, Restore } from "./types";

// The URL's query keys libpq knows; others (postgres.js's own, e.g. `prepare=false`
// for pgbouncer) would make the tools refuse the URL.
const LIBPQ_KEYS = new Set([
  "sslmode", "sslcert", "sslkey", "sslrootcert", "sslcrl", "sslpassword", "channel_binding", "gssencmode",
  "application_name", "connect_timeout", "options", "target_session_attrs", "keepalives", "passfile",
]);

/** The URL for the tools, without its password, which goes in PGPASSWORD (a command line is visible to every local user). */
export function libpqConnection(url: string): { dbname: string; env: NodeJS.ProcessEnv; name: string } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = "";
  for (const key of [...parsed.searchParams.keys()]) if (!LIBPQ_KEYS.has(key)) parsed.searchParams.delete(key);
  return {
    dbname: parsed.toString(),
    env: childEnv({ PGPASSWORD: password || undefined, PGCONNECT_TIMEOUT: "10" }),
    name: decodeURIComponent(parsed.pathname.slice(1)) || "postgres",
  };
}

type Run = { code: number | null; stdout: string; stderr: string; missing: boolean };

function collect(child: ChildProcess): Promise<Run> {
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (d) => (stdout += d));
  child.stderr?.on("data", (d) => (stderr += d));
  return new Promise((resolve) => {
    child.once("error", (error) =>
      resolve({ code: null, stdout, stderr: error.message, missing: (error as NodeJS.ErrnoException).code === "ENOENT" }),
    );
    child.once("close", (code) => resolve({ code, stdout, stderr, missing: false }));
  });
}

function failure(tool: string, run: Run): BackupRefusal {
  if (run.missing) return { reason: "toolMissing", message: backupFr.refusals.toolMissing(tool) };
  const detail = run.stderr.trim().split("\n").slice(-3).join(" ").replace(/\s+/g, " ");
  return { reason: "toolFailed", message: backupFr.refusals.toolFailed(tool, detail) };
}

export async function backupPostgres(url: string, file: string): Promise<BackupResult<Backup>> {
  const created = createPartialFile(file);
  if ("refusal" in created) return { ok: false, refusal: created.refusal };
  const { dbname, env } = libpqConnection(url);
  // --no-owner / --no-privileges: the dump restores as whichever user runs the restore.
  const run = await collect(
    spawn("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", `--file=${created.partial}`, `--dbname=${dbname}`], {
      env,
      stdio: ["ignore", "ignore", "pipe"],
    }),
  );
  if (run.code !== 0) {
    removeQuietly(created.partial);
    return { ok: false, refusal: failure("pg_dump", run) };
  }
  const { size } = statSync(created.partial);
  const taken = publishPartialFile(created.partial, file);
  if (taken) return { ok: false, refusal: taken };
  return { ok: true, value: { file, bytes: size, driver: "postgres" } };
}

const COUNT_OBJECTS = `select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where c.relkind in ('r', 'p', 'v', 'm', 'S')
    and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_toast%' and n.nspname not like 'pg\\_temp%'`;

// With --force: what the application owns goes, then the dump recreates it (same transaction).
const DROP_CONTENT = "drop schema if exists drizzle cascade; drop schema if exists public cascade; create schema public;";

export async function restorePostgres(url: string, file: string, force: boolean): Promise<BackupResult<Restore>> {
  const { dbname, env, name } = libpqConnection(url);
  const counted = await collect(
    spawn("psql", ["-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", COUNT_OBJECTS, `--dbname=${dbname}`], {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    }),
  );
  if (counted.code !== 0) return { ok: false, refusal: failure("psql", counted) };
  const objects = Number(counted.stdout.trim());
  if (objects > 0 && !force) {
    return { ok: false, refusal: { reason: "databaseNotEmpty", message: backupFr.refusals.databaseNotEmpty(name, objects) } };
  }
  // pg_restore writes the SQL, psql runs it after our BEGIN (and the drop);
  // COMMIT is sent only if pg_restore read the whole file — otherwise psql's
  // input ends inside the transaction, and Postgres rolls it back.
  const psql = spawn("psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", "-", `--dbname=${dbname}`], {
    env,
    stdio: ["pipe", "ignore", "pipe"],
  });
  psql.stdin!.on("error", () => {}); // psql stopped early: its own error says why
  const applying = collect(psql);
  psql.stdin!.write(`begin;\n${objects > 0 ? `${DROP_CONTENT}\n` : ""}`);
  const restore = spawn("pg_restore", ["--no-owner", "--no-privileges", "--file=-", file], { env, stdio: ["ignore", "pipe", "pipe"] });
  restore.stdout!.pipe(psql.stdin!, { end: false });
  const restored = await collect(restore);
  // RESET ALL: the script's session settings (an empty search_path…) end with it,
  // rather than stay on a server connection a pooler would hand to the application.
  psql.stdin!.end(restored.code === 0 ? "reset all;\ncommit;\n" : "");
  const applied = await applying;
  if (restored.code !== 0) return { ok: false, refusal: failure("pg_restore", restored) };
  if (applied.code !== 0) return { ok: false, refusal: failure("psql", applied) };
  return { ok: true, value: { file, driver: "postgres", replaced: objects > 0 } };
}
