import "server-only";
// Delivery side of the intermittents-list emails: joined, registered by
// someone, left, invited, a public request received (by the applicant and
// each référent), approved or refused. Mail to people on the list carries a
// one-click unsubscribe link and List-Unsubscribe headers.
import { and, eq } from "drizzle-orm";
import { createElement } from "react";
import type { Executor } from "@/db/client";
import * as s from "@/db/schema";
import ListInvitation, { listInvitationSubject } from "@/emails/list-invitation";
import ListJoined, { listJoinedSubject } from "@/emails/list-joined";
import ListLeft, { listLeftSubject } from "@/emails/list-left";
import ListRegisteredBy, { listRegisteredBySubject } from "@/emails/list-registered-by";
import ListRequestApproved, { listRequestApprovedSubject } from "@/emails/list-request-approved";
import ListRequestReceived, { listRequestReceivedSubject } from "@/emails/list-request-received";
import ListRequestRefused, { listRequestRefusedSubject } from "@/emails/list-request-refused";
import ListRequestToDecide, { listRequestToDecideSubject } from "@/emails/list-request-to-decide";
import { getEnv } from "@/lib/env";
import { invitationUrl, standingInvitation } from "./invitation-state";
import type { MailHandler } from "../mail";
import { isActiveIntermittent, listUnsubscribe, loadPerson, mail, person, spaceUrl } from "../mail";
import { getSettings } from "../core";

export type ListMailPayloads = {
  "list-joined": { userId: string };
  "list-registered-by": { userId: string; registeredById: string };
  "list-left": { userId: string };
  "list-request-approved": { requestId: number };
  "list-request-refused": { requestId: number };
  "list-invitation": { invitationId: number };
  "list-request-received": { requestId: number };
  "list-request-to-decide": { requestId: number; referentId: string };
};

const site = (path: string) => new URL(path, getEnv().APP_URL).toString();

async function welcomeLinks(ex: Executor, amapId: number, userId: string) {
  const settings = await getSettings(ex, amapId);
  const unsubscribe = listUnsubscribe(userId, settings);
  return {
    settings,
    headers: unsubscribe.headers,
    links: { baskets: spaceUrl(settings, "/paniers"), help: spaceUrl(settings, "/aide"), unsubscribe: unsubscribe.url },
  };
}

/** The AMAP's join request (another AMAP's is not found). */
async function requestOf(ex: Executor, amapId: number, requestId: number) {
  const [request] = await ex
    .select()
    .from(s.intermittentRequests)
    .where(and(eq(s.intermittentRequests.id, requestId), eq(s.intermittentRequests.amapId, amapId)));
  return request ?? null;
}

/** Whether the person ever stayed on the AMAP's list (a goodbye is for those who did). */
async function everOnTheList(ex: Executor, amapId: number, userId: string) {
  const [stay] = await ex
    .select({ id: s.intermittentMemberships.id })
    .from(s.intermittentMemberships)
    .where(and(eq(s.intermittentMemberships.amapId, amapId), eq(s.intermittentMemberships.userId, userId)))
    .limit(1);
  return stay !== undefined;
}

type Handlers = { [K in keyof ListMailPayloads]: MailHandler<ListMailPayloads[K]> };

