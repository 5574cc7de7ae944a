// What backup and restore take and answer (STYLE.md: expected outcomes are values).
import type { backupFr } from "@/lib/i18n/backup-fr";

export type BackupTarget = { driver: "postgres"; url: string } | { driver: "pglite"; dir: string };

export type BackupRefusal = { reason: keyof typeof backupFr.refusals; message: string };

export type BackupResult<T> = { ok: true; value: T } | { ok: false; refusal: BackupRefusal };

export type Backup = { file: string; bytes: number; driver: BackupTarget["driver"] };

export type Restore = {
  file: string;
  driver: BackupTarget["driver"];
  /** With --force on the embedded database: where the previous folder was moved. */
  movedAsideTo?: string;
  /** With --force on Postgres: the previous content was dropped. */
  replaced: boolean;
};
