// `npm run backup -- <fichier>`: a backup of the configured database (db/backup).
import { backupDatabase, configuredTarget } from "@/db/backup";
import { backupFr } from "@/lib/i18n/backup-fr";
import { runScript } from "./run-script";

await runScript(async () => {
  const args = process.argv.slice(2);
  if (args.length !== 1 || args[0]!.startsWith("-")) {
    console.error(backupFr.backupUsage);
    process.exit(2);
  }
  const result = await backupDatabase(configuredTarget(), args[0]!);
  if (!result.ok) {
    console.error(result.refusal.message);
    process.exit(1);
  }
  console.log(backupFr.backedUp(result.value.file, result.value.bytes, result.value.driver));
});
