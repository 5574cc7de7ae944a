import "server-only";
// Delivery side of the intermittents-list emails: joined, registered by
// someone, left, request approved or refused. Mail to people on the list
// carries a one-click unsubscribe link and List-Unsubscribe headers.
import { eq } from "drizzle-orm";
import { createElement } from "react";
import type { Executor } from "@/db/client";
import * as s from "@/db/schema";
import ListJoined, { listJoinedSubject } from "@/emails/list-joined";
import ListLeft, { listLeftSubject } from "@/emails/list-left";
import ListRegisteredBy, { listRegisteredBySubject } from "@/emails/list-registered-by";
import ListRequestApproved, { listRequestApprovedSubject } from "@/emails/list-request-approved";
import ListRequestRefused, { listRequestRefusedSubject } from "@/emails/list-request-refused";
import { getEnv } from "@/lib/env";
import type { MailHandler } from "./mail-kinds";
import { isActiveIntermittent, listUnsubscribe, loadPerson, mail, person } from "./offer-mail";
import { getSettings } from "./settings";

export type ListMailPayloads = {
  "list-joined": { userId: string };
  "list-registered-by": { userId: string; registeredById: string };
  "list-left": { userId: string };
  "list-request-approved": { requestId: number };
  "list-request-refused": { requestId: number };
};

const site = (path: string) => new URL(path, getEnv().APP_URL).toString();

async function welcomeLinks(ex: Executor, userId: string) {
  const settings = await getSettings(ex);
  const unsubscribe = listUnsubscribe(userId, settings);
  return {
    settings,
    headers: unsubscribe.headers,
    links: { baskets: site("/paniers"), help: site("/aide"), unsubscribe: unsubscribe.url },
  };
}

async function requestOf(ex: Executor, requestId: number) {
  const [request] = await ex.select().from(s.intermittentRequests).where(eq(s.intermittentRequests.id, requestId));
  return request ?? null;
}

type Handlers = { [K in keyof ListMailPayloads]: MailHandler<ListMailPayloads[K]> };

export const listMailHandlers: Handlers = {
  "list-joined": async ({ userId }, ex) => {
    const who = await loadPerson(ex, userId);
    // Left again before the welcome went out: no welcome.
    if (!who || !(await isActiveIntermittent(ex, userId))) return null;
    const { settings, headers, links } = await welcomeLinks(ex, userId);
    const props = { amapName: settings.amapName, recipient: person(who, false), links };
    return mail(listJoinedSubject(props), createElement(ListJoined, props), { headers });
  },

  "list-registered-by": async ({ userId, registeredById }, ex) => {
    const [who, by] = await Promise.all([loadPerson(ex, userId), loadPerson(ex, registeredById)]);
    if (!who || !by || !(await isActiveIntermittent(ex, userId))) return null;
    const { settings, headers, links } = await welcomeLinks(ex, userId);
    const props = {
      amapName: settings.amapName,
      recipient: person(who, false),
      registeredBy: { fullName: person(by, false).fullName },
      links,
    };
    return mail(listRegisteredBySubject(props), createElement(ListRegisteredBy, props), { headers });
  },

  "list-left": async ({ userId }, ex) => {
    const who = await loadPerson(ex, userId);
    if (!who) return null;
    const settings = await getSettings(ex);
    const props = { amapName: settings.amapName, recipient: person(who, false), links: { rejoin: site("/inscription") } };
    return mail(listLeftSubject(props), createElement(ListLeft, props));
  },

  "list-request-approved": async ({ requestId }, ex) => {
    const request = await requestOf(ex, requestId);
    if (!request || request.status !== "approved") return null;
    const [user] = await ex
      .select({ id: s.users.id, firstName: s.users.firstName, lastName: s.users.lastName, email: s.users.email, phone: s.users.phone })
      .from(s.users)
      .where(eq(s.users.email, request.email.toLowerCase()));
    if (!user) return null;
    const { settings, headers, links } = await welcomeLinks(ex, user.id);
    const props = { amapName: settings.amapName, recipient: person(user, false), links: { ...links, signIn: site("/connexion") } };
    return mail(listRequestApprovedSubject(props), createElement(ListRequestApproved, props), { headers });
  },

  "list-request-refused": async ({ requestId }, ex) => {
    const request = await requestOf(ex, requestId);
    if (!request || request.status !== "refused") return null;
    const settings = await getSettings(ex);
    const props = {
      amapName: settings.amapName,
      recipient: person({ ...request, phone: null }, false),
      contactEmail: settings.contactEmail,
    };
    return mail(listRequestRefusedSubject(props), createElement(ListRequestRefused, props));
  },
};
