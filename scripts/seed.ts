// `npm run db:seed`: loads the demo AMAP into an empty database.
import { closeDb, getDb } from "@/db/client";
import { isDatabaseEmpty, seedDemo } from "@/db/seed/demo";
import { runScript } from "./run-script";

await runScript(async () => {
  const db = await getDb(); // opening an empty embedded database already seeds it
  const seeded = await db.transaction(async (tx) => {
    if (!(await isDatabaseEmpty(tx))) return false;
    await seedDemo(tx, { now: new Date() });
    return true;
  });
  console.log(seeded ? "Démo chargée." : "La base contient déjà des personnes : démo chargée ou données réelles, rien n'est modifié.");
  await closeDb();
});
