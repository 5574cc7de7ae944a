// What reaches the server's log: one line per event, whatever a visitor typed.
// A value may come from a request (an address, a URL, an error quoting what
// was sent); a line break, an ANSI escape (ESC [31m), U+2028 or a
// right-to-left override in it would forge a log line or hide one. Every
// value is escaped here, and errors are told by their kind, never by the
// parameters a failed query carried. Pure.

/**
 * Cc (C0, DEL, C1: line feed, carriage return, ESC…), Cf (bidi overrides,
 * zero width characters), Zl and Zp (U+2028, U+2029), Cs (a lone surrogate),
 * and the backslash itself, so that an escape cannot be typed to look like one.
 */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\\]/gu;
const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t", "\\": "\\\\" };

/** The longest value written for one field. */
export const LOG_VALUE_MAX = 300;

/** `text` with every character that could break or disguise a log line written as an escape (`\n`, `\u{1b}`). */
export function escapeLogText(text: string, max = LOG_VALUE_MAX): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return cut.replace(UNSAFE, (c) => NAMED[c] ?? `\\u{${c.codePointAt(0)!.toString(16)}}`);
}

export type LogValue = string | number | boolean | null | undefined | Error | unknown;
export type LogFields = Record<string, LogValue>;

/** `[event] key=value key="two words"`: one line, every value escaped. */
export function formatLogLine(event: string, fields: LogFields = {}): string {
  const parts = [`[${escapeLogText(event, 40)}]`];
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    parts.push(`${escapeLogText(key, 40)}=${formatValue(value)}`);
  }
  return parts.join(" ");
}

function formatValue(value: unknown): string {
  if (typeof value === "number" || typeof value === "boolean" || value === null) return String(value);
  const text = value instanceof Error || (typeof value === "object" && value !== null) ? describeError(value) : String(value);
  const escaped = escapeLogText(text);
  return escaped === "" || /[\s="]/.test(escaped) ? `"${escaped.replace(/"/g, '\\"')}"` : escaped;
}

type ErrorLike = Error & { code?: unknown; query?: unknown; params?: unknown };

/**
 * Drizzle wraps a driver's error in one whose message is the query *and its
 * parameters* (« Failed query: … params: alice@example.org »): what people
 * typed. Recognised by shape, since the class name is minified in a build.
 */
export function isFailedQueryError(error: unknown): error is ErrorLike & { query: string } {
  return error instanceof Error && typeof (error as ErrorLike).query === "string" && "params" in error && error.message.startsWith("Failed query:");
}

/** A SQLSTATE, when the error is a database's. */
function codeOf(error: Error): string {
  const code = (error as ErrorLike).code;
  return typeof code === "string" || typeof code === "number" ? String(code) : "";
}

/** The message, but a Postgres data exception's (class 22: « invalid input syntax for type uuid: "…" ») without the value it quotes. */
function safeMessage(error: Error): string {
  return /^22/.test(codeOf(error)) ? error.message.replace(/"[^"]*"/g, '"…"') : error.message;
}

/**
 * One line telling an error: its name, its code (a Postgres error carries its
 * SQLSTATE) and its message — a failed query by its driver's error, never its
 * parameters.
 */
export function describeError(error: unknown): string {
  const root = isFailedQueryError(error) ? (error.cause ?? new Error("Failed query")) : error;
  if (!(root instanceof Error)) return typeof root === "string" ? root : Object.prototype.toString.call(root);
  return [root.name, codeOf(root), safeMessage(root)].filter(Boolean).join(" ");
}

/** Properties of a driver's error that hold what was sent: the parameters (PGlite, postgres.js), a row's values (`detail`, `where`). */
const REQUEST_PROPERTIES = ["params", "parameters", "detail", "where"];

/**
 * The same error, made safe to hand to a logger that prints it whole (Next
 * prints a page's error with its stack and its own properties, its cause's
 * too): a failed query and its driver's error lose the parameters and the
 * values they quote, and every message's control characters are escaped, in
 * the message and in the stack alike. Mutates and returns `error`.
 */
export function redactErrorForLog<T>(error: T): T {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    for (const key of REQUEST_PROPERTIES) {
      const property = Object.getOwnPropertyDescriptor(e, key);
      // postgres.js defines its `parameters` non-configurable, and non-enumerable: a logger does not print them.
      if (property?.configurable) Object.defineProperty(e, key, { value: undefined, enumerable: false, writable: true });
      else if (property?.writable) (e as unknown as Record<string, unknown>)[key] = undefined;
    }
    const before = e.message;
    const after = isFailedQueryError(e) ? `Failed query: ${escapeLogText(e.query, 2000)} (paramètres masqués)` : escapeLogText(safeMessage(e), 2000);
    if (after === before) continue;
    e.message = after;
    if (typeof e.stack === "string") {
      const at = e.stack.indexOf(before);
      e.stack = at >= 0 ? e.stack.slice(0, at) + after + e.stack.slice(at + before.length) : `${e.name}: ${after}`;
    }
  }
  return error;
}
