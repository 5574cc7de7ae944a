// Pieces the three calendar pages share: their menu, and a disclosure for the
// forms of each row (native <details>: opens without JavaScript).
import Link from "@/components/space-link";
import type { ReactNode } from "react";
import { adminCalendarFr } from "@/lib/i18n/admin-calendar-fr";

const t = adminCalendarFr.nav;

const pages = [
  { key: "distributions", href: "/admin/calendrier", label: t.distributions },
  { key: "places", href: "/admin/calendrier/lieux", label: t.places },
  { key: "contracts", href: "/admin/calendrier/contrats", label: t.contracts },
] as const;

export function CalendarNav({ current }: { current: (typeof pages)[number]["key"] }) {
  return (
    <nav aria-label={t.label} className="mb-5">
      <ul className="flex gap-1.5">
        {pages.map((page) => (
          <li key={page.key} className="flex-auto">
            <Link
              href={page.href}
              aria-current={page.key === current ? "page" : undefined}
              className={`flex min-h-11 items-center justify-center whitespace-nowrap rounded-md border px-2 text-center text-sm font-semibold sm:text-base ${
                page.key === current ? "border-leaf-700 bg-leaf-700 text-white" : "border-leaf-700 bg-white text-leaf-800 hover:bg-leaf-50"
              }`}
            >
              {page.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** A disclosure whose summary is big enough to tap. */
export function Disclosure({ summary, children, tone = "normal" }: { summary: string; children: ReactNode; tone?: "normal" | "danger" }) {
  return (
    <details className="group open:basis-full">
      <summary
        className={`flex min-h-11 cursor-pointer items-center font-semibold underline-offset-4 hover:underline ${
          tone === "danger" ? "text-red-800" : "text-leaf-800"
        }`}
      >
        {summary}
      </summary>
      <div className="pb-2 pt-1">{children}</div>
    </details>
  );
}
