// The frame every message shares: AMAP name, body, footer. Kept plain so it
// reads well in any mail client and converts cleanly to text.
import { Body, Container, Head, Hr, Html, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";
import { fr } from "@/lib/i18n/fr";

export const colors = { green: "#2f6b3a", ink: "#1f2933", muted: "#52606d", line: "#d9e2ec" };

export function EmailLayout({ amapName, preview, children }: { amapName: string; preview: string; children: ReactNode }) {
  return (
    <Html lang="fr">
      <Head>
        {/* Phones lay the message out at their own width, not a desktop's. */}
        <meta name="viewport" content="width=device-width, initial-scale=1" />
      </Head>
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: "#f5f7f2", fontFamily: "Helvetica, Arial, sans-serif", color: colors.ink }}>
        <Container style={{ maxWidth: 560, margin: "0 auto", padding: "24px 16px" }}>
          <Text style={{ fontSize: 14, fontWeight: 700, color: colors.green, margin: "0 0 16px" }}>{amapName}</Text>
          <Section style={{ backgroundColor: "#ffffff", borderRadius: 8, padding: "8px 20px" }}>{children}</Section>
          <Hr style={{ borderColor: colors.line, margin: "24px 0 8px" }} />
          <Text style={{ fontSize: 12, color: colors.muted, margin: 0 }}>{fr.emails.footer(amapName)}</Text>
        </Container>
      </Body>
    </Html>
  );
}

/** A text link: its own 44 px band (12 px above and below a 20 px line). */
export const linkStyle = {
  color: colors.green,
  display: "inline-block",
  padding: "12px 0",
  lineHeight: "20px",
} as const;

export const paragraph = { fontSize: 16, lineHeight: "24px", margin: "12px 0" } as const;
/**
 * Every link a person taps in a message is at least 44 px high (WCAG 2.5.5,
 * issue 11 §6): a button's text line (react-email sets it at 120 % of 16 px)
 * plus 14 px above and below; a text link gets padding of its own (linkStyle).
 */
export const MIN_TAP_PX = 44;

export const buttonStyle = {
  backgroundColor: colors.green,
  color: "#ffffff",
  borderRadius: 6,
  padding: "14px 20px",
  fontSize: 16,
  fontWeight: 700,
  textDecoration: "none",
  display: "inline-block",
} as const;
