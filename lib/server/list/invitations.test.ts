// « Inscrire une autre personne » is an invitation (issue 10 §3), read as its
// recipients read it: through the real outbox and mailer into an SMTP sink.
// One email, whose page changes nothing until its button; the member is told
// the same whatever the address; 90 quiet days after a « Non merci » or a
// departure; 10 invitations a day per member, silent ones counted; the
// handler drops an invitation that no longer stands.
import type { ParsedMail } from "mailparser";
import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { addToIntermittents, createContract, createIntermittent, createMember, createUser, uniqueEmail } from "@/db/factories";
import * as s from "@/db/schema";
import { INVITATION_RULES } from "@/lib/domain/intermittents";
import { startSmtpSink, type SmtpSink } from "@/test/smtp-sink";
import { viewerOf } from "@/test/exchange-fixtures";
import type { Viewer } from "../auth/auth";
import { leaveList } from "./intermittents";
import { answerInvitation, describeInvitation, inviteSomeone } from "./invitations";
import { mailHandlers } from "../outbox/registry";
import { createSmtpMailer, type Mailer } from "../mail/mailer";
import { drainOutbox } from "../outbox/worker";
import { withInertLinks } from "../core/signed-links";
import { firstAmapId } from "@/db/queries";

let db: Db;
let sink: SmtpSink;
let mailer: Mailer;
let contract: s.Contract;

beforeAll(async () => {
  db = await getDb();
  sink = await startSmtpSink();
  mailer = createSmtpMailer(sink.url, "Espace intermittents <test@localhost>");
  contract = await createContract(db);
  await db.update(s.settings).set({ amapName: "AMAP des Tilleuls" });
});

afterAll(async () => {
  mailer.close();
  await sink.close();
});

beforeEach(async () => {
  await db.delete(s.outbox);
  sink.messages.length = 0;
});

const DAY = 86_400_000;
const deliver = () => drainOutbox({ db, mailer, backoffMs: () => 0 });
const recipientOf = (m: ParsedMail) => (Array.isArray(m.to) ? m.to[0] : m.to)?.value[0]?.address ?? "";
const mailsTo = (email: string) => sink.messages.filter((m) => recipientOf(m) === email);
const friend = (email = uniqueEmail("ami")) => ({ email, firstName: "Camille", lastName: "Dupont", phone: "" });

async function alice(): Promise<Viewer> {
  const user = await createMember(db, { contractIds: [contract.id], firstName: "Alice", lastName: "Martin" });
  return viewerOf(db, user.id);
}

/** The invitation link in the one mail to `email`. */
function invitationLink(email: string): string {
  const mails = mailsTo(email);
  expect(mails.map((m) => m.subject), `mails to ${email}`).toHaveLength(1);
  const match = /https?:\/\/\S+\/invitation\/(\S+)/.exec(mails[0]!.text ?? "");
  expect(match, mails[0]!.text).not.toBeNull();
  return match![1]!.replace(/[)\]>.,]+$/, "");
}

async function onList(email: string): Promise<boolean> {
  const rows = await db
    .select({ id: s.intermittentMemberships.id })
    .from(s.intermittentMemberships)
    .innerJoin(s.users, eq(s.users.id, s.intermittentMemberships.userId))
    .where(and(eq(s.users.email, email), isNull(s.intermittentMemberships.leftAt)));
  return rows.length > 0;
}

