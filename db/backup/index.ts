// `npm run backup` / `npm run restore`: one backup file of the configured
// database — Postgres (DATABASE_URL) through pg_dump's custom format, or the
// embedded PGlite folder through its own dump. See deploy/README.md.
import path from "node:path";
import { getEnv, pgliteDir } from "@/lib/env";
import { backupFr } from "@/lib/i18n/backup-fr";
import { backupKind } from "./files";
import { backupPglite, restorePglite } from "./pglite";
import { backupPostgres, restorePostgres } from "./postgres";
import type { Backup, BackupResult, BackupTarget, Restore } from "./types";

export type { Backup, BackupRefusal, BackupResult, BackupTarget, Restore } from "./types";

/** The database the application is configured to use. */
export function configuredTarget(): BackupTarget {
  const url = getEnv().DATABASE_URL;
  return url ? { driver: "postgres", url } : { driver: "pglite", dir: pgliteDir() };
}

export async function backupDatabase(target: BackupTarget, file: string): Promise<BackupResult<Backup>> {
  const absolute = path.resolve(file);
  return target.driver === "postgres" ? backupPostgres(target.url, absolute) : backupPglite(target.dir, absolute);
}

export async function restoreDatabase(target: BackupTarget, file: string, { force }: { force: boolean }): Promise<BackupResult<Restore>> {
  const absolute = path.resolve(file);
  const kind = backupKind(absolute);
  const { refusals } = backupFr;
  if (kind === "missing") return { ok: false, refusal: { reason: "fileMissing", message: refusals.fileMissing(absolute) } };
  if (kind === "unknown") return { ok: false, refusal: { reason: "notABackup", message: refusals.notABackup(absolute) } };
  if (kind !== target.driver) {
    return kind === "pglite"
      ? { ok: false, refusal: { reason: "pgliteFileForPostgres", message: refusals.pgliteFileForPostgres(absolute) } }
      : { ok: false, refusal: { reason: "postgresFileForPglite", message: refusals.postgresFileForPglite(absolute) } };
  }
  return target.driver === "postgres" ? restorePostgres(target.url, absolute, force) : restorePglite(target.dir, absolute, force);
}
