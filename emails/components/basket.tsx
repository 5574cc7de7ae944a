// The basket block every exchange email shows: when, where, what, how much,
// and the member's own message. `viewer` picks the owner's wording ("Votre
// message", "Montant à recevoir") or everyone else's ("À régler à Alice").
// Its pieces (panel, labels, when-and-where) serve the reminder that lists
// several baskets.
import { Section, Text } from "@react-email/components";
import type { ReactNode } from "react";
import { formatPrice } from "@/lib/domain/time";
import { fr } from "@/lib/i18n/fr";
import type { MailPlace, OfferMailData } from "../offer-data";
import { colors, paragraph } from "./layout";
import { Quote } from "./parts";

const t = fr.emails.basketBlock;

const label = { ...paragraph, margin: "12px 0 2px", fontSize: 13, fontWeight: 700, color: colors.muted, textTransform: "uppercase" } as const;
const value = { ...paragraph, margin: 0 } as const;
export const panelStyle = { margin: "16px 0", padding: "4px 16px 12px", backgroundColor: "#f5f7f2", borderRadius: 6 } as const;

/** A small upper-case heading inside a panel ("QUAND", "OÙ"…). */
export function PanelLabel({ children }: { children: ReactNode }) {
  return <Text style={label}>{children}</Text>;
}

export function PanelValue({ children, strong = false }: { children: ReactNode; strong?: boolean }) {
  return <Text style={strong ? { ...value, marginTop: 8, fontWeight: 700 } : value}>{children}</Text>;
}

/** When and where: the slot, the place's name and address, and optionally its access notes. */
export function WhenWhere({ slot, place, accessNotes }: { slot: string; place: MailPlace; accessNotes: boolean }) {
  const notes = accessNotes ? place.accessNotes.trim() : "";
  return (
    <>
      <Text style={label}>{t.when}</Text>
      <Text style={value}>{slot}</Text>

      <Text style={label}>{t.where}</Text>
      <Text style={value}>
        <strong>{place.name}</strong>
        <br />
        {place.address}
      </Text>
      {notes ? <Text style={{ ...value, marginTop: 4, fontSize: 14, color: colors.muted }}>{notes}</Text> : null}
    </>
  );
}

export function BasketBlock({
  data,
  viewer,
  accessNotes = viewer !== "owner",
  amount = true,
}: {
  data: OfferMailData;
  viewer: "owner" | "intermittent";
  /** Show the place's access notes (default: to everyone but the owner, who knows the place). */
  accessNotes?: boolean;
  /** Show the prices and what to pay; false in a cancellation, where nothing is to be paid. */
  amount?: boolean;
}) {
  const message = data.message.trim();
  const total = formatPrice(data.totalCents);
  return (
    <Section style={panelStyle}>
      <WhenWhere slot={data.slot} place={data.place} accessNotes={accessNotes} />

      <Text style={label}>{t.what}</Text>
      <Text style={value}>
        {data.lines.map((line, i) => (
          <span key={i}>
            {i > 0 && <br />}
            {amount ? t.line(line.quantity, line.label, formatPrice(line.priceCents)) : t.lineNoPrice(line.quantity, line.label)}
          </span>
        ))}
      </Text>
      {amount ? (
        <PanelValue strong>{viewer === "owner" ? t.toReceive(total) : t.toPayMember(data.member.firstName, total)}</PanelValue>
      ) : null}

      {message ? (
        <>
          <Text style={label}>{viewer === "owner" ? t.ownMessage : t.memberMessage(data.member.firstName)}</Text>
          <Quote text={message} />
        </>
      ) : null}
    </Section>
  );
}