describe("an invitation", () => {
  it("is one email from the member, and the person joins only by its page's button", async () => {
    const member = await alice();
    const email = uniqueEmail("camille");
    expect(await inviteSomeone(member, friend(email))).toEqual({ ok: true });
    // Audit event and outbox row, in the invitation's transaction; nobody joined.
    const [event] = await db.select().from(s.events).where(and(eq(s.events.actorId, member.userId), eq(s.events.action, "membership.invite")));
    expect(event).toBeDefined();
    expect(await onList(email)).toBe(false);
    expect(await db.select().from(s.users).where(eq(s.users.email, email))).toHaveLength(0);
    await deliver();
    const [mail] = mailsTo(email);
    expect(mail?.subject).toBe("Alice Martin vous propose de rejoindre la liste des intermittents de l'AMAP des Tilleuls");
    expect(mail?.text).toContain("Bonjour Camille,");
    expect(mail?.text).toMatch(/Vous ne serez inscrit·e que si vous appuyez sur «\u202fRejoindre la liste\u202f»/);
    const token = invitationLink(email);

    // Opening the page (a scanner, a preview) only reads.
    expect(await describeInvitation(token)).toEqual({ state: "ready", inviterName: "Alice Martin", firstName: "Camille", amapName: "AMAP des Tilleuls" });
    expect(await describeInvitation(token)).toMatchObject({ state: "ready" });
    expect(await onList(email)).toBe(false);

    expect(await answerInvitation(token, "accept")).toEqual({ ok: true, outcome: "joined" });
    expect(await onList(email)).toBe(true);
    const [membership] = await db
      .select({ addedById: s.intermittentMemberships.addedById })
      .from(s.intermittentMemberships)
      .innerJoin(s.users, eq(s.users.id, s.intermittentMemberships.userId))
      .where(eq(s.users.email, email));
    expect(membership?.addedById).toBe(member.userId);
    // Once only.
    expect(await answerInvitation(token, "accept")).toEqual({ ok: false, state: "accepted" });
    expect(await answerInvitation(token, "decline")).toEqual({ ok: false, state: "accepted" });
    await deliver();
    expect(mailsTo(email).map((m) => m.subject)).toEqual([mail?.subject, "Bienvenue sur la liste des intermittents — AMAP des Tilleuls"]);
  });

  it("answers the member the same for a new, a known and an already listed address; only the first two are emailed", async () => {
    const member = await alice();
    const known = await createUser(db, { firstName: "Bruno" });
    const listed = await createIntermittent(db);
    const fresh = uniqueEmail("nouveau");
    const answers = [
      await inviteSomeone(member, friend(fresh)),
      await inviteSomeone(member, friend(known.email)),
      await inviteSomeone(member, friend(listed.email)),
    ];
    expect(answers).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    await deliver();
    expect(mailsTo(fresh)).toHaveLength(1);
    expect(mailsTo(known.email)).toHaveLength(1);
    expect(mailsTo(listed.email)).toHaveLength(0);
    // A known person keeps their own name, as given by them, once they join.
    expect(await answerInvitation(invitationLink(known.email), "accept")).toEqual({ ok: true, outcome: "joined" });
    const [bruno] = await db.select({ firstName: s.users.firstName }).from(s.users).where(eq(s.users.id, known.id));
    expect(bruno?.firstName).toBe("Bruno");
  });

  it("is not sent again for 90 days to someone who declined, or who left the list", async () => {
    const member = await alice();
    const other = await alice();
    const email = uniqueEmail("non-merci");
    await inviteSomeone(member, friend(email));
    await deliver();
    expect(await answerInvitation(invitationLink(email), "decline")).toEqual({ ok: true, outcome: "declined" });
    expect(await onList(email)).toBe(false);
    sink.messages.length = 0;
    expect(await inviteSomeone(other, friend(email))).toEqual({ ok: true });
    expect(await inviteSomeone(other, friend(email), new Date(Date.now() + 89 * DAY))).toEqual({ ok: true });
    await deliver();
    expect(mailsTo(email)).toHaveLength(0);
    expect(await inviteSomeone(other, friend(email), new Date(Date.now() + 91 * DAY))).toEqual({ ok: true });
    await deliver();
    expect(mailsTo(email)).toHaveLength(1);

    // Unsubscribed 20 minutes ago: not put back, not even emailed.
    const gone = await createIntermittent(db);
    expect(await leaveList(await viewerOf(db, gone.id))).toMatchObject({ ok: true });
    await db.delete(s.outbox);
    sink.messages.length = 0;
    expect(await inviteSomeone(member, friend(gone.email))).toEqual({ ok: true });
    await deliver();
    expect(mailsTo(gone.email)).toHaveLength(0);
    expect(await onList(gone.email)).toBe(false);
  });

  it("is limited to 10 a day per member, the silent ones counted, with a French refusal", async () => {
    const member = await alice();
    const listed = await createIntermittent(db);
    for (let i = 0; i < INVITATION_RULES.perMemberPerDay; i++) {
      expect(await inviteSomeone(member, friend(i % 2 ? listed.email : undefined))).toEqual({ ok: true });
    }
    const eleventh = uniqueEmail("onzieme");
    expect(await inviteSomeone(member, friend(eleventh))).toEqual({ ok: false, refusal: "too_many_invitations" });
    expect(await db.select().from(s.invitations).where(eq(s.invitations.email, eleventh))).toHaveLength(0);
    expect(await inviteSomeone(member, friend(eleventh), new Date(Date.now() + DAY + 60_000))).toEqual({ ok: true });
    // Bad fields do not count, and write nothing.
    expect(await inviteSomeone(await alice(), { email: "pas une adresse", firstName: "", lastName: "", phone: "" })).toEqual({
      ok: false,
      refusal: "invalid_person",
      fields: ["email", "firstName"],
    });
  });

  it("is refused to someone who is neither member nor référent, with nothing written", async () => {
    const intermittent = await viewerOf(db, (await createIntermittent(db)).id);
    const email = uniqueEmail("refuse");
    expect(await inviteSomeone(intermittent, friend(email))).toEqual({ ok: false, refusal: "not_member" });
    expect(await db.select().from(s.invitations).where(eq(s.invitations.email, email))).toHaveLength(0);
    expect(await db.select().from(s.outbox).where(eq(s.outbox.recipient, email))).toHaveLength(0);
  });

  it("a tampered or unknown token acts for nobody; an expired one says so", async () => {
    const member = await alice();
    const email = uniqueEmail("expire");
    await inviteSomeone(member, friend(email), new Date(Date.now() - (INVITATION_RULES.validDays + 1) * DAY));
    const [row] = await db.select().from(s.invitations).where(eq(s.invitations.email, email));
    const handler = mailHandlers["list-invitation"];
    // Expired before it left: dropped.
    expect(await handler({ invitationId: row!.id }, db, await firstAmapId(db))).toBeNull();
    const { invitationToken } = await import("./invitation-state");
    const token = invitationToken(row!);
    expect(await describeInvitation(token)).toEqual({ state: "expired" });
    expect(await answerInvitation(token, "accept")).toEqual({ ok: false, state: "expired" });
    for (const bad of [`${row!.id}.${"A".repeat(43)}`, `${row!.id + 1000}.${token.split(".")[1]}`, "apercu", "1", ""]) {
      expect(await describeInvitation(bad)).toEqual({ state: "invalid" });
      expect(await answerInvitation(bad, "accept")).toEqual({ ok: false, state: "invalid" });
    }
    expect(await onList(email)).toBe(false);
  });

  it("is dropped at delivery once it no longer stands: joined meanwhile, left meanwhile, declined", async () => {
    const member = await alice();
    const handler = mailHandlers["list-invitation"];
    const idOf = async (email: string) => (await db.select().from(s.invitations).where(eq(s.invitations.email, email)))[0]!.id;

    const joiner = await createUser(db);
    await inviteSomeone(member, friend(joiner.email));
    expect(await handler({ invitationId: await idOf(joiner.email) }, db, await firstAmapId(db))).not.toBeNull();
    // Joined meanwhile (a référent put them on the list): joining by oneself is for the AMAP's own people.
    await addToIntermittents(db, { userId: joiner.id });
    expect(await handler({ invitationId: await idOf(joiner.email) }, db, await firstAmapId(db))).toBeNull();

    const leaver = await createUser(db);
    await inviteSomeone(member, friend(leaver.email));
    await addToIntermittents(db, { userId: leaver.id });
    await leaveList(await viewerOf(db, leaver.id));
    expect(await handler({ invitationId: await idOf(leaver.email) }, db, await firstAmapId(db))).toBeNull();

    const decliner = uniqueEmail("decline");
    await inviteSomeone(member, friend(decliner));
    const [row] = await db.select().from(s.invitations).where(eq(s.invitations.email, decliner));
    const { invitationToken } = await import("./invitation-state");
    await answerInvitation(invitationToken(row!), "decline");
    expect(await handler({ invitationId: row!.id }, db, await firstAmapId(db))).toBeNull();

    // In the référents' email log, the link is inert.
    const previewed = uniqueEmail("apercu");
    await inviteSomeone(member, friend(previewed));
    const id = await idOf(previewed);
    const amapId = await firstAmapId(db);
    const prepared = await withInertLinks(() => handler({ invitationId: id }, db, amapId));
    expect((prepared!.element.props as { links: { invitation: string } }).links.invitation).toMatch(/\/invitation\/apercu$/);
    expect(await describeInvitation("apercu")).toEqual({ state: "invalid" });
  });
});
