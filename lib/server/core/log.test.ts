// Hostile values on their way to the log: through an action that fails, a
// failed query (whose error quotes its parameters), and Next's own logging
// of a page's error (instrumentation.ts). Each must give one escaped line,
// without the query's parameters.
import { inspect } from "node:util";
import { sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { getDb, type Db } from "@/db/client";
import { onRequestError } from "@/instrumentation";
import { answerFailures } from "../runtime/action-kit";
import { logError } from "./log";

const FORGED = "alice@example.org\n[auth] connexion de admin@amap.test\u2028\u001b[32mOK\u001b[0m";

let db: Db;
let lines: string[];

beforeAll(async () => {
  db = await getDb();
});

function captureConsole() {
  lines = [];
  for (const level of ["log", "warn", "error"] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void lines.push(args.map((a) => (typeof a === "string" ? a : inspect(a))).join(" ")));
  }
}
afterEach(() => vi.restoreAllMocks());

/** A real failed query: Postgres refuses the value, Drizzle wraps the refusal with the query and its parameters. */
async function failingQuery(): Promise<unknown> {
  return db.execute(sql`select ${FORGED}::uuid`).then(
    () => expect.fail("the query should fail"),
    (error: unknown) => error,
  );
}

describe("the log", () => {
  it("a failing action writes one escaped line, without the query's parameters", async () => {
    captureConsole();
    const error = await failingQuery();
    expect(String((error as Error).message)).toContain("alice@example.org"); // what Drizzle would have printed
    const answer = await answerFailures(async () => {
      throw error;
    });
    expect(answer).toMatchObject({ status: "error" });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[action\] error="\w+ 22P02 invalid input syntax for type uuid: \\"…\\""$/);
    expect(lines[0]).not.toContain("alice@example.org");
  });

  it("a hostile message in an error writes one line, its controls escaped", async () => {
    captureConsole();
    await answerFailures(async () => {
      throw new Error(FORGED);
    });
    logError("outbox", { error: new Error(FORGED), to: FORGED });
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).not.toMatch(/[\n\r\u2028\u2029\u001b]/);
      expect(line).toContain("alice@example.org\\n[auth] connexion de admin@amap.test\\u{2028}\\u{1b}[32mOK");
    }
  });

  it("Next's own log of a page's error (after onRequestError) shows neither the parameters nor a forged line", async () => {
    const error = await failingQuery();
    onRequestError(error);
    const printed = inspect(error);
    expect(printed).not.toContain("alice@example.org");
    expect(printed).toContain("Failed query: select $1::uuid (paramètres masqués)");
    expect(printed).toContain('invalid input syntax for type uuid: "…"');
    const page = new Error(`Invalid URL: ${FORGED}`);
    onRequestError(page);
    expect(page.stack!.split("\n")[0]).toBe("Error: Invalid URL: alice@example.org\\n[auth] connexion de admin@amap.test\\u{2028}\\u{1b}[32mOK\\u{1b}[0m");
  });
});
