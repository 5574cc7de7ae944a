// The menu by role (components/nav.ts): who sees which entry, as a table.
import { describe, expect, it } from "vitest";
import { navItemsFor, type NavEntry } from "@/components/nav";
import type { Role } from "@/lib/domain/roles";

/** The menu as text: top-level labels, and a group as "Group > a | b". */
function outline(entries: NavEntry[]): string[] {
  return entries.map((entry) =>
    entry.kind === "link" ? entry.label : `${entry.label} > ${entry.links.map((link) => link.label).join(" | ")}`,
  );
}

const roles = (...list: Role[]) => new Set<Role>(list);

describe("navItemsFor", () => {
  it.each([
    { who: "a signed-out visitor", roles: null, menu: ["Aide", "Devenir intermittent·e"] },
    {
      who: "someone signed in with no role",
      roles: roles(),
      menu: ["Accueil", "Aide", "Mon compte", "Espace intermittents > Intermittents (dés)inscription"],
    },
    {
      who: "a member",
      roles: roles("member"),
      menu: [
        "Accueil",
        "Aide",
        "Mon compte",
        "Espace intermittents > Absence – proposer son panier | Mes paniers échangés | Intermittents (dés)inscription",
      ],
    },
    {
      who: "an intermittent",
      roles: roles("intermittent"),
      menu: [
        "Accueil",
        "Aide",
        "Mon compte",
        "Espace intermittents > Réserver un panier | Mes paniers échangés | Intermittents (dés)inscription",
      ],
    },
    {
      who: "a référent holding no other role",
      roles: roles("referent"),
      menu: ["Accueil", "Aide", "Administration", "Mon compte", "Espace intermittents > Intermittents (dés)inscription"],
    },
    {
      who: "someone holding every role",
      roles: roles("member", "intermittent", "referent"),
      menu: [
        "Accueil",
        "Aide",
        "Administration",
        "Mon compte",
        "Espace intermittents > Réserver un panier | Absence – proposer son panier | Mes paniers échangés | Intermittents (dés)inscription",
      ],
    },
  ])("shows $who what serves them", ({ roles, menu }) => {
    expect(outline(navItemsFor(roles))).toEqual(menu);
    // Only the network's administrator has « Le réseau ».
    expect(outline(navItemsFor(roles))).not.toContain("Le réseau");
  });

  it("points each entry at its page, once", () => {
    const entries = navItemsFor(roles("member", "intermittent", "referent"));
    const hrefs = entries.flatMap((entry) => (entry.kind === "link" ? [entry.href] : entry.links.map((link) => link.href)));
    expect(hrefs).toEqual(["/", "/aide", "/admin", "/compte", "/paniers", "/absence", "/mes-paniers", "/inscription"]);
  });

  it("builds a fresh menu on every call, so one request cannot alter the next", () => {
    const expected = outline(navItemsFor(roles("member")));
    const first = navItemsFor(roles("member"));
    first.find((entry) => entry.kind === "group")?.links.pop();
    expect(outline(navItemsFor(roles("member")))).toEqual(expected);
  });
});

describe("the network's administrator", () => {
  it("has « Le réseau » beside what their roles give them, and nobody else has it", () => {
    expect(outline(navItemsFor(roles(), true))).toEqual(["Accueil", "Aide", "Le réseau", "Mon compte", "Espace intermittents > Intermittents (dés)inscription"]);
    expect(outline(navItemsFor(roles("referent"), true))).toEqual([
      "Accueil",
      "Aide",
      "Administration",
      "Le réseau",
      "Mon compte",
      "Espace intermittents > Intermittents (dés)inscription",
    ]);
    expect(outline(navItemsFor(null, true))).toEqual(["Aide", "Devenir intermittent·e"]);
  });
});
