import Link from "@/components/space-link";
import type { NavEntry, NavGroup, NavLink } from "./nav";

// NOTE: no prefetching of the menu: every page is dynamic, so each visible
// link would cost a server render and a download on a phone for a page the
// person may never open (measured by `npm run bench`: 4 requests on /paniers).
import { fr } from "@/lib/i18n/fr";

type Props = {
  amapName: string;
  /** The menu for this visitor (navItemsFor: by role, or the public one when signed out). */
  items: NavEntry[];
  /** The signed-in person's name, or null when signed out. */
  userName: string | null;
  signOutAction: () => Promise<void>;
};

const linkClass =
  "flex min-h-11 items-center rounded px-2 py-1 text-sm leading-tight font-medium text-leaf-800 hover:bg-leaf-100";

/** Header and menu: wraps on a phone rather than hiding behind a toggle, so it needs no JavaScript. */
export function SiteHeader({ amapName, items, userName, signOutAction }: Props) {
  const menu = items;
  return (
    <header className="border-b border-leaf-100 bg-white">
      <a
        href="#contenu"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:flex focus:min-h-11 focus:items-center focus:rounded focus:bg-white focus:px-3"
      >
        {fr.nav.skipToContent}
      </a>
      {/* The name is one size smaller on a phone so "Se déconnecter" fits beside it at 360 px. */}
      <div className="mx-auto flex max-w-3xl flex-wrap items-center justify-between gap-x-2 gap-y-1 px-4 py-2">
        <Link href="/" prefetch={false} className="flex min-h-11 flex-col justify-center leading-tight">
          <span className="text-base font-bold text-leaf-700 sm:text-lg">{fr.app.name}</span>
          <span className="text-xs text-muted">{amapName}</span>
        </Link>
        {userName ? (
          <form action={signOutAction}>
            <button type="submit" className="min-h-11 rounded px-2 text-sm text-leaf-800 underline">
              {fr.nav.signOut}
            </button>
          </form>
        ) : (
          <Link href="/connexion" prefetch={false} className="flex min-h-11 items-center rounded px-2 text-sm font-semibold text-leaf-800 underline">
            {fr.nav.signIn}
          </Link>
        )}
      </div>
      {menu.length > 0 ? (
        <nav aria-label={fr.nav.menu} className="mx-auto flex max-w-3xl flex-col gap-1 px-2 pb-2">
          {rows(menu).map((row, i) =>
            Array.isArray(row) ? (
              <ul key={`links-${i}`} className="flex flex-wrap gap-x-1">
                {row.map((link) => (
                  <li key={link.href}>
                    <Link href={link.href} prefetch={false} className={linkClass}>
                      {link.label}
                    </Link>
                  </li>
                ))}
              </ul>
            ) : (
              <MenuGroup key={row.id} group={row} />
            ),
          )}
        </nav>
      ) : null}
    </header>
  );
}

/** Consecutive links share a row; each group stands on its own. */
function rows(entries: NavEntry[]): (NavLink[] | NavGroup)[] {
  const result: (NavLink[] | NavGroup)[] = [];
  for (const entry of entries) {
    const last = result.at(-1);
    if (entry.kind === "group") result.push(entry);
    else if (Array.isArray(last)) last.push(entry);
    else result.push([entry]);
  }
  return result;
}

/**
 * A titled block of links. Two columns on a phone (a long label wraps inside
 * its cell instead of pushing the row wider), one line from `sm` up.
 */
function MenuGroup({ group }: { group: NavGroup }) {
  const headingId = `menu-${group.id}`;
  return (
    <div className="rounded-md bg-leaf-50 px-1 pb-1">
      <p id={headingId} className="px-2 pt-1 text-xs font-semibold tracking-wide text-leaf-700 uppercase">
        {group.label}
      </p>
      <ul aria-labelledby={headingId} className="grid grid-cols-2 gap-x-1 sm:flex sm:flex-wrap">
        {group.links.map((link) => (
          <li key={link.href}>
            <Link href={link.href} prefetch={false} className={linkClass}>
              {link.label}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
