import "server-only";
// The network's mail: the welcome of a new AMAP's first référents (re-checked
// at delivery: still a référent there, and the link still signs in), and the
// partnerships' (partnerships-mail.ts).
import { and, eq } from "drizzle-orm";
import { createElement } from "react";
import * as s from "@/db/schema";
import AmapWelcome, { amapWelcomeSubject } from "@/emails/amap-welcome";
import { amapPath } from "@/lib/domain/amap-path";
import { SIGN_IN_LINK_PAGE } from "@/lib/domain/sign-in";
import { getEnv } from "@/lib/env";
import { describeSignInLink } from "../auth";
import { getSettings } from "../core";
import type { MailHandler } from "../mail";
import { mail } from "../mail";
import { partnershipMailHandlers, type PartnershipMailPayloads } from "./partnerships-mail";

export type NetworkMailPayloads = {
  "amap-welcome": { url: string; userId: string };
} & PartnershipMailPayloads;

type Handlers = { [K in keyof NetworkMailPayloads]: MailHandler<NetworkMailPayloads[K]> };

export const networkMailHandlers: Handlers = {
  "amap-welcome": async ({ url, userId }, ex, amapId) => {
    const [person] = await ex
      .select({ firstName: s.users.firstName, slug: s.amaps.slug })
      .from(s.amapReferents)
      .innerJoin(s.users, eq(s.users.id, s.amapReferents.userId))
      .innerJoin(s.amaps, eq(s.amaps.id, s.amapReferents.amapId))
      .where(and(eq(s.amapReferents.amapId, amapId), eq(s.amapReferents.userId, userId)));
    if (!person) return null;
    const link = new URL(url);
    if (link.pathname !== SIGN_IN_LINK_PAGE) return null;
    const standing = await describeSignInLink(link.searchParams.get("token") ?? "", link.searchParams.get("email") ?? "", ex);
    if (standing.state !== "ok") return null;
    const { amapName } = await getSettings(ex, amapId);
    const spaceUrl = new URL(amapPath(person.slug, "/"), getEnv().APP_URL).toString();
    const props = { amapName, url, spaceUrl, firstName: person.firstName };
    return mail(amapWelcomeSubject(props), createElement(AmapWelcome, props), { redactPayload: true });
  },
  ...partnershipMailHandlers,
};
