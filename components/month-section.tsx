// A month of a long list (the calendar, every offer) behind its heading: a
// native <details>, so it opens and closes without JavaScript. The pages open
// the months that matter now (this one and the next) and keep the rest one
// tap away, so a phone does not scroll through a season.
import type { ReactNode } from "react";

type Props = {
  /** Anchor and heading id: « mois-2026-12 ». */
  id: string;
  /** « décembre 2026 ». */
  title: string;
  /** « 9 distributions », shown beside the title. */
  count: string;
  isOpen: boolean;
  children: ReactNode;
};

export function MonthSection({ id, title, count, isOpen, children }: Props) {
  return (
    <section aria-labelledby={id}>
      <details open={isOpen} className="group">
        <summary className="flex min-h-12 cursor-pointer items-center justify-between gap-3 rounded-md border border-leaf-100 bg-leaf-50 px-3 marker:content-none [&::-webkit-details-marker]:hidden">
          <h2 id={id} className="text-xl font-bold text-leaf-800 first-letter:uppercase">
            {title}
          </h2>
          <span className="flex items-center gap-2 text-sm text-muted">
            {count}
            <span aria-hidden="true" className="text-lg text-leaf-800 transition-transform group-open:rotate-180">
              ▾
            </span>
          </span>
        </summary>
        <div className="pt-3">{children}</div>
      </details>
    </section>
  );
}