export const listMailHandlers: Handlers = {
  "list-joined": async ({ userId }, ex, amapId) => {
    const who = await loadPerson(ex, userId);
    // Left again before the welcome went out: no welcome.
    if (!who || !(await isActiveIntermittent(ex, userId, amapId))) return null;
    const { settings, headers, links } = await welcomeLinks(ex, amapId, userId);
    const props = { amapName: settings.amapName, recipient: person(who, false), links };
    return mail(listJoinedSubject(props), createElement(ListJoined, props), { headers });
  },

  "list-registered-by": async ({ userId, registeredById }, ex, amapId) => {
    const [who, by] = await Promise.all([loadPerson(ex, userId), loadPerson(ex, registeredById)]);
    if (!who || !by || !(await isActiveIntermittent(ex, userId, amapId))) return null;
    const { settings, headers, links } = await welcomeLinks(ex, amapId, userId);
    const props = {
      amapName: settings.amapName,
      recipient: person(who, false),
      registeredBy: { fullName: person(by, false).fullName },
      links,
    };
    return mail(listRegisteredBySubject(props), createElement(ListRegisteredBy, props), { headers });
  },

  "list-left": async ({ userId }, ex, amapId) => {
    const who = await loadPerson(ex, userId);
    // Back on the list before the goodbye went out: no goodbye (nor to someone never on this AMAP's list).
    if (!who || !(await everOnTheList(ex, amapId, userId)) || (await isActiveIntermittent(ex, userId, amapId))) return null;
    const settings = await getSettings(ex, amapId);
    const props = { amapName: settings.amapName, recipient: person(who, false), links: { rejoin: spaceUrl(settings, "/inscription") } };
    return mail(listLeftSubject(props), createElement(ListLeft, props));
  },

  "list-request-approved": async ({ requestId }, ex, amapId) => {
    const request = await requestOf(ex, amapId, requestId);
    if (!request || request.status !== "approved") return null;
    const [user] = await ex
      .select({ id: s.users.id, firstName: s.users.firstName, lastName: s.users.lastName, email: s.users.email, phone: s.users.phone })
      .from(s.users)
      .where(eq(s.users.email, request.email.toLowerCase()));
    if (!user) return null;
    const { settings, headers, links } = await welcomeLinks(ex, amapId, user.id);
    const props = { amapName: settings.amapName, recipient: person(user, false), links: { ...links, signIn: site("/connexion") } };
    return mail(listRequestApprovedSubject(props), createElement(ListRequestApproved, props), { headers });
  },

  "list-request-refused": async ({ requestId }, ex, amapId) => {
    const request = await requestOf(ex, amapId, requestId);
    if (!request || request.status !== "refused") return null;
    const settings = await getSettings(ex, amapId);
    const props = {
      amapName: settings.amapName,
      recipient: person({ ...request, phone: null }, false),
      contactEmail: settings.contactEmail,
      reason: request.decisionReason,
    };
    return mail(listRequestRefusedSubject(props), createElement(ListRequestRefused, props));
  },

  "list-invitation": async ({ invitationId }, ex, amapId) => {
    // Accepted, declined, expired, the person on the list or gone from it since: no mail.
    const invitation = await standingInvitation(ex, amapId, invitationId);
    if (!invitation) return null;
    const settings = await getSettings(ex, amapId);
    const props = {
      amapName: settings.amapName,
      recipient: person({ ...invitation, phone: null }, false),
      inviter: { fullName: invitation.inviterName },
      links: { invitation: invitationUrl(invitation) },
    };
    return mail(listInvitationSubject(props), createElement(ListInvitation, props));
  },

  "list-request-received": async ({ requestId }, ex, amapId) => {
    // Decided before this left: the decision's own mail says it all.
    const request = await requestOf(ex, amapId, requestId);
    if (!request || request.status !== "pending") return null;
    const settings = await getSettings(ex, amapId);
    const props = {
      amapName: settings.amapName,
      recipient: person({ ...request, phone: null }, false),
      contactEmail: settings.contactEmail,
    };
    return mail(listRequestReceivedSubject(props), createElement(ListRequestReceived, props));
  },

  "list-request-to-decide": async ({ requestId, referentId }, ex, amapId) => {
    const request = await requestOf(ex, amapId, requestId);
    if (!request || request.status !== "pending") return null;
    // No longer a référent: the request is not theirs to decide.
    const [referent] = await ex
      .select({ firstName: s.users.firstName, lastName: s.users.lastName, email: s.users.email, phone: s.users.phone })
      .from(s.amapReferents)
      .innerJoin(s.users, eq(s.users.id, s.amapReferents.userId))
      .where(and(eq(s.amapReferents.userId, referentId), eq(s.amapReferents.amapId, amapId)));
    if (!referent) return null;
    const settings = await getSettings(ex, amapId);
    const props = {
      amapName: settings.amapName,
      recipient: person(referent, false),
      applicant: {
        fullName: `${request.firstName} ${request.lastName}`.trim(),
        email: request.email,
        phone: request.phone,
        message: request.message,
      },
      links: { decide: spaceUrl(settings, `/admin/intermittents#demande-${request.id}`) },
    };
    return mail(listRequestToDecideSubject(props), createElement(ListRequestToDecide, props));
  },
};
