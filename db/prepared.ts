// Statements read on every request, prepared once per database handle:
// Drizzle builds their SQL once, and postgres.js keeps them as named
// statements on each connection, so Postgres neither parses them again nor
// waits for a describe round trip (Drizzle's other queries are unprepared:
// two round trips whenever they have parameters). `?prepare=false` in
// DATABASE_URL (pgbouncer in transaction mode) still turns them off; PGlite
// runs them as is. Keyed on the handle: a renewed pool gets its own.
import type { Db } from "./types";

export function preparedPerDb<T>(build: (db: Db) => T): (db: Db) => T {
  const prepared = new WeakMap<Db, T>();
  return (db) => {
    let statement = prepared.get(db);
    if (statement === undefined) prepared.set(db, (statement = build(db)));
    return statement;
  };
}
