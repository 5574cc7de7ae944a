// The menu, by role: each entry lists the roles it serves (none = everyone signed in).
import type { Role } from "@/lib/domain/roles";
import { fr } from "@/lib/i18n/fr";

export type NavItem = { href: string; label: string; roles?: readonly Role[] };

const items: NavItem[] = [{ href: "/", label: fr.nav.home }];

export function navItemsFor(roles: ReadonlySet<Role>): NavItem[] {
  return items.filter((item) => !item.roles || item.roles.some((r) => roles.has(r)));
}
