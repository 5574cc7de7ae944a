// The menu, by role: each entry lists the roles it serves (none = everyone signed in).
import type { Role } from "@/lib/domain/roles";
import { fr } from "@/lib/i18n/fr";

export type NavItem = { href: string; label: string; roles?: readonly Role[] };

const items: NavItem[] = [
  { href: "/", label: fr.nav.home },
  { href: "/paniers", label: fr.nav.baskets, roles: ["intermittent"] },
  { href: "/absence", label: fr.nav.absence, roles: ["member"] },
  { href: "/mes-paniers", label: fr.nav.myBaskets, roles: ["member", "intermittent"] },
];

export function navItemsFor(roles: ReadonlySet<Role>): NavItem[] {
  return items.filter((item) => !item.roles || item.roles.some((r) => roles.has(r)));
}
