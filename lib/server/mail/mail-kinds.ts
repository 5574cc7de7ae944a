import "server-only";
// What each outbox row kind becomes at delivery time (STYLE.md habit 6): the
// row carries ids; the handler reloads fresh data, checks the mail still
// applies (null = skip it), and returns the element to render.
import { eq } from "drizzle-orm";
import { createElement, type ReactElement } from "react";
import type { Executor } from "@/db/client";
import { users, type MailAttachment } from "@/db/schema";
import SignInLink, { signInLinkSubject } from "@/emails/sign-in-link";
import { calendarMailHandlers, type CalendarMailPayloads } from "../admin/calendar/calendar-mail";
import { memberMailHandlers, type MemberMailPayloads } from "../admin/members/member-mail";
import { listMailHandlers, type ListMailPayloads } from "../list/list-mail";
import { offerMailHandlers, type OfferMailPayloads } from "../exchange/offer-mail";
import { reminderMailHandlers, type ReminderMailPayloads } from "../reminders/reminder-mail";
import type { RoundCache } from "./round-cache";
import { getSettings } from "../core/settings";
import { describeSignInLink } from "../auth/sign-in-link";
import { SIGN_IN_LINK_PAGE } from "@/lib/domain/sign-in";

export type MailPayloads = {
  "sign-in": { url: string; userId?: string };
} & OfferMailPayloads &
  ListMailPayloads &
  ReminderMailPayloads &
  CalendarMailPayloads &
  MemberMailPayloads;
export type MailKind = keyof MailPayloads;

export type PreparedMail = {
  subject: string;
  element: ReactElement;
  /** Already rendered (bulk mail personalised from a cached render); `element` is then its full equivalent. */
  rendered?: Promise<{ html: string; text: string }>;
  headers?: Record<string, string>;
  replyTo?: string;
  attachments?: MailAttachment[];
  /** The payload holds a secret (a sign-in link): blank it once the message is sent. */
  redactPayload?: boolean;
};

export type MailHandler<P> = (payload: P, ex: Executor, cache?: RoundCache) => Promise<PreparedMail | null>;
type Handler<K extends MailKind> = MailHandler<MailPayloads[K]>;

export const mailHandlers: { [K in MailKind]: Handler<K> } = {
  "sign-in": async ({ url, userId }, ex) => {
    // A link of ours still signs in: not used, superseded or expired since it was queued.
    const link = new URL(url);
    if (link.pathname === SIGN_IN_LINK_PAGE) {
      const standing = await describeSignInLink(link.searchParams.get("token") ?? "", link.searchParams.get("email") ?? "", ex);
      if (standing.state !== "ok") return null;
    }
    const { amapName } = await getSettings(ex);
    // The first name as it is now (rows queued before userId was carried greet plainly).
    const [person] = userId ? await ex.select({ firstName: users.firstName }).from(users).where(eq(users.id, userId)) : [];
    return {
      subject: signInLinkSubject({ amapName }),
      element: createElement(SignInLink, { amapName, url, firstName: person?.firstName ?? "" }),
      redactPayload: true,
    };
  },
  ...offerMailHandlers,
  ...listMailHandlers,
  ...reminderMailHandlers,
  ...calendarMailHandlers,
  ...memberMailHandlers,
};

export function isMailKind(kind: string): kind is MailKind {
  return Object.hasOwn(mailHandlers, kind);
}
