// The help catalogue's glossary: anchors other pages link to (/aide/glossaire#emargement).
import { describe, expect, it } from "vitest";
import { helpFr } from "@/lib/i18n/help-fr";

describe("the glossary", () => {
  const ids = helpFr.glossary.terms.map((entry) => entry.id);

  it("gives every term its own anchor, made of URL-safe characters", () => {
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z-]*$/);
  });

  it("only cross-references terms it defines", () => {
    for (const entry of helpFr.glossary.terms) {
      for (const id of entry.seeAlso) expect(ids, `${entry.id} → ${id}`).toContain(id);
    }
  });
});
