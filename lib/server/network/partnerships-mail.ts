import "server-only";
// The partnerships' mails, to the référents of one AMAP about the other (the
// outbox row is the reader's AMAP's). Each re-checks at delivery that what it
// tells still stands and drops itself otherwise: the request still pending,
// the partnership still live, a refusal or an end not since undone by a new
// partnership of the pair — and the reader still a référent there.
import { and, eq } from "drizzle-orm";
import { createElement, type ComponentType } from "react";
import type { Executor } from "@/db/client";
import * as s from "@/db/schema";
import type { PartnershipMailProps } from "@/emails/components/partnership";
import PartnershipAccepted, { partnershipAcceptedSubject } from "@/emails/partnership-accepted";
import PartnershipEnded, { partnershipEndedSubject } from "@/emails/partnership-ended";
import PartnershipRefused, { partnershipRefusedSubject } from "@/emails/partnership-refused";
import PartnershipRequested, { partnershipRequestedSubject } from "@/emails/partnership-requested";
import { isEmailAddress } from "@/lib/domain/intermittents";
import { getSettings, livePartnershipWith } from "../core";
import type { MailHandler } from "../mail";
import { mail, person, spaceUrl } from "../mail";

type Payload = { partnershipId: number; referentId: string };

export type PartnershipMailPayloads = {
  "partnership-requested": Payload;
  "partnership-accepted": Payload;
  "partnership-refused": Payload;
  "partnership-ended": Payload;
};
export type PartnershipMailKind = keyof PartnershipMailPayloads;

type Row = typeof s.amapPartnerships.$inferSelect;

/** Whether the mail of this kind, to a référent of `amapId`, still tells the truth about the row. */
async function stillStands(ex: Executor, kind: PartnershipMailKind, row: Row, amapId: number): Promise<boolean> {
  const asker = row.amapId === amapId;
  const asked = row.partnerAmapId === amapId;
  const other = asker ? row.partnerAmapId : row.amapId;
  const liveAgain = async () => {
    const [live] = await ex.select({ id: s.amaps.id }).from(s.amaps).where(and(eq(s.amaps.id, other), livePartnershipWith(amapId)));
    return live !== undefined;
  };
  switch (kind) {
    case "partnership-requested": {
      if (!asked || row.acceptedAt || row.endedAt) return false;
      const [open] = await ex.select({ suspendedAt: s.amaps.suspendedAt }).from(s.amaps).where(eq(s.amaps.id, row.amapId));
      return open !== undefined && open.suspendedAt === null;
    }
    case "partnership-accepted":
      return asker && row.acceptedAt !== null && row.endedAt === null;
    case "partnership-refused":
      return asker && row.acceptedAt === null && row.endedAt !== null && !(await liveAgain());
    case "partnership-ended":
      return (asker || asked) && row.acceptedAt !== null && row.endedAt !== null && !(await liveAgain());
  }
}

const templates: { [K in PartnershipMailKind]: [ComponentType<Partial<PartnershipMailProps>>, (p: { otherAmapName: string }) => string] } = {
  "partnership-requested": [PartnershipRequested, partnershipRequestedSubject],
  "partnership-accepted": [PartnershipAccepted, partnershipAcceptedSubject],
  "partnership-refused": [PartnershipRefused, partnershipRefusedSubject],
  "partnership-ended": [PartnershipEnded, partnershipEndedSubject],
};

function handlerOf(kind: PartnershipMailKind): MailHandler<Payload> {
  return async ({ partnershipId, referentId }, ex, amapId) => {
    const [row] = await ex.select().from(s.amapPartnerships).where(eq(s.amapPartnerships.id, partnershipId));
    if (!row || !(await stillStands(ex, kind, row, amapId))) return null;
    const [reader] = await ex
      .select({ firstName: s.users.firstName, lastName: s.users.lastName, email: s.users.email, phone: s.users.phone })
      .from(s.amapReferents)
      .innerJoin(s.users, eq(s.users.id, s.amapReferents.userId))
      .where(and(eq(s.amapReferents.amapId, amapId), eq(s.amapReferents.userId, referentId)));
    if (!reader) return null;
    const ours = await getSettings(ex, amapId);
    const theirs = await getSettings(ex, row.amapId === amapId ? row.partnerAmapId : row.amapId);
    // Answers go to the other AMAP, the one that acted; failing an address of theirs, to ours (the worker's default).
    const replyTo = [theirs.replyTo, theirs.contactEmail].find((address) => isEmailAddress(address));
    const props: PartnershipMailProps = {
      amapName: ours.amapName,
      otherAmapName: theirs.amapName,
      recipient: person(reader, false),
      url: spaceUrl(ours, "/admin/partenaires"),
      delayHours: ours.partnerDelayHours,
      replyGoesToThem: replyTo !== undefined,
    };
    const [Template, subject] = templates[kind];
    return mail(subject(props), createElement(Template, props), replyTo ? { replyTo } : {});
  };
}

type Handlers = { [K in PartnershipMailKind]: MailHandler<PartnershipMailPayloads[K]> };

export const partnershipMailHandlers: Handlers = {
  "partnership-requested": handlerOf("partnership-requested"),
  "partnership-accepted": handlerOf("partnership-accepted"),
  "partnership-refused": handlerOf("partnership-refused"),
  "partnership-ended": handlerOf("partnership-ended"),
};
