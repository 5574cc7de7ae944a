// Every string of the French catalogue, as a person reads it: each file of
// lib/i18n/*-fr.ts, each string in it, and each function called with sample
// arguments (names, dates, times, prices, counts, with ordinary spaces, as a
// page or an email would pass them). None may hold a breakable space before
// « ? ! : ; », inside « … », between a number and its unit or inside a date,
// nor an inclusive form whose dot lets the line break (DESIGN.md §10). A
// string or a catalogue file added later is walked too.
import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { typographyFaults } from "@/lib/domain/french";
import { ERROR_COLUMN } from "@/lib/domain/member-import";

// grammar.ts holds the helpers the catalogue composes its sentences with, not
// sentences. Each file is loaded alone, in a fresh module registry: a file
// that relied on fr.ts to typeset it (fr.ts reaches all of them) is caught.
const modules = import.meta.glob<Record<string, unknown>>(["../lib/i18n/*.ts", "!../lib/i18n/grammar.ts"]);

/** Names, dates and amounts as the code passes them, with plain spaces the catalogue must fix. */
const STRINGS = [
  "Alice Martin",
  "jeudi 3 décembre, 18 h 30 – 20 h",
  "22,00 €",
  "Inès",
  "Hugo",
  "Légumes — grand panier",
];
const NUMBERS = [0, 1, 2, 3];

/**
 * Stands for any argument: a string where a string is wanted ("Bruno"), a
 * number where a number is (2), and an object whose every field is one again
 * (for functions taking { member, position } or an error object).
 */
function anything(): unknown {
  const target = function () {} as unknown as Record<PropertyKey, unknown>;
  const proxy: unknown = new Proxy(target, {
    get(_t, key) {
      if (key === Symbol.toPrimitive)
        return (hint: string) => (hint === "number" ? 2 : "Bruno");
      if (key === "then") return undefined;
      if (key === "length") return 2;
      return anything();
    },
    apply: () => anything(),
  });
  return proxy;
}

/** Every field an import error may carry; its code picks the sentence. */
const errorFields = {
  cells: 9,
  columns: 8,
  value: "Légumes 2",
  codePoint: "U+202E",
  known: ["Légumes", "Œufs"],
  candidates: ["Pain", "Pain bio"],
  line: 3,
  startsOn: "2026-01-01",
  endsOn: "2026-06-30",
  maxChars: 1_000_000,
  maxRows: 5001,
  column: "email",
};
const FILE_ERROR_CODES = [
  "no_rows",
  "missing_email_column",
  "duplicate_column",
  "too_large",
  "too_many_rows",
  "unclosed_quote",
];
const ERROR_SAMPLES = [...Object.keys(ERROR_COLUMN), ...FILE_ERROR_CODES].map(
  (code) => [{ ...errorFields, code }],
);

/** Argument lists to try on a function: each gives some branches a chance. */
function argumentSets(arity: number): unknown[][] {
  const n = Math.max(arity, 1);
  const sets: unknown[][] = [
    Array.from({ length: n }, () => anything()),
    ...ERROR_SAMPLES,
  ];
  for (const s of STRINGS) sets.push(Array.from({ length: n }, () => s));
  for (const x of NUMBERS) sets.push(Array.from({ length: n }, () => x));
  // Mixed: a name, then counts (e.g. (name, offers, notified)).
  for (const x of NUMBERS)
    sets.push(["Alice", ...Array.from({ length: n - 1 }, () => x)]);
  return sets;
}

type Reading = { where: string; text: string };

function collect(
  value: unknown,
  where: string,
  out: Reading[],
  fns: string[],
  depth = 0,
): void {
  if (depth > 8) return;
  if (typeof value === "string") {
    out.push({ where, text: value });
  } else if (typeof value === "function") {
    if (depth > 0 && where.includes("()")) return;
    fns.push(where);
    for (const args of argumentSets(value.length)) {
      let result: unknown;
      try {
        result = (value as (...a: unknown[]) => unknown)(...args);
      } catch {
        continue;
      }
      collect(result, `${where}()`, out, [], depth + 1);
    }
  } else if (Array.isArray(value)) {
    value.forEach((item, i) =>
      collect(item, `${where}[${i}]`, out, fns, depth + 1),
    );
  } else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      if (key === "href" || key === "id") continue;
      collect(item, `${where}.${key}`, out, fns, depth + 1);
    }
  }
}

let walked: Promise<{ readings: Reading[]; functions: string[] }> | null = null;

function readCatalogue() {
  walked ??= walkCatalogue();
  return walked;
}

async function walkCatalogue() {
  const readings: Reading[] = [];
  const functions: string[] = [];
  for (const [file, load] of Object.entries(modules)) {
    vi.resetModules();
    const exports = await load();
    // The catalogues themselves; a helper exported beside one (notifiedByEmail) is read through it.
    for (const [name, value] of Object.entries(exports)) {
      if (typeof value === "object")
        collect(value, `${path.basename(file)} ${name}`, readings, functions);
    }
  }
  return { readings, functions };
}

describe("the French catalogue", () => {
  it("walks every catalogue file", () => {
    const files = readdirSync(
      path.join(import.meta.dirname, "../lib/i18n"),
    ).filter(
      (f) => /\.ts$/.test(f) && !/\.test\.ts$/.test(f) && f !== "grammar.ts",
    );
    expect(
      Object.keys(modules)
        .map((f) => path.basename(f))
        .sort(),
    ).toEqual(files.sort());
  });

  it("has French spaces everywhere a line must not break", async () => {
    const { readings, functions } = await readCatalogue();
    // Not a vacuous walk: hundreds of strings, and the functions' results among them.
    expect(readings.length).toBeGreaterThan(1000);
    expect(functions.length).toBeGreaterThan(150);
    const faults = readings.flatMap(({ where, text }) =>
      typographyFaults(text).map((fault) => `${where}: ${fault}`),
    );
    expect(faults).toEqual([]);
  });

  it("every function of it returns something a person reads", async () => {
    const { readings, functions } = await readCatalogue();
    const silent = functions.filter(
      (where) => !readings.some((r) => r.where.startsWith(`${where}()`)),
    );
    expect(silent).toEqual([]);
  });
});
