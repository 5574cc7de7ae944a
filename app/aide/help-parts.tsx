// Small pieces shared by the help pages: rich text from the catalogue, titled
// blocks with an anchor, and lists of plain sentences.
import Link from "@/components/space-link";
import { Fragment, type ReactNode } from "react";
import type { RichText } from "@/lib/i18n/help-fr";

// A link inside a sentence: the vertical padding grows its tap area past the
// 24 px WCAG 2.2 asks of inline targets (2.5.8) without moving the lines.
const inlineLink = "py-1 font-semibold text-leaf-800 underline";

/** Catalogue text with its links; every piece is rendered as text, never as HTML. */
export function Rich({ text }: { text: RichText }) {
  return (
    <>
      {text.map((segment, i) =>
        typeof segment === "string" ? (
          <Fragment key={i}>{segment}</Fragment>
        ) : segment.href.startsWith("#") ? (
          <a key={i} href={segment.href} className={inlineLink}>
            {segment.label}
          </a>
        ) : (
          <Link key={i} href={segment.href} className={inlineLink}>
            {segment.label}
          </Link>
        ),
      )}
    </>
  );
}

/** A titled block that other places can link to (#id). */
export function HelpBlock({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section
      id={id}
      aria-labelledby={`${id}-titre`}
      className="scroll-mt-4 rounded-lg border border-leaf-100 bg-white p-4 shadow-sm"
    >
      <h3 id={`${id}-titre`} className="mb-2 text-lg font-bold text-leaf-800">
        {title}
      </h3>
      <div className="flex flex-col gap-3">{children}</div>
    </section>
  );
}

export function Points({ items, ordered = false }: { items: readonly string[]; ordered?: boolean }) {
  const List = ordered ? "ol" : "ul";
  return (
    <List className={`${ordered ? "list-decimal" : "list-disc"} space-y-2 pl-5`}>
      {items.map((item, i) => (
        // Index keys: a référent's rules may repeat a line, and the list never reorders.
        <li key={i}>{item}</li>
      ))}
    </List>
  );
}

/** Multi-line plain text (a setting) → one item per non-empty line. */
export function splitLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}
