// The data of a single-AMAP database, as it stood before the move to several
// AMAPs (DESIGN.md §11): written by scripts/make-migration-fixture.ts (commit e83b0ac) with
// that day's commands, loaded by test/integration/amap-migration.test.ts into
// a database at the same schema, which then migrates. Both ends of the file
// format are here: the dump (plain INSERTs, one a line, parents before
// children, then the sequences) and the load.
import { readFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { Executor } from "@/db/types";
import type { Role } from "@/lib/domain/roles";
import type { LinkAction } from "@/lib/server/core/signed-links";

/** The last migration of the schema the fixture's data was written at. */
export const FIXTURE_MIGRATION = "0004_list";

export const FIXTURE_SQL = path.join(process.cwd(), "test", "fixtures", "single-amap-0004.sql");
export const FIXTURE_JSON = path.join(process.cwd(), "test", "fixtures", "single-amap-0004.json");

/**
 * The AUTH_SECRET the fixture was made with, which the test sets too: its
 * link tokens, invitation links and keyed hashes are signed with it. A test
 * value, worthless anywhere else.
 */
export const FIXTURE_AUTH_SECRET = "migration-fixture-secret-for-tests-only-0004";

type Person = { id: string; email: string };

/** What the test checks after the migration (test/fixtures/single-amap-0004.json). */
export type FixtureFacts = {
  /** FIXTURE_MIGRATION, as the script saw it. */
  migration: string;
  /** When the data was made: roles are as of then (a subscription running that day makes a member). */
  generatedAt: string;
  /** The settings row: what the one AMAP of the migrated database is made from. */
  settings: { amapName: string; contactEmail: string; replyTo: string };
  /** Rows per table of the public schema, every table, empty ones included. */
  counts: Record<string, number>;
  referents: Person[];
  /** Everyone, by email, with the roles the data gave them at `generatedAt`. */
  people: (Person & { roles: Role[] })[];
  /** A link never used, valid until 2100. */
  link: LinkFact;
  /** A link used before the migration (its nonce is in used_links): it must stay used. */
  usedLink: LinkFact;
};

export type LinkFact = {
  token: string;
  action: LinkAction;
  userId: string;
  email: string;
  objectId: number;
  nonce: string;
  expiresAt: string;
  /** What the link does, in words. */
  does: string;
};

export function readFixtureFacts(): FixtureFacts {
  return JSON.parse(readFileSync(FIXTURE_JSON, "utf8")) as FixtureFacts;
}

// ---------------------------------------------------------------------------
// Dump.

function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as T[];
}

async function query<T>(ex: Executor, text: string): Promise<T[]> {
  return rowsOf<T>(await ex.execute(sql.raw(text)));
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** A value read as text, as an SQL literal on one line (an E'' string when it holds a line break or a backslash). */
export function literal(value: string | null): string {
  if (value === null) return "NULL";
  if (!/[\\\n\r]/.test(value)) return `'${value.replaceAll("'", "''")}'`;
  return `E'${value.replaceAll("\\", "\\\\").replaceAll("'", "''").replaceAll("\n", "\\n").replaceAll("\r", "\\r")}'`;
}

/** The tables of the public schema, every parent before its children (ties in name order). */
async function tablesInLoadOrder(ex: Executor): Promise<string[]> {
  const tables = (
    await query<{ name: string }>(
      ex,
      `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind = 'r' order by c.relname`,
    )
  ).map((t) => t.name);
  const links = await query<{ child: string; parent: string }>(
    ex,
    `select c.relname as child, p.relname as parent from pg_constraint k
       join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
       join pg_namespace n on n.oid = k.connamespace
     where k.contype = 'f' and n.nspname = 'public'`,
  );
  const ordered: string[] = [];
  const waiting = new Set(tables);
  while (waiting.size > 0) {
    const ready = [...waiting].find((t) => !links.some((l) => l.child === t && l.parent !== t && waiting.has(l.parent)));
    if (!ready) throw new Error(`Foreign keys in a cycle among ${[...waiting].join(", ")}`);
    ordered.push(ready);
    waiting.delete(ready);
  }
  return ordered;
}

async function columnsOf(ex: Executor, table: string): Promise<{ columns: string[]; key: string[] }> {
  const columns = (
    await query<{ name: string }>(
      ex,
      `select attname as name from pg_attribute where attrelid = ${literal(`public.${ident(table)}`)}::regclass
       and attnum > 0 and not attisdropped order by attnum`,
    )
  ).map((c) => c.name);
  const key = (
    await query<{ name: string }>(
      ex,
      `select a.attname as name from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
       where i.indrelid = ${literal(`public.${ident(table)}`)}::regclass and i.indisprimary
       order by array_position(i.indkey::int2[], a.attnum)`,
    )
  ).map((c) => c.name);
  return { columns, key };
}

/**
 * The data of the public schema as SQL: one INSERT a line, tables parents
 * first, rows in primary-key order (all columns for a table without one),
 * then each sequence set where it stood. Values go through their text form,
 * which Postgres and PGlite read back into any column type.
 */
export async function dumpData(ex: Executor): Promise<{ statements: string[]; counts: Record<string, number> }> {
  const statements: string[] = [];
  const counts: Record<string, number> = {};
  const tables = await tablesInLoadOrder(ex);
  for (const table of tables) {
    const { columns, key } = await columnsOf(ex, table);
    // Qualified: unqualified, ORDER BY would take the text columns of the select list ('10' before '2').
    const order = (key.length > 0 ? key : columns).map((c) => `t.${ident(c)}`).join(", ");
    const rows = await query<Record<string, string | null>>(
      ex,
      `select ${columns.map((c) => `t.${ident(c)}::text as ${ident(c)}`).join(", ")} from public.${ident(table)} as t order by ${order}`,
    );
    counts[table] = rows.length;
    const names = columns.map(ident).join(", ");
    for (const row of rows) {
      statements.push(`insert into ${ident(table)} (${names}) values (${columns.map((c) => literal(row[c] ?? null)).join(", ")});`);
    }
  }
  const serials = await query<{ tab: string; col: string; seq: string }>(
    ex,
    `select table_name as tab, column_name as col, pg_get_serial_sequence(quote_ident(table_name), column_name) as seq
     from information_schema.columns where table_schema = 'public' and column_default like 'nextval(%'
     order by table_name, column_name`,
  );
  for (const { tab, col, seq } of serials) {
    const [state] = await query<{ last: string; called: boolean }>(ex, `select last_value::text as last, is_called as called from ${seq}`);
    statements.push(
      `select setval(pg_get_serial_sequence(${literal(ident(tab))}, ${literal(col)}), ${state!.last}, ${state!.called ? "true" : "false"});`,
    );
  }
  return { statements, counts: Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b))) };
}

// ---------------------------------------------------------------------------
// Load.

/** Runs the fixture's statements (one a line; `--` lines are comments) on `ex`, best inside one transaction. */
export async function loadData(ex: Executor, text: string = readFileSync(FIXTURE_SQL, "utf8")): Promise<number> {
  let statements = 0;
  for (const line of text.split("\n")) {
    if (!line.trim() || line.startsWith("--")) continue;
    await ex.execute(sql.raw(line));
    statements++;
  }
  return statements;
}
