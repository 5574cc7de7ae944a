// Pieces of the emails about a distribution a référent cancelled or moved:
// the référent's words, the baskets without any price (nothing is to be paid
// for a basket that will not be handed over: DESIGN.md §9), and whom to ask.
import { Section, Text } from "@react-email/components";
import { adminMailFr } from "@/lib/i18n/admin-mail-fr";
import type { MailPlace } from "../offer-data";
import { PanelLabel, panelStyle, WhenWhere } from "./basket";
import { paragraph } from "./layout";
import { Paragraph, Quote, TextLink } from "./parts";
import { fr } from "@/lib/i18n/fr";

/** "Rose Lefèvre, référent·e de l'AMAP, explique :" and the words, when there are any. */
export function ReferentWords({ referent, reason }: { referent: string; reason: string }) {
  const words = reason.trim();
  return words ? (
    <>
      <Paragraph>{adminMailFr.explains(referent)}</Paragraph>
      <Quote text={words} />
    </>
  ) : null;
}

/** When, where and which baskets — no price. `basketsLabel`: the heading of the baskets ("Le panier" by default). */
export function DistributionPanel({
  slot,
  place,
  baskets = [],
  basketsLabel = fr.emails.basketBlock.what,
}: {
  slot: string;
  place: MailPlace;
  baskets?: readonly string[];
  basketsLabel?: string;
}) {
  return (
    <Section style={panelStyle}>
      <WhenWhere slot={slot} place={place} accessNotes={false} />
      {baskets.length > 0 ? (
        <>
          <PanelLabel>{basketsLabel}</PanelLabel>
          <Text style={{ ...paragraph, margin: 0 }}>
            {baskets.map((label, i) => (
              <span key={i}>
                {i > 0 && <br />}
                {label}
              </span>
            ))}
          </Text>
        </>
      ) : null}
    </Section>
  );
}

/** « Une question ? Écrivez aux référents : contact@… », or how else to reach them. */
export function AskTheReferents({ contactEmail }: { contactEmail: string }) {
  const t = adminMailFr;
  return contactEmail ? (
    <Paragraph>
      {t.question}
      <TextLink href={`mailto:${contactEmail}`}>{contactEmail}</TextLink>
    </Paragraph>
  ) : (
    <Paragraph>{t.questionNoAddress}</Paragraph>
  );
}
