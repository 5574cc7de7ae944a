// The backup file itself: created readable by its owner only, written under a
// temporary name and given its final name only once complete (never over an
// existing file), and recognised by its first bytes when restoring.
import { closeSync, existsSync, linkSync, openSync, readSync, statSync, unlinkSync } from "node:fs";
import path from "node:path";
import { backupFr } from "@/lib/i18n/backup-fr";
import type { BackupRefusal, BackupTarget } from "./types";

const refuse = <R extends keyof typeof backupFr.refusals>(reason: R, message: string): BackupRefusal => ({ reason, message });

/** A partial file next to `file`, mode 0600, for the dump to write into; or why not. */
export function createPartialFile(file: string): { partial: string } | { refusal: BackupRefusal } {
  const dir = path.dirname(file);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return { refusal: refuse("noFolder", backupFr.refusals.noFolder(dir)) };
  if (existsSync(file)) return { refusal: refuse("fileExists", backupFr.refusals.fileExists(file)) };
  const partial = path.join(dir, `.${path.basename(file)}.${process.pid}.partiel`);
  // 0600 from the start, whatever the umask: a backup holds every member's contact details.
  closeSync(openSync(partial, "wx", 0o600));
  return { partial };
}

/** Gives the complete partial file its name; refuses (and removes it) if that name was taken meanwhile. */
export function publishPartialFile(partial: string, file: string): BackupRefusal | undefined {
  try {
    linkSync(partial, file); // fails rather than replace a file created meanwhile
    return undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return refuse("fileExists", backupFr.refusals.fileExists(file));
    throw error;
  } finally {
    removeQuietly(partial);
  }
}

export function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // already gone
  }
}

/** "PGDMP": pg_dump's custom format; gzip: the embedded database's tarball (PGlite's dumpDataDir). */
export function backupKind(file: string): BackupTarget["driver"] | "unknown" | "missing" {
  if (!existsSync(file) || !statSync(file).isFile()) return "missing";
  const head = Buffer.alloc(5);
  const fd = openSync(file, "r");
  try {
    readSync(fd, head, 0, 5, 0);
  } finally {
    closeSync(fd);
  }
  if (head.toString("latin1") === "PGDMP") return "postgres";
  if (head[0] === 0x1f && head[1] === 0x8b) return "pglite";
  return "unknown";
}
