// `npm run db:migrate`: opens the configured database, which applies pending
// migrations (and, on an empty embedded database, loads the demo), then exits.
import { closeDb, getDbHandle } from "@/db/client";
import { runScript } from "./run-script";

await runScript(async () => {
  const { driver } = await getDbHandle();
  console.log(`Base ${driver === "postgres" ? "Postgres" : "embarquée (PGlite)"} à jour.`);
  await closeDb();
});
