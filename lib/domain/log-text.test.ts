import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { describeError, escapeLogText, formatLogLine, isFailedQueryError, redactErrorForLog } from "./log-text";

/** A value that would forge or disguise a log line, and how it must read once escaped. */
const HOSTILE: [string, string, string][] = [
  ["line feed", "ok\n[auth] forged line", "ok\\n[auth] forged line"],
  ["carriage return", "ok\r[action] forged", "ok\\r[action] forged"],
  ["tab", "a\tb", "a\\tb"],
  ["NUL", "a\u0000b", "a\\u{0}b"],
  ["ANSI escape (red text)", "\u001b[31mERREUR\u001b[0m", "\\u{1b}[31mERREUR\\u{1b}[0m"],
  ["DEL", "a\u007fb", "a\\u{7f}b"],
  ["C1 next line", "a\u0085b", "a\\u{85}b"],
  ["line separator", "a\u2028b", "a\\u{2028}b"],
  ["paragraph separator", "a\u2029b", "a\\u{2029}b"],
  ["right-to-left override", "\u202edemhA", "\\u{202e}demhA"],
  ["lone surrogate", "a\ud800b", "a\\u{d800}b"],
  ["a typed backslash-n, told apart from a line feed", "a\\nb", "a\\\\nb"],
];

describe("escapeLogText", () => {
  it.each(HOSTILE)("escapes a %s", (_name, raw, escaped) => {
    expect(escapeLogText(raw)).toBe(escaped);
  });

  it("leaves ordinary French text, accents and emoji as they are", () => {
    expect(escapeLogText("Inès Lefèvre « 18 h » 🥕 l'AMAP")).toBe("Inès Lefèvre « 18 h » 🥕 l'AMAP");
  });

  it("cuts a long value", () => {
    expect(escapeLogText("a".repeat(1000))).toHaveLength(301);
  });
});

describe("formatLogLine", () => {
  it("writes one line, whatever the values hold", () => {
    const line = formatLogLine("sign-in", { message: "lien non envoyé", email: HOSTILE.map(([, raw]) => raw).join(""), count: 3, skipped: undefined });
    expect(line).not.toMatch(/[\n\r\u2028\u2029\u001b\u0085]/);
    expect(line).toMatch(/^\[sign-in\] message="lien non envoyé" email=".*" count=3$/);
    expect(line).toContain("\\n[auth] forged line");
  });

  it("quotes a value holding a space or a quote, so that it cannot pose as another field", () => {
    expect(formatLogLine("x", { a: 'b c="d"' })).toBe('[x] a="b c=\\"d\\""');
  });
});

/** What Drizzle throws when a query fails: the query, then its parameters, in the message. */
function failedQuery(params: unknown[], cause?: Error) {
  const error = new Error(`Failed query: select $1\nparams: ${params.join(",")}`) as Error & { query: string; params: unknown[] };
  Object.assign(error, { query: "select $1", params, cause });
  return error;
}

describe("errors in the log", () => {
  it("tell a failed query by its driver's error, never by its parameters", () => {
    const cause = Object.assign(new Error('invalid input syntax for type uuid: "alice@example.org"'), { name: "PostgresError", code: "22P02" });
    const error = failedQuery(["alice@example.org"], cause);
    expect(isFailedQueryError(error)).toBe(true);
    expect(describeError(error)).toBe('PostgresError 22P02 invalid input syntax for type uuid: "…"');
    expect(describeError(failedQuery(["alice@example.org"]))).toBe("Error Failed query");
  });

  it("are made safe in place for a logger that prints them whole (Next's)", () => {
    const error = failedQuery(["alice@example.org", "06 12 34 56 78"]);
    redactErrorForLog(error);
    const printed = inspect(error);
    expect(printed).not.toContain("alice@example.org");
    expect(printed).not.toContain("06 12 34 56 78");
    expect(error.message).toBe("Failed query: select $1 (paramètres masqués)");

    const forged = new Error("Invalid URL: x\n⨯ Error: forged\u001b[0m");
    redactErrorForLog(forged);
    expect(forged.message).toBe("Invalid URL: x\\n⨯ Error: forged\\u{1b}[0m");
    expect(forged.stack!.split("\n")[0]).toBe(`Error: ${forged.message}`);
  });
});
