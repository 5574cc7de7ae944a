// Backups of the embedded database with PGlite's own pair: dumpDataDir (a
// gzipped tarball of its data folder, taken by the database itself between
// queries) and loadDataDir (a new folder created from it). The folder is
// locked as the application locks it, so neither runs while a server or a
// worker has the database open. A plain copy of the folder would need the
// same guarantee and would not say whether PGlite can open the result.
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { backupFr } from "@/lib/i18n/backup-fr";
import { restrictTree } from "@/lib/private-files";
import { lockDataDir } from "../client";
import { createPartialFile, publishPartialFile, removeQuietly } from "./files";
import type { Backup, BackupRefusal, BackupResult, Restore } from "./types";

function hasDatabase(dir: string): boolean {
  return existsSync(path.join(dir, "PG_VERSION"));
}

function isEmptyFolder(dir: string): boolean {
  return !existsSync(dir) || (statSync(dir).isDirectory() && readdirSync(dir).length === 0);
}

/** Runs `body` holding the folder's lock; a folder in use is a refusal (the lock's own French message). */
async function withLock<T>(dir: string, body: () => Promise<BackupResult<T>>): Promise<BackupResult<T>> {
  let release: () => void;
  try {
    release = lockDataDir(dir);
  } catch (error) {
    const refusal: BackupRefusal = { reason: "inUse", message: backupFr.refusals.inUse((error as Error).message) };
    return { ok: false, refusal };
  }
  try {
    return await body();
  } finally {
    release();
  }
}

export async function backupPglite(dir: string, file: string): Promise<BackupResult<Backup>> {
  if (dir.startsWith("memory://")) return { ok: false, refusal: { reason: "inMemory", message: backupFr.refusals.inMemory } };
  if (!hasDatabase(dir)) {
    return { ok: false, refusal: { reason: "noEmbeddedDatabase", message: backupFr.refusals.noEmbeddedDatabase(dir) } };
  }
  const created = createPartialFile(file);
  if ("refusal" in created) return { ok: false, refusal: created.refusal };
  try {
    return await withLock(dir, async () => {
      const { PGlite } = await import("@electric-sql/pglite");
      const client = await PGlite.create(dir);
      let tarball: Buffer;
      try {
        tarball = Buffer.from(await (await client.dumpDataDir("gzip")).arrayBuffer());
      } finally {
        await client.close();
      }
      writeFileSync(created.partial, tarball);
      const taken = publishPartialFile(created.partial, file);
      if (taken) return { ok: false, refusal: taken };
      return { ok: true, value: { file, bytes: tarball.length, driver: "pglite" as const } };
    });
  } finally {
    removeQuietly(created.partial);
  }
}

export async function restorePglite(dir: string, file: string, force: boolean): Promise<BackupResult<Restore>> {
  if (dir.startsWith("memory://")) return { ok: false, refusal: { reason: "inMemory", message: backupFr.refusals.inMemory } };
  if (!isEmptyFolder(dir) && !force) {
    return { ok: false, refusal: { reason: "folderNotEmpty", message: backupFr.refusals.folderNotEmpty(dir) } };
  }
  return withLock(dir, async () => {
    // Kept, not deleted: the operator removes it once the restored base is checked.
    let movedAsideTo: string | undefined;
    if (!isEmptyFolder(dir)) {
      movedAsideTo = `${dir}.avant-restauration-${new Date().toISOString().replace(/[:.]/g, "-")}`;
      renameSync(dir, movedAsideTo);
    }
    const { PGlite } = await import("@electric-sql/pglite");
    try {
      // Checked whole first: PGlite unpacks a truncated file in a stream whose error escapes every promise.
      const tarball = readFileSync(file);
      gunzipSync(tarball);
      const client = await PGlite.create(dir, { loadDataDir: new Blob([tarball]) });
      try {
        await client.query("select 1");
      } finally {
        await client.close();
      }
      // PGlite writes its files 0666: the restored folder is made its user's only, as the application does.
      restrictTree(dir);
    } catch (error) {
      // A damaged file: the folder goes back as it was.
      rmSync(dir, { recursive: true, force: true });
      if (movedAsideTo) renameSync(movedAsideTo, dir);
      const detail = error instanceof Error ? error.message : String(error);
      return { ok: false, refusal: { reason: "unreadable", message: backupFr.refusals.unreadable(file, detail.slice(0, 200)) } };
    }
    return { ok: true, value: { file, driver: "pglite" as const, movedAsideTo, replaced: movedAsideTo !== undefined } };
  });
}
