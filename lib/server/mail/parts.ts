import "server-only";
// What every mail handler uses: a person as a mail names them, the
// intermittents list as a mail checks it, the unsubscribe link, and the
// shape a handler returns.
import { and, eq } from "drizzle-orm";
import type { ReactElement } from "react";
import type { Executor } from "@/db/client";
import * as s from "@/db/schema";
import type { MailPerson, MailPlace } from "@/emails/offer-data";
import { amapPath } from "@/lib/domain/amap-path";
import { getEnv } from "@/lib/env";
import { partnerLeaveLink, unsubscribeLink } from "../core";
import type { PreparedMail } from "./kinds";
import { addressOf } from "./mailer";
import { peopleWithRoles } from "../core";

export type Person = { firstName: string; lastName: string; email: string; phone: string | null };

export function person(p: Person, withContact: boolean): MailPerson {
  const fullName = `${p.firstName} ${p.lastName}`.trim() || p.email;
  return {
    firstName: p.firstName || fullName,
    fullName,
    ...(withContact ? { email: p.email, phone: p.phone } : {}),
  };
}

export async function loadPerson(ex: Executor, userId: string): Promise<Person | null> {
  const [row] = await ex
    .select({ firstName: s.users.firstName, lastName: s.users.lastName, email: s.users.email, phone: s.users.phone })
    .from(s.users)
    .where(eq(s.users.id, userId));
  return row ?? null;
}

export async function isActiveIntermittent(ex: Executor, userId: string, amapId: number): Promise<boolean> {
  return (await onTheList(ex, userId, amapId)) !== null;
}

/** The person, if they are on the AMAP's intermittents list (one query). */
export async function onTheList(ex: Executor, userId: string, amapId: number): Promise<Person | null> {
  const [person] = await peopleWithRoles(ex, eq(s.users.id, userId), amapId);
  return person?.isIntermittent ? person : null;
}

/** The link to leave the AMAP's list, in a mail to one of its intermittents, and its List-Unsubscribe headers. */
export function listUnsubscribe(userId: string, settings: Pick<s.Settings, "amapId" | "replyTo" | "contactEmail">) {
  return unsubscribeLink(userId, settings.amapId, unsubscribeMailbox(settings));
}

/** The List-Unsubscribe mailto: goes to whoever reads the AMAP's mail; failing a setting, the sender address. */
function unsubscribeMailbox(settings: Pick<s.Settings, "replyTo" | "contactEmail">): string {
  return settings.replyTo || settings.contactEmail || addressOf(getEnv().MAIL_FROM);
}

/** « Ne plus recevoir les paniers de cette AMAP », for a partner AMAP's announcement (`amapId`: that AMAP). */
export function partnerLeave(userId: string, amapId: number, settings: Pick<s.Settings, "replyTo" | "contactEmail">) {
  return partnerLeaveLink(userId, amapId, unsubscribeMailbox(settings));
}

export const mail = (subject: string, element: ReactElement, extra: Partial<PreparedMail> = {}): PreparedMail => ({
  subject,
  element,
  ...extra,
});

/** A distribution of the AMAP and its place, as the mails about it show them (another AMAP's: null). */
export async function loadDistribution(ex: Executor, distributionId: number, amapId: number) {
  const [row] = await ex
    .select({
      startsAt: s.distributions.startsAt,
      endsAt: s.distributions.endsAt,
      cancelledAt: s.distributions.cancelledAt,
      name: s.places.name,
      address: s.places.address,
      accessNotes: s.places.accessNotes,
    })
    .from(s.distributions)
    .innerJoin(s.places, eq(s.places.id, s.distributions.placeId))
    .where(and(eq(s.distributions.id, distributionId), eq(s.distributions.amapId, amapId)));
  if (!row) return null;
  const place: MailPlace = { name: row.name, address: row.address, accessNotes: row.accessNotes };
  return { ...row, place };
}

/** A page of the AMAP's space, as an email links to it (/<slug>/paniers…), on APP_URL. */
export function spaceUrl(settings: { slug: string }, path: string): string {
  return new URL(amapPath(settings.slug, path), getEnv().APP_URL).toString();
}
