import "server-only";
// « Inscrire une autre personne » is an invitation (issue 10 §3): the invited
// person gets one email and joins only by its page's button. The member sees
// the same sentence whatever the address; someone who left the list or
// declined is not emailed again for 90 days; at most 10 invitations per
// member per day, every attempt counted (so the count tells nothing either).
import { randomBytes } from "node:crypto";
import { and, count, eq, gt, sql } from "drizzle-orm";
import { getDb, type Tx } from "@/db/client";
import * as s from "@/db/schema";
import { checkPerson, INVITATION_RULES, type PersonField, type PersonInput } from "@/lib/domain/intermittents";
import { loadRoles, type Viewer } from "../auth";
import { getSettings } from "../core";
import { activeMembership, event, findOrCreateUser, findUserByEmail } from "./list-kit";
import { invitationOf, inviterName, stateOf, type InvitationState } from "./invitation-state";
import { enqueueMail, kickOutbox } from "../mail";

const DAY_MS = 86_400_000;

export type InviteRefusal = "not_member" | "invalid_person" | "too_many_invitations";
export type InviteResult = { ok: true } | { ok: false; refusal: InviteRefusal; fields?: PersonField[] };

/** Why no email left (kept for the audit, never told to the member). */
export type Withheld = "already_on_list" | "left_recently" | "declined_recently" | "invited_recently";

// ---------------------------------------------------------------------------
// Inviting.

async function withheldReason(tx: Tx, amapId: number, email: string, now: Date): Promise<Withheld | null> {
  const quietSince = new Date(now.getTime() - INVITATION_RULES.quietDays * DAY_MS);
  const known = await findUserByEmail(tx, email);
  if (known) {
    if (await activeMembership(tx, known.id, amapId)) return "already_on_list";
    const [left] = await tx
      .select({ n: count() })
      .from(s.intermittentMemberships)
      .where(
        and(
          eq(s.intermittentMemberships.amapId, amapId),
          eq(s.intermittentMemberships.userId, known.id),
          gt(s.intermittentMemberships.leftAt, quietSince),
        ),
      );
    if ((left?.n ?? 0) > 0) return "left_recently";
  }
  // This AMAP's invitations only: another AMAP's (pending, declined) say nothing of this one.
  const sameAddress = and(eq(s.invitations.amapId, amapId), sql`lower(${s.invitations.email}) = ${email}`);
  const [declined] = await tx
    .select({ n: count() })
    .from(s.invitations)
    .where(and(sameAddress, eq(s.invitations.status, "declined"), gt(s.invitations.decidedAt, quietSince)));
  if ((declined?.n ?? 0) > 0) return "declined_recently";
  const validSince = new Date(now.getTime() - INVITATION_RULES.validDays * DAY_MS);
  const [pending] = await tx
    .select({ n: count() })
    .from(s.invitations)
    .where(and(sameAddress, eq(s.invitations.status, "pending"), gt(s.invitations.createdAt, validSince)));
  if ((pending?.n ?? 0) > 0) return "invited_recently";
  return null;
}

