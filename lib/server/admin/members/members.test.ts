// Members and subscriptions for the référents: the CSV import (a preview that
// writes nothing, one transaction for the valid lines, a second import that
// changes nothing, known people never overwritten), the commands on people
// and subscriptions, and the référent flag checked inside every one of them.
import { count, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { createContract, createIntermittent, createMember, createSubscription, createUser, uniqueEmail } from "@/db/factories";
import * as s from "@/db/schema";
import { parseCsv } from "@/lib/domain/csv";
import { viewerForUser, type Viewer } from "../../auth/auth";
import {
  addSubscription,
  createMember as createMemberCommand,
  endSubscription,
  exportMembersCsv,
  getMember,
  importMembers,
  listMembers,
  memberTemplateCsv,
  previewImport,
  updateMember,
  updateSubscription,
} from "./members";

let db: Db;
let vegetables: s.Contract;
let eggs: s.Contract;
let referent: Viewer;

const HEADER = "email;prenom;nom;telephone;contrat;quantite;debut;fin";

beforeAll(async () => {
  db = await getDb();
  vegetables = await createContract(db, { product: "Légumes", size: "grand panier" });
  eggs = await createContract(db, { product: "Œufs", size: "boîte de 6", unitPriceCents: 350 });
  referent = await viewer((await createUser(db, { isReferent: true })).id);
});

async function viewer(id: string): Promise<Viewer> {
  return (await viewerForUser(db, id))!;
}

async function rowCounts() {
  const [[users], [subscriptions], [events]] = await Promise.all([
    db.select({ n: count() }).from(s.users),
    db.select({ n: count() }).from(s.subscriptions),
    db.select({ n: count() }).from(s.events),
  ]);
  return { users: users!.n, subscriptions: subscriptions!.n, events: events!.n };
}

async function userByEmail(email: string) {
  const [user] = await db.select().from(s.users).where(sql`lower(${s.users.email}) = ${email.toLowerCase()}`);
  return user;
}

async function subscriptionsOf(userId: string) {
  return db.select().from(s.subscriptions).where(eq(s.subscriptions.userId, userId)).orderBy(s.subscriptions.id);
}

/** A file of four lines, the third naming a contract that does not exist. */
function sampleFile() {
  const lea = uniqueEmail("lea");
  const marc = uniqueEmail("marc");
  const text = [
    HEADER,
    `${lea};Léa;Durand;06 11 22 33 44;Légumes — grand panier;1;2026-04-02;2026-09-24`,
    `${lea};;;;Œufs;2;02/04/2026;24/09/2026`,
    `${marc};Marc;Petit;;Kiwis;1;2026-04-02;2026-09-24`,
    `${marc.toUpperCase()};Marc;Petit;;legumes - grand panier;1;2026-04-02;2026-09-24`,
  ].join("\r\n");
  return { text, lea, marc };
}

describe("the CSV import", () => {
  it("previews each line, the bad one with its error, and writes nothing", async () => {
    const { text, lea } = sampleFile();
    const before = await rowCounts();
    const preview = (await previewImport(referent, text))!;
    expect(await rowCounts()).toEqual(before);
    expect(preview.ok).toBe(true);
    if (!preview.ok) return;
    expect(preview.lines.map((l) => [l.line, l.errors.map((e) => e.code)])).toEqual([
      [2, []],
      [3, []],
      [4, ["contract_unknown"]],
      [5, []],
    ]);
    expect(preview.lines[0]!.steps).toEqual({ person: { kind: "create" }, subscription: { kind: "create" } });
    expect(preview.counts).toEqual({
      lines: 4,
      invalid: 1,
      membersCreated: 2,
      membersUpdated: 0,
      subscriptionsCreated: 3,
      subscriptionsUpdated: 0,
      unchanged: 0,
    });
    expect(await userByEmail(lea)).toBeUndefined();
  });

  it("imports the valid lines, names the bad one, and a second import changes nothing", async () => {
    const { text, lea, marc } = sampleFile();
    const before = await rowCounts();
    const result = await importMembers(referent, text);
    expect(result).toEqual({
      ok: true,
      value: {
        counts: expect.objectContaining({ membersCreated: 2, subscriptionsCreated: 3, invalid: 1 }),
        invalidLines: [4],
      },
    });
    expect(await rowCounts()).toEqual({ users: before.users + 2, subscriptions: before.subscriptions + 3, events: before.events + 1 });

    const leaRow = (await userByEmail(lea))!;
    expect(leaRow).toMatchObject({ firstName: "Léa", lastName: "Durand", phone: "06 11 22 33 44", name: "Léa Durand" });
    expect((await subscriptionsOf(leaRow.id)).map((r) => [r.contractId, r.quantity, r.startsOn, r.endsOn])).toEqual([
      [vegetables.id, 1, "2026-04-02", "2026-09-24"],
      [eggs.id, 2, "2026-04-02", "2026-09-24"],
    ]);
    expect(await subscriptionsOf((await userByEmail(marc))!.id)).toHaveLength(1);
    const [audit] = await db.select().from(s.events).where(eq(s.events.action, "member.import")).orderBy(sql`${s.events.id} desc`).limit(1);
    expect(audit).toMatchObject({ actorId: referent.userId, data: expect.objectContaining({ membersCreated: 2, subscriptionsCreated: 3, invalidLines: [4] }) });

    const again = await rowCounts();
    const second = await importMembers(referent, text);
    expect(second).toMatchObject({ ok: true, value: { counts: { membersCreated: 0, membersUpdated: 0, subscriptionsCreated: 0, subscriptionsUpdated: 0, unchanged: 3, invalid: 1 } } });
    expect(await rowCounts()).toEqual(again);
  });

  it("never overwrites a known person's name or phone, and fills in what is empty", async () => {
    const known = await createUser(db, { email: uniqueEmail("connue"), firstName: "Chloé", lastName: "", phone: null });
    const text = `${HEADER}\n${known.email.toUpperCase()};Autre;Bernard;07 00 00 00 00;;;;\n`;
    expect(await importMembers(referent, text)).toMatchObject({ ok: true, value: { counts: { membersUpdated: 1, membersCreated: 0 } } });
    expect(await userByEmail(known.email)).toMatchObject({ firstName: "Chloé", lastName: "Bernard", phone: "07 00 00 00 00", name: "Chloé Bernard" });
    const counts = await rowCounts();
    expect(await importMembers(referent, `${HEADER}\n${known.email};Encore;Autre;06 99 99 99 99;;;;\n`)).toMatchObject({
      ok: true,
      value: { counts: { unchanged: 1, membersUpdated: 0 } },
    });
    expect(await userByEmail(known.email)).toMatchObject({ firstName: "Chloé", lastName: "Bernard", phone: "07 00 00 00 00" });
    expect(await rowCounts()).toEqual(counts);
  });

  it("updates the quantity of an identical subscription and refuses an overlapping one", async () => {
    const member = await createMember(db, { email: uniqueEmail("quantite"), contractIds: [] });
    const sub = await createSubscription(db, { userId: member.id, contractId: eggs.id, quantity: 1, startsOn: "2026-04-02", endsOn: "2026-09-24" });
    const text = [HEADER, `${member.email};;;;Œufs;3;2026-04-02;2026-09-24`, `${member.email};;;;Œufs;1;2026-09-01;2026-12-31`].join("\n");
    const result = await importMembers(referent, text);
    expect(result).toMatchObject({ ok: true, value: { counts: { subscriptionsUpdated: 1, invalid: 1 }, invalidLines: [3] } });
    expect(await subscriptionsOf(member.id)).toEqual([expect.objectContaining({ id: sub.id, quantity: 3 })]);
  });

  it("writes all the valid lines or none of them", async () => {
    const fragile = await createContract(db, { product: "Fragile", size: "" });
    // A database failure on the last line's subscription, after the people were inserted.
    await db.execute(
      sql.raw(`create function refuse_fragile() returns trigger language plpgsql as $$ begin raise exception 'refused for the test'; end $$`),
    );
    await db.execute(
      sql.raw(
        `create trigger refuse_fragile before insert on subscriptions for each row when (new.contract_id = ${fragile.id}) execute function refuse_fragile()`,
      ),
    );
    try {
      const first = uniqueEmail("atomique");
      const second = uniqueEmail("atomique");
      const text = [HEADER, `${first};Anne;A;;Œufs;1;2026-04-02;2026-09-24`, `${second};Bob;B;;Fragile;1;2026-04-02;2026-09-24`].join("\n");
      const before = await rowCounts();
      await expect(importMembers(referent, text)).rejects.toThrow();
      expect(await rowCounts()).toEqual(before);
      expect(await userByEmail(first)).toBeUndefined();
    } finally {
      await db.execute(sql.raw(`drop trigger refuse_fragile on subscriptions`));
      await db.execute(sql.raw(`drop function refuse_fragile()`));
    }
  });

  it("reports a file it cannot read, and writes nothing", async () => {
    const before = await rowCounts();
    expect(await importMembers(referent, "prenom;nom\nA;B")).toEqual({ ok: false, refusal: "invalid_file", error: { code: "missing_email_column" } });
    expect(await previewImport(referent, `${HEADER}\na@b.fr;"Ana`)).toEqual({ ok: false, error: { code: "unclosed_quote", line: 2 } });
    expect(await rowCounts()).toEqual(before);
  });

  it("reads back its own export and template: importing the export changes nothing", async () => {
    await createMember(db, { email: uniqueEmail("formule"), firstName: "=HYPERLINK(\"x\")", lastName: "+Dupont", phone: "+33 6 12 34 56 78", contractIds: [vegetables.id] });
    const csv = (await exportMembersCsv(referent))!;
    expect(csv.startsWith(`\uFEFF"email";"prenom";"nom";"telephone";"contrat";"quantite";"debut";"fin"\r\n`)).toBe(true);
    expect(csv).toContain(`"'=HYPERLINK(""x"")";"'+Dupont";"'+33 6 12 34 56 78";"Légumes — grand panier";"1"`);
    const before = await rowCounts();
    const result = await importMembers(referent, csv);
    expect(result).toMatchObject({ ok: true, value: { counts: { invalid: 0, membersCreated: 0, membersUpdated: 0, subscriptionsCreated: 0, subscriptionsUpdated: 0 } } });
    expect(await rowCounts()).toEqual(before);

    const template = (await memberTemplateCsv(referent))!;
    const parsed = parseCsv(template);
    expect(parsed.ok && parsed.records[0]!.cells).toEqual(HEADER.split(";"));
    expect(await previewImport(referent, template)).toMatchObject({ ok: true, counts: { invalid: 2 } });
  });
});

describe("people and subscriptions", () => {
  it("creates a person, refuses an address already known (any case) and bad fields", async () => {
    const email = uniqueEmail("nouveau");
    const created = await createMemberCommand(referent, { email: ` ${email.toUpperCase()} `, firstName: "Nina", lastName: "Roux", phone: "" });
    expect(created).toMatchObject({ ok: true });
    expect(await userByEmail(email)).toMatchObject({ email, firstName: "Nina", lastName: "Roux", phone: null });
    expect(await createMemberCommand(referent, { email: email.toUpperCase(), firstName: "X", lastName: "", phone: "" })).toEqual({ ok: false, refusal: "email_taken" });
    expect(await createMemberCommand(referent, { email: "x", firstName: "", lastName: "", phone: "?" })).toEqual({
      ok: false,
      refusal: "invalid_person",
      fields: ["email", "firstName", "phone"],
    });
    const [audit] = await db.select().from(s.events).where(eq(s.events.subjectUserId, created.ok ? created.value.userId : ""));
    expect(audit).toMatchObject({ action: "member.create", actorId: referent.userId });
  });

  it("edits a person, a new address forgetting its verification, and refuses another's address", async () => {
    const other = await createUser(db);
    // Someone the AMAP knows (on its list): a référent changes only its people.
    const person = await createIntermittent(db, { firstName: "Paul" });
    await db.update(s.users).set({ emailVerified: new Date() }).where(eq(s.users.id, person.id));
    const email = uniqueEmail("change");
    expect(await updateMember(referent, person.id, { email, firstName: "Paul", lastName: "Martin", phone: "06 01 02 03 04" })).toEqual({
      ok: true,
      value: { emailChanged: true },
    });
    expect((await userByEmail(email))!).toMatchObject({ id: person.id, lastName: "Martin", name: "Paul Martin", phone: "06 01 02 03 04", emailVerified: null });
    expect(await updateMember(referent, person.id, { email: other.email.toUpperCase(), firstName: "Paul", lastName: "", phone: "" })).toEqual({
      ok: false,
      refusal: "email_taken",
    });
    expect(await updateMember(referent, "00000000-0000-0000-0000-000000000000", { email: uniqueEmail(), firstName: "A", lastName: "", phone: "" })).toEqual({
      ok: false,
      refusal: "not_found",
    });
  });

  it("adds, corrects and ends subscriptions, refusing overlaps and bad dates", async () => {
    const member = await createIntermittent(db);
    const season = { contractId: vegetables.id, quantity: 1, startsOn: "2026-04-02", endsOn: "2026-09-24" };
    const added = await addSubscription(referent, member.id, season);
    expect(added).toMatchObject({ ok: true });
    const id = added.ok ? added.value.subscriptionId : 0;
    expect(await addSubscription(referent, member.id, { ...season, startsOn: "2026-09-01", endsOn: "2027-03-31" })).toEqual({ ok: false, refusal: "overlap" });
    expect(await addSubscription(referent, member.id, { ...season, quantity: 0, endsOn: "2026-01-01" })).toEqual({
      ok: false,
      refusal: "invalid_subscription",
      fields: ["quantity", "endsOn"],
    });
    expect(await addSubscription(referent, member.id, { ...season, contractId: 2_000_000 })).toEqual({ ok: false, refusal: "contract_not_found", fields: ["contractId"] });
    expect((await addSubscription(referent, member.id, { ...season, startsOn: "2026-09-25", endsOn: "2027-03-31" })).ok).toBe(true);

    expect(await updateSubscription(referent, id, { quantity: 2, startsOn: "2026-04-02", endsOn: "2026-10-01" })).toEqual({ ok: false, refusal: "overlap" });
    expect(await updateSubscription(referent, id, { quantity: 2, startsOn: "2026-04-09", endsOn: "2026-09-24" })).toEqual({
      ok: true,
      value: { offersCancelled: 0, peopleNotified: 0 },
    });
    expect(await endSubscription(referent, id, "2026-09-25")).toEqual({ ok: false, refusal: "invalid_subscription", fields: ["endsOn"] });
    expect(await endSubscription(referent, id, "2026-04-01")).toEqual({ ok: false, refusal: "invalid_subscription", fields: ["endsOn"] });
    expect(await endSubscription(referent, id, "2026-06-30")).toEqual({ ok: true, value: { offersCancelled: 0, peopleNotified: 0 } });
    expect((await subscriptionsOf(member.id))[0]).toMatchObject({ quantity: 2, startsOn: "2026-04-09", endsOn: "2026-06-30" });
    const actions = await db.select({ action: s.events.action }).from(s.events).where(eq(s.events.subjectUserId, member.id)).orderBy(s.events.id);
    expect(actions.map((a) => a.action)).toEqual(["subscription.add", "subscription.add", "subscription.update", "subscription.end"]);
  });

  it("lists and searches people with their current subscriptions", async () => {
    const chloe = await createMember(db, { email: uniqueEmail("recherche"), firstName: "Chloé", lastName: "Zébulon", contractIds: [vegetables.id] });
    await createSubscription(db, { userId: chloe.id, contractId: eggs.id, startsOn: "2020-01-01", endsOn: "2020-12-31" });
    const found = (await listMembers(referent, "chloe ZEBU"))!;
    expect(found.members.map((m) => m.userId)).toEqual([chloe.id]);
    expect(found.members[0]!.subscriptions.map((sub) => [sub.contract, sub.state])).toEqual([["Légumes — grand panier", "current"]]);
    expect((await listMembers(referent, chloe.email.slice(0, 14)))!.members.map((m) => m.userId)).toContain(chloe.id);
    expect((await listMembers(referent, "100%_"))!.members).toEqual([]);
    const detail = (await getMember(referent, chloe.id))!;
    expect(detail.subscriptions.map((sub) => sub.state)).toEqual(["ended", "current"]);
    expect(detail.contracts.map((c) => c.name)).toContain("Œufs — boîte de 6");
  });
});

describe("only référents", () => {
  it("every admin read and command is refused to a member and to an intermittent, with nothing written", async () => {
    const member = await viewer((await createMember(db, { contractIds: [vegetables.id] })).id);
    const intermittent = await viewer((await createIntermittent(db)).id);
    const target = await createMember(db, { email: uniqueEmail("cible"), firstName: "Cible", contractIds: [] });
    const sub = await createSubscription(db, { userId: target.id, contractId: vegetables.id, startsOn: "2026-04-02", endsOn: "2026-09-24" });
    const { text } = sampleFile();
    const person = { email: uniqueEmail("intrus"), firstName: "Intrus", lastName: "", phone: "" };

    for (const who of [member, intermittent]) {
      const before = await rowCounts();
      const notReferent = { ok: false, refusal: "not_referent" };
      expect(await createMemberCommand(who, person)).toEqual(notReferent);
      expect(await updateMember(who, target.id, { ...person, email: target.email })).toEqual(notReferent);
      expect(await addSubscription(who, target.id, { contractId: eggs.id, quantity: 1, startsOn: "2026-04-02", endsOn: "2026-09-24" })).toEqual(notReferent);
      expect(await updateSubscription(who, sub.id, { quantity: 5, startsOn: "2026-04-02", endsOn: "2026-09-24" })).toEqual(notReferent);
      expect(await endSubscription(who, sub.id, "2026-05-01")).toEqual(notReferent);
      expect(await importMembers(who, text)).toEqual(notReferent);

      expect(await listMembers(who)).toBeNull();
      expect(await getMember(who, target.id)).toBeNull();
      expect(await previewImport(who, text)).toBeNull();
      expect(await exportMembersCsv(who)).toBeNull();
      expect(await memberTemplateCsv(who)).toBeNull();

      expect(await rowCounts()).toEqual(before);
      expect(await userByEmail(target.email)).toMatchObject({ firstName: "Cible" });
      expect(await subscriptionsOf(target.id)).toEqual([expect.objectContaining({ quantity: 1, endsOn: "2026-09-24" })]);
      expect(await userByEmail(person.email)).toBeUndefined();
    }
  });
});
