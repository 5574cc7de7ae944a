// `npm run restore -- <fichier> [--force]`: replaces the configured database's
// content with a backup (db/backup). Stop the web instances and workers first.
import { configuredTarget, restoreDatabase } from "@/db/backup";
import { backupFr } from "@/lib/i18n/backup-fr";
import { runScript } from "./run-script";

await runScript(async () => {
  const args = process.argv.slice(2);
  const force = args.includes("--force");
  const files = args.filter((a) => a !== "--force");
  if (files.length !== 1 || files[0]!.startsWith("-")) {
    console.error(backupFr.restoreUsage);
    process.exit(2);
  }
  const result = await restoreDatabase(configuredTarget(), files[0]!, { force });
  if (!result.ok) {
    console.error(result.refusal.message);
    process.exit(1);
  }
  const { file, driver, movedAsideTo, replaced } = result.value;
  if (movedAsideTo) console.log(backupFr.movedAside(movedAsideTo));
  else if (replaced) console.log(backupFr.replaced);
  console.log(backupFr.restored(file, driver));
});
