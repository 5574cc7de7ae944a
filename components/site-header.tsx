import Link from "next/link";
import type { NavItem } from "./nav";
import { fr } from "@/lib/i18n/fr";

type Props = {
  amapName: string;
  items: NavItem[];
  /** The signed-in person's name, or null when signed out. */
  userName: string | null;
  signOutAction: () => Promise<void>;
};

/** Header and menu: wraps on a phone rather than hiding behind a toggle, so it needs no JavaScript. */
export function SiteHeader({ amapName, items, userName, signOutAction }: Props) {
  return (
    <header className="border-b border-leaf-100 bg-white">
      <a
        href="#contenu"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:flex focus:min-h-11 focus:items-center focus:rounded focus:bg-white focus:px-3"
      >
        {fr.nav.skipToContent}
      </a>
      <div className="mx-auto flex max-w-3xl flex-wrap items-center justify-between gap-x-4 gap-y-1 px-4 py-2">
        <Link href="/" className="flex min-h-11 flex-col justify-center leading-tight">
          <span className="text-lg font-bold text-leaf-700">{fr.app.name}</span>
          <span className="text-xs text-muted">{amapName}</span>
        </Link>
        {userName ? (
          <form action={signOutAction}>
            <button type="submit" className="min-h-11 rounded px-2 text-sm text-leaf-800 underline">
              {fr.nav.signOut}
            </button>
          </form>
        ) : (
          <Link href="/connexion" className="flex min-h-11 items-center rounded px-2 text-sm font-semibold text-leaf-800 underline">
            {fr.nav.signIn}
          </Link>
        )}
      </div>
      {userName && items.length > 0 ? (
        <nav aria-label={fr.nav.menu} className="mx-auto max-w-3xl px-2 pb-1">
          <ul className="flex flex-wrap gap-x-1">
            {items.map((item) => (
              <li key={item.href}>
                <Link href={item.href} className="flex min-h-11 items-center rounded px-2 text-sm font-medium text-leaf-800 hover:bg-leaf-50">
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </header>
  );
}
