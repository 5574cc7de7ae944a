import "server-only";
// An invitation's link and where it stands, read by its page, its buttons
// (invitations.ts) and its mail's handler (list-mail.ts).
//
// The link is /invitation/<id>.<signature>: the signature covers the id and
// the row's random nonce, so nothing secret sits in the outbox payload and
// the handler makes the link again at delivery.
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { and, count, eq, gt, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import * as s from "@/db/schema";
import { INVITATION_RULES } from "@/lib/domain/intermittents";
import { authSecret, getEnv } from "@/lib/env";
import { findUserByEmail } from "./list-kit";
import { INERT_TOKEN, linksAreInert } from "../core";

const DAY_MS = 86_400_000;

export type InvitationState = "invalid" | "expired" | "accepted" | "declined" | "on_list" | "ready";

let cachedKey: Buffer | undefined;
function key(): Buffer {
  cachedKey ??= Buffer.from(hkdfSync("sha256", authSecret(), "", "espace-intermittents/invitations", 32));
  return cachedKey;
}

const signature = (id: number, nonce: string) => createHmac("sha256", key()).update(`invitation:${id}:${nonce}`).digest("base64url");

export function invitationToken(invitation: Pick<s.Invitation, "id" | "nonce">): string {
  if (linksAreInert()) return INERT_TOKEN;
  return `${invitation.id}.${signature(invitation.id, invitation.nonce)}`;
}

export function invitationUrl(invitation: Pick<s.Invitation, "id" | "nonce">): string {
  return new URL(`/invitation/${invitationToken(invitation)}`, getEnv().APP_URL).toString();
}

/** The invitation a token names, when its signature holds; null for anything else. */
export async function invitationOf(ex: Executor, token: string, lock: boolean): Promise<s.Invitation | null> {
  if (typeof token !== "string" || token.length > 200) return null;
  const match = /^(\d{1,9})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const id = Number(match[1]);
  const query = ex.select().from(s.invitations).where(eq(s.invitations.id, id));
  const [row] = lock ? await query.for("update") : await query;
  if (!row || row.status === "withheld") return null;
  const expected = Buffer.from(signature(row.id, row.nonce));
  const given = Buffer.from(match[2]!);
  return expected.length === given.length && timingSafeEqual(expected, given) ? row : null;
}

export const isExpired = (invitation: s.Invitation, now: Date) => now.getTime() - invitation.createdAt.getTime() >= INVITATION_RULES.validDays * DAY_MS;

export async function inviterName(ex: Executor, invitation: s.Invitation): Promise<string> {
  if (!invitation.invitedById) return "";
  const [by] = await ex.select({ firstName: s.users.firstName, lastName: s.users.lastName }).from(s.users).where(eq(s.users.id, invitation.invitedById));
  return by ? `${by.firstName} ${by.lastName}`.trim() : "";
}

export async function stateOf(ex: Executor, invitation: s.Invitation | null, now: Date): Promise<InvitationState> {
  if (!invitation) return "invalid";
  if (invitation.status === "accepted" || invitation.status === "declined") return invitation.status;
  const known = await findUserByEmail(ex, invitation.email);
  if (known) {
    const [active] = await ex
      .select({ id: s.intermittentMemberships.id })
      .from(s.intermittentMemberships)
      .where(
        and(
          eq(s.intermittentMemberships.amapId, invitation.amapId),
          eq(s.intermittentMemberships.userId, known.id),
          sql`${s.intermittentMemberships.leftAt} is null`,
        ),
      );
    // On the invitation's AMAP's list (another AMAP's list is another list).
    if (active) return "on_list";
  }
  return isExpired(invitation, now) ? "expired" : "ready";
}

/**
 * For the mail's handler: the AMAP's invitation, if it still stands (pending,
 * unexpired, the person not on the list, not gone since); another AMAP's is
 * not found.
 */
export async function standingInvitation(
  ex: Executor,
  amapId: number,
  invitationId: number,
  now = new Date(),
): Promise<(s.Invitation & { inviterName: string }) | null> {
  const [invitation] = await ex
    .select()
    .from(s.invitations)
    .where(and(eq(s.invitations.id, invitationId), eq(s.invitations.amapId, amapId)));
  if (!invitation || invitation.status !== "pending" || isExpired(invitation, now)) return null;
  if ((await stateOf(ex, invitation, now)) !== "ready") return null;
  const known = await findUserByEmail(ex, invitation.email);
  if (known) {
    // Left the list after the invitation was made: that says enough.
    const [left] = await ex
      .select({ n: count() })
      .from(s.intermittentMemberships)
      .where(
        and(
          eq(s.intermittentMemberships.amapId, invitation.amapId),
          eq(s.intermittentMemberships.userId, known.id),
          gt(s.intermittentMemberships.leftAt, invitation.createdAt),
        ),
      );
    if ((left?.n ?? 0) > 0) return null;
  }
  const name = await inviterName(ex, invitation);
  return name ? { ...invitation, inviterName: name } : null;
}
