import "server-only";
// What each outbox row kind becomes at delivery time (STYLE.md habit 6): the
// row carries ids; the handler reloads fresh data, checks the mail still
// applies (null = skip it), and returns the element to render.
import { eq } from "drizzle-orm";
import { createElement } from "react";
import { users } from "@/db/schema";
import SignInLink, { signInLinkSubject } from "@/emails/sign-in-link";
import { SIGN_IN_LINK_PAGE } from "@/lib/domain/sign-in";
import { calendarMailHandlers } from "../admin";
import { memberMailHandlers } from "../admin";
import { describeSignInLink } from "../auth";
import { getSettings } from "../core";
import { offerMailHandlers } from "../exchange";
import { listMailHandlers } from "../list";
import type { MailHandler, MailKind, MailPayloads } from "../mail";
import { networkMailHandlers } from "../network";
import { reminderMailHandlers } from "../reminders";

type Handler<K extends MailKind> = MailHandler<MailPayloads[K]>;

export const mailHandlers: { [K in MailKind]: Handler<K> } = {
  "sign-in": async ({ url, userId }, ex, amapId) => {
    // A link of ours still signs in: not used, superseded or expired since it was queued.
    const link = new URL(url);
    if (link.pathname === SIGN_IN_LINK_PAGE) {
      const standing = await describeSignInLink(link.searchParams.get("token") ?? "", link.searchParams.get("email") ?? "", ex);
      if (standing.state !== "ok") return null;
    }
    const { amapName } = await getSettings(ex, amapId);
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
  ...networkMailHandlers,
};

export function isMailKind(kind: string): kind is MailKind {
  return Object.hasOwn(mailHandlers, kind);
}
