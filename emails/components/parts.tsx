// Small pieces the exchange emails share. Everything a person typed (names,
// messages, reasons, rules) goes in as React text children, so React escapes
// it: HTML in it stays inert, never injected.
import { Button, Link, Section, Text } from "@react-email/components";
import { Fragment, type ReactNode } from "react";
import { fr } from "@/lib/i18n/fr";
import { mailFr } from "@/lib/i18n/mail-fr";
import type { MailPerson, OfferMailData } from "../offer-data";
import { buttonStyle, colors, linkStyle, paragraph } from "./layout";

export const note = { ...paragraph, fontSize: 13, lineHeight: "20px", color: colors.muted } as const;
const secondaryButtonStyle = {
  ...buttonStyle,
  backgroundColor: "#ffffff",
  color: colors.green,
  border: `2px solid ${colors.green}`,
  padding: "12px 18px",
} as const;

/** "Bonjour Inès," — or "Bonjour," for someone known by their address only. */
export function Greeting({ person }: { person: MailPerson }) {
  const firstName = person.firstName.trim();
  return <Text style={paragraph}>{firstName ? fr.emails.exchange.greeting(firstName) : fr.emails.signIn.greeting}</Text>;
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

export function TextLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link href={href} style={linkStyle}>
      {children}
    </Link>
  );
}

/** "Ne plus recevoir ces messages : se désinscrire de la liste des intermittents", when the link is given. */
export function UnsubscribeLine({ href }: { href?: string }) {
  const t = mailFr.actions;
  return href ? (
    <Note>
      {t.unsubscribeLead}
      <TextLink href={href}>{t.unsubscribe}</TextLink>
    </Note>
  ) : null;
}

/**
 * The owner's answer to a pending reservation: « Valider » and « Refuser »
 * (signed links, no sign-in needed) with « Mes paniers échangés » as the
 * alternative; without both links, the single button to that page. In a
 * table so the buttons sit side by side, and on two lines in the text version.
 */
export function DecisionButtons({ links }: { links: OfferMailData["links"] }) {
  const t = mailFr.actions;
  if (!links.accept || !links.decline) {
    return <ActionButton href={links.myBaskets}>{fr.emails.reservationToDecide.button}</ActionButton>;
  }
  return (
    <>
      <table role="presentation" cellPadding={0} cellSpacing={0} border={0} style={{ margin: "20px 0 4px" }}>
        <tbody>
          <tr>
            <td style={{ padding: "0 12px 8px 0" }}>
              <Button href={links.accept} style={buttonStyle}>
                {t.accept}
              </Button>
            </td>
            <td style={{ padding: "0 0 8px 0" }}>
              <Button href={links.decline} style={secondaryButtonStyle}>
                {t.decline}
              </Button>
            </td>
          </tr>
        </tbody>
      </table>
      <Note>
        {t.orFrom}
        <TextLink href={links.myBaskets}>{t.myBasketsQuoted}</TextLink>
      </Note>
    </>
  );
}

/** "Un empêchement ? Annuler ma réservation" when the signed link is given; else `fallback`. */
export function WithdrawLine({ href, lead, fallback }: { href?: string; lead: string; fallback: ReactNode }) {
  return (
    <Note>
      {href ? (
        <>
          {lead}
          <TextLink href={href}>{mailFr.actions.withdraw}</TextLink>
        </>
      ) : (
        fallback
      )}
    </Note>
  );
}

/** The framed "Émargez au nom d'Alice Martin": what the taker must not forget at the sign sheet. */
export function SignAsBox({ text }: { text: string }) {
  return (
    <Section style={{ margin: "16px 0", padding: "8px 16px", border: `2px solid ${colors.green}`, borderRadius: 6 }}>
      <Text style={{ ...paragraph, margin: "4px 0", fontSize: 20, lineHeight: "28px", fontWeight: 700, color: colors.green }}>
        {text}
      </Text>
      <Text style={{ ...paragraph, margin: "4px 0", fontSize: 14, lineHeight: "20px" }}>
        {fr.emails.reservationAcceptedTaker.signAsHint}
      </Text>
    </Section>
  );
}

/** The AMAP's practical rules (one per line of the setting) as a list; nothing when empty. */
export function PracticalRules({ text }: { text: string }) {
  const rules = text
    .split(/\r?\n/)
    .map((rule) => rule.trim())
    .filter(Boolean);
  return rules.length > 0 ? (
    <Section style={{ margin: "12px 0" }}>
      <Text style={{ ...paragraph, margin: "12px 0 4px", fontWeight: 700 }}>{fr.emails.reservationAcceptedTaker.rules}</Text>
      <BulletList items={rules} />
    </Section>
  ) : null;
}

export function BulletList({ items, ordered = false }: { items: readonly ReactNode[]; ordered?: boolean }) {
  const List = ordered ? "ol" : "ul";
  return (
    <List style={{ margin: "4px 0 12px", paddingLeft: 20 }}>
      {items.map((item, i) => (
        <li key={i} style={{ fontSize: 15, lineHeight: "22px", margin: "4px 0" }}>
          {item}
        </li>
      ))}
    </List>
  );
}
