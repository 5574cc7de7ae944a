// What the application keeps on disk (the embedded database, the generated
// auth secret) is for its own user only: folders 0700, files 0600, whatever
// the umask. PGlite writes its files with mode 0666 whatever the umask (it
// chmods them), so the folder is closed first and the files tightened after.
import { chmodSync, lstatSync, mkdirSync, readdirSync } from "node:fs";
import path from "node:path";

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates `dir` (and missing parents) and closes it to everyone else, also when it already existed. */
export function makePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(dir, PRIVATE_DIR_MODE);
}

/** Every folder under `dir` 0700, every file 0600. Symbolic links are left alone (chmod would follow them). */
export function restrictTree(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    if (entry.isDirectory()) {
      chmodSync(full, PRIVATE_DIR_MODE);
      restrictTree(full);
    } else if ((lstatSync(full).mode & 0o777) !== PRIVATE_FILE_MODE) {
      chmodSync(full, PRIVATE_FILE_MODE);
    }
  }
}