/** « Inscrire une autre personne » (members and référents). */
export async function inviteSomeone(viewer: Viewer, input: PersonInput, now = new Date()): Promise<InviteResult> {
  const checked = checkPerson(input);
  if (!checked.ok) return { ok: false, refusal: "invalid_person", fields: checked.fields };
  const person = checked.person;
  const db = await getDb();
  const result = await db.transaction(async (tx): Promise<InviteResult> => {
    const roles = await loadRoles(tx, viewer.userId, viewer.amapId);
    if (!roles.has("member") && !roles.has("referent")) return { ok: false, refusal: "not_member" };
    // One invitation at a time per member (the daily count) and per address (one pending invitation).
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`invite:${viewer.userId}`}))`);
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`invite-to:${person.email}`}))`);
    const [sent] = await tx
      .select({ n: count() })
      .from(s.invitations)
      .where(and(eq(s.invitations.invitedById, viewer.userId), gt(s.invitations.createdAt, new Date(now.getTime() - DAY_MS))));
    if ((sent?.n ?? 0) >= INVITATION_RULES.perMemberPerDay) return { ok: false, refusal: "too_many_invitations" };
    const withheld = await withheldReason(tx, viewer.amapId, person.email, now);
    const [invitation] = await tx
      .insert(s.invitations)
      .values({
        ...person,
        amapId: viewer.amapId,
        invitedById: viewer.userId,
        status: withheld ? "withheld" : "pending",
        withheldReason: withheld,
        nonce: randomBytes(16).toString("base64url"),
        createdAt: now,
      })
      .returning({ id: s.invitations.id });
    await event(tx, viewer.amapId, viewer.userId, "membership.invite", null, null, { invitationId: invitation!.id, ...(withheld ? { withheld } : {}) });
    if (!withheld) await enqueueMail(tx, viewer.amapId, "list-invitation", [{ to: person.email, payload: { invitationId: invitation!.id } }]);
    return { ok: true };
  });
  if (result.ok) kickOutbox();
  return result;
}

// ---------------------------------------------------------------------------
// The invitation's page: what it says (opening changes nothing), and its buttons.

export type InvitationView =
  | { state: Exclude<InvitationState, "ready"> }
  | { state: "ready"; inviterName: string; firstName: string; amapName: string };

export async function describeInvitation(token: string, now = new Date()): Promise<InvitationView> {
  const db = await getDb();
  const invitation = await invitationOf(db, token, false);
  const state = await stateOf(db, invitation, now);
  if (state !== "ready" || !invitation) return { state: state === "ready" ? "invalid" : state };
  // The invitation's AMAP (a token names its AMAP's invitation, whichever AMAP's page shows it).
  const settings = await getSettings(db, invitation.amapId);
  return { state, inviterName: (await inviterName(db, invitation)) || "Un·e amapien·ne", firstName: invitation.firstName, amapName: settings.amapName };
}

export type InvitationAnswer = { ok: true; outcome: "joined" | "declined" } | { ok: false; state: Exclude<InvitationView["state"], "ready"> };

/** The page's buttons: « Rejoindre la liste » or « Non merci ». Each works once, on a standing invitation. */
export async function answerInvitation(token: string, answer: "accept" | "decline", now = new Date()): Promise<InvitationAnswer> {
  const db = await getDb();
  const result = await db.transaction(async (tx): Promise<InvitationAnswer> => {
    const invitation = await invitationOf(tx, token, true);
    const state = await stateOf(tx, invitation, now);
    if (state !== "ready" || !invitation) return { ok: false, state: state === "ready" ? "invalid" : state };
    if (answer === "decline") {
      await tx.update(s.invitations).set({ status: "declined", decidedAt: now }).where(eq(s.invitations.id, invitation.id));
      const known = await findUserByEmail(tx, invitation.email);
      await event(tx, invitation.amapId, known?.id ?? null, "membership.invitation-declined", known?.id ?? null, null, { invitationId: invitation.id });
      return { ok: true, outcome: "declined" };
    }
    const found = await findOrCreateUser(tx, invitation);
    if (!found) return { ok: false, state: "invalid" };
    const { user } = found;
    await tx.insert(s.intermittentMemberships).values({ amapId: invitation.amapId, userId: user.id, addedById: invitation.invitedById ?? user.id });
    await tx.update(s.invitations).set({ status: "accepted", decidedAt: now }).where(eq(s.invitations.id, invitation.id));
    await event(tx, invitation.amapId, user.id, "membership.invitation-accepted", user.id, null, { invitationId: invitation.id });
    await enqueueMail(tx, invitation.amapId, "list-joined", [{ to: user.email, payload: { userId: user.id } }]);
    return { ok: true, outcome: "joined" };
  });
  if (result.ok) kickOutbox();
  return result;
}
