// The menu, by role. Each entry names its audience; the pages of the exchange
// sit in one group, "Espace intermittents", as AMAP guides describe it.
// Pure: tested in test/nav.test.ts.
import type { Role } from "@/lib/domain/roles";
import { fr } from "@/lib/i18n/fr";
import { helpFr } from "@/lib/i18n/help-fr";
import { joinFr } from "@/lib/i18n/join-fr";
import { networkFr } from "@/lib/i18n/network-fr";

/**
 * Who sees an entry: anyone (signed out too), only the signed-out, anyone
 * signed in, holders of one of the roles, or the network's administrator.
 */
type Audience = "everyone" | "signed-out" | "signed-in" | "network-admin" | readonly Role[];

export type NavLink = { kind: "link"; href: string; label: string };
export type NavGroup = { kind: "group"; id: string; label: string; links: NavLink[] };
export type NavEntry = NavLink | NavGroup;

type LinkSpec = { href: string; label: string; audience: Audience };
type GroupSpec = { id: string; label: string; links: LinkSpec[] };

// Menu order: the general links share a row; the group follows on its own.
const menu: (LinkSpec | GroupSpec)[] = [
  { href: "/", label: fr.nav.home, audience: "signed-in" },
  { href: "/aide", label: helpFr.nav.help, audience: "everyone" },
  // The way in for someone who is not a member (issue 11 §3); signed in, /inscription does it.
  { href: "/devenir-intermittent", label: joinFr.cta, audience: "signed-out" },
  { href: "/admin", label: helpFr.nav.admin, audience: ["referent"] },
  { href: "/reseau", label: networkFr.title, audience: "network-admin" },
  // Name, address, « Me déconnecter partout ».
  { href: "/compte", label: fr.nav.account, audience: "signed-in" },
  {
    id: "espace-intermittents",
    label: helpFr.nav.group,
    links: [
      { href: "/paniers", label: fr.nav.baskets, audience: ["intermittent"] },
      { href: "/absence", label: fr.nav.absence, audience: ["member"] },
      { href: "/mes-paniers", label: fr.nav.myBaskets, audience: ["member", "intermittent"] },
      // A member registers here (or registers someone else); an intermittent leaves here.
      { href: "/inscription", label: helpFr.nav.registration, audience: "signed-in" },
    ],
  },
];

function canSee(audience: Audience, roles: ReadonlySet<Role> | null, networkAdmin: boolean): boolean {
  if (audience === "everyone") return true;
  if (audience === "signed-out") return roles === null;
  if (roles === null) return false;
  if (audience === "signed-in") return true;
  if (audience === "network-admin") return networkAdmin;
  return audience.some((role) => roles.has(role));
}

function toLink({ href, label }: LinkSpec): NavLink {
  return { kind: "link", href, label };
}

/**
 * The menu for someone holding `roles` (and administering the network, or
 * not), or for a signed-out visitor (`null`). A group with nothing visible is
 * left out.
 */
export function navItemsFor(roles: ReadonlySet<Role> | null, networkAdmin = false): NavEntry[] {
  const entries: NavEntry[] = [];
  for (const spec of menu) {
    if ("links" in spec) {
      const links = spec.links.filter((link) => canSee(link.audience, roles, networkAdmin)).map(toLink);
      if (links.length > 0) entries.push({ kind: "group", id: spec.id, label: spec.label, links });
    } else if (canSee(spec.audience, roles, networkAdmin)) {
      entries.push(toLink(spec));
    }
  }
  return entries;
}
