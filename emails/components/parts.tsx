// Small pieces the exchange emails share. Everything a person typed (names,
// messages, reasons, rules) goes in as React text children, so React escapes
// it: HTML in it stays inert, never injected.
import { Button, Link, Section, Text } from "@react-email/components";
import { Fragment, type ReactNode } from "react";
import { fr } from "@/lib/i18n/fr";
import type { MailPerson } from "../offer-data";
import { buttonStyle, colors, paragraph } from "./layout";

export const note = { ...paragraph, fontSize: 13, lineHeight: "20px", color: colors.muted } as const;
const linkStyle = { color: colors.green } as const;

export function Greeting({ person }: { person: MailPerson }) {
  return <Text style={paragraph}>{fr.emails.exchange.greeting(person.firstName)}</Text>;
}

export function Paragraph({ children }: { children: ReactNode }) {
  return <Text style={paragraph}>{children}</Text>;
}

export function Note({ children }: { children: ReactNode }) {
  return <Text style={note}>{children}</Text>;
}

export function ActionButton({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Text style={{ margin: "20px 0" }}>
      <Button href={href} style={buttonStyle}>
        {children}
      </Button>
    </Text>
  );
}

/** Multi-line typed text, its line breaks kept (as <br>, so the text version keeps them too). */
export function Lines({ text }: { text: string }) {
  return text.split(/\r?\n/).map((line, i) => (
    <Fragment key={i}>
      {i > 0 && <br />}
      {line}
    </Fragment>
  ));
}

/** Someone's own words, set apart as a quotation ("> " in the text version). */
export function Quote({ text }: { text: string }) {
  return (
    <blockquote style={{ margin: "8px 0 12px", padding: "4px 0 4px 12px", borderLeft: `3px solid ${colors.line}` }}>
      <Text style={{ ...paragraph, margin: 0, fontStyle: "italic" }}>
        <Lines text={text} />
      </Text>
    </blockquote>
  );
}

/**
 * Name, phone and email of the other party of an accepted exchange. The phone
 * stays plain text (mail apps make it tappable themselves; a tel: link would
 * print its address a second time in the text version).
 */
export function Contact({ title, person }: { title: string; person: MailPerson }) {
  const t = fr.emails.exchange;
  const phone = person.phone?.trim();
  return (
    <Section style={{ margin: "12px 0" }}>
      <Text style={{ ...paragraph, margin: "12px 0 4px", fontWeight: 700 }}>{title}</Text>
      <Text style={{ ...paragraph, margin: 0 }}>
        {person.fullName}
        {phone ? (
          <>
            <br />
            {t.phoneLabel}
            {phone}
          </>
        ) : null}
        {person.email ? (
          <>
            <br />
            {t.emailLabel}
            <Link href={`mailto:${person.email}`} style={linkStyle}>
              {person.email}
            </Link>
          </>
        ) : null}
      </Text>
    </Section>
  );
}
