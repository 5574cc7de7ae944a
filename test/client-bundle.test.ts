// What client components may pull into the browser. A "use client" module
// ships with everything it imports; the root error boundary (app/error.tsx)
// ships on every page. The whole French catalogue (lib/i18n/fr.ts, ~90 kB
// with its sections) once went to every phone that way: client code imports
// the catalogue's sections (lib/i18n/*-fr.ts) instead, and this test walks
// each client module's imports to keep it so.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");

/** Modules a client component must never reach: the whole catalogue, and anything server-side. */
const FORBIDDEN = [/^lib\/i18n\/fr\.ts$/, /^lib\/server\//, /^db\//];

function sources(dir: string): string[] {
  return readdirSync(path.join(root, dir)).flatMap((name) => {
    const rel = path.join(dir, name);
    if (statSync(path.join(root, rel)).isDirectory()) return sources(rel);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [rel] : [];
  });
}

function resolve(from: string, specifier: string): string | null {
  const base = specifier.startsWith("@/") ? specifier.slice(2) : specifier.startsWith(".") ? path.join(path.dirname(from), specifier) : null;
  if (base === null) return null; // a package
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")]) {
    if (existsSync(path.join(root, candidate)) && statSync(path.join(root, candidate)).isFile()) return path.normalize(candidate);
  }
  throw new Error(`${from}: cannot resolve ${specifier}`);
}

/** Every project module `file` loads at run time (type-only imports are erased, so not followed). */
function reach(file: string, seen = new Map<string, string[]>(), trail: string[] = [file]): Map<string, string[]> {
  if (seen.has(file)) return seen;
  seen.set(file, trail);
  const text = readFileSync(path.join(root, file), "utf8");
  for (const [, typeOnly, specifier] of text.matchAll(/^\s*(?:import|export)\s+(type\s+)?(?:[^"';]*?\s+from\s+)?["']([^"']+)["']/gm)) {
    if (typeOnly) continue;
    const target = resolve(file, specifier!);
    if (target) reach(target, seen, [...trail, target]);
  }
  return seen;
}

const clientModules = ["app", "components"]
  .flatMap(sources)
  .filter((file) => /^\s*["']use client["']/.test(readFileSync(path.join(root, file), "utf8")));

describe("client components", () => {
  it("are found (the walk sees them)", () => {
    expect(clientModules).toContain("app/error.tsx");
    expect(clientModules.length).toBeGreaterThan(5);
  });

  it.each(clientModules)("%s reaches neither the whole catalogue nor server code", (file) => {
    const offending = [...reach(file)].filter(([module]) => FORBIDDEN.some((rule) => rule.test(module)));
    expect(offending.map(([, trail]) => trail.join(" → "))).toEqual([]);
  });

  it("the walk does see an import of the catalogue (the rule can fail)", () => {
    const reached = [...reach("components/flash.tsx").keys()];
    expect(reached).toContain("lib/i18n/fr.ts");
  });
});
