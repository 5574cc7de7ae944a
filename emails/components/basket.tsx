// The basket block every exchange email shows: when, where, what, how much,
// and the member's own message. `viewer` picks the owner's wording ("Votre
// message", "Montant à recevoir") or everyone else's ("À régler à Alice").
import { Section, Text } from "@react-email/components";
import { formatPrice } from "@/lib/domain/time";
import { fr } from "@/lib/i18n/fr";
import type { OfferMailData } from "../offer-data";
import { colors, paragraph } from "./layout";
import { Quote } from "./parts";

const t = fr.emails.basketBlock;

const label = { ...paragraph, margin: "12px 0 2px", fontSize: 13, fontWeight: 700, color: colors.muted, textTransform: "uppercase" } as const;
const value = { ...paragraph, margin: 0 } as const;

export function BasketBlock({
  data,
  viewer,
  accessNotes = viewer !== "owner",
}: {
  data: OfferMailData;
  viewer: "owner" | "intermittent";
  /** Show the place's access notes (default: to everyone but the owner, who knows the place). */
  accessNotes?: boolean;
}) {
  const notes = accessNotes ? data.place.accessNotes.trim() : "";
  const message = data.message.trim();
  const total = formatPrice(data.totalCents);
  return (
    <Section style={{ margin: "16px 0", padding: "4px 16px 12px", backgroundColor: "#f5f7f2", borderRadius: 6 }}>
      <Text style={label}>{t.when}</Text>
      <Text style={value}>{data.slot}</Text>

      <Text style={label}>{t.where}</Text>
      <Text style={value}>
        <strong>{data.place.name}</strong>
        <br />
        {data.place.address}
      </Text>
      {notes ? <Text style={{ ...value, marginTop: 4, fontSize: 14, color: colors.muted }}>{notes}</Text> : null}

      <Text style={label}>{t.what}</Text>
      <Text style={value}>
        {data.lines.map((line, i) => (
          <span key={i}>
            {i > 0 && <br />}
            {t.line(line.quantity, line.label, formatPrice(line.priceCents))}
          </span>
        ))}
      </Text>
      <Text style={{ ...value, marginTop: 8, fontWeight: 700 }}>
        {viewer === "owner" ? t.toReceive(total) : t.toPayMember(data.member.firstName, total)}
      </Text>

      {message ? (
        <>
          <Text style={label}>{viewer === "owner" ? t.ownMessage : t.memberMessage(data.member.firstName)}</Text>
          <Quote text={message} />
        </>
      ) : null}
    </Section>
  );
}
