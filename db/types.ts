import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type * as schema from "./schema";

/** A Drizzle database on either driver (postgres-js or PGlite). */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** The transaction handle Drizzle passes to `db.transaction(tx => …)`. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Anything queries can run on: the database or an open transaction. */
export type Executor = Db | Tx;
