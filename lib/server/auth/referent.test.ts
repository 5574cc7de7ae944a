// « Ajouter à la liste » (/admin/intermittents) once called registerSomeone,
// whose guard lets members in: a member posting to the admin action added
// people as if a référent had. The admin command now checks the référent
// flag in the data layer; members keep their own « Inscrire une autre personne » (an invitation).
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { createContract, createIntermittent, createMember, createUser, uniqueEmail } from "@/db/factories";
import * as s from "@/db/schema";
import { viewerForUser, type Viewer } from "./auth";
import { addToListAsReferent, inviteSomeone } from "../list/intermittents";

let db: Db;
let referent: Viewer;
let member: Viewer;
let intermittent: Viewer;

const viewer = async (id: string) => (await viewerForUser(db, id))!;
const person = (email: string) => ({ email, firstName: "Paul", lastName: "Ajouté", phone: "" });

async function traces(email: string) {
  const users = await db.select({ id: s.users.id }).from(s.users).where(sql`lower(${s.users.email}) = ${email}`);
  const mails = await db.select({ id: s.outbox.id }).from(s.outbox).where(eq(s.outbox.recipient, email));
  return { users: users.length, mails: mails.length };
}

beforeAll(async () => {
  db = await getDb();
  const contract = await createContract(db);
  referent = await viewer((await createUser(db, { isReferent: true })).id);
  member = await viewer((await createMember(db, { contractIds: [contract.id] })).id);
  intermittent = await viewer((await createIntermittent(db)).id);
});

describe("« Ajouter à la liste » (référents only)", () => {
  it("is refused to a member and to an intermittent, with nothing written and no mail", async () => {
    for (const who of [member, intermittent]) {
      const email = uniqueEmail("intrus");
      expect(await addToListAsReferent(who, person(email))).toEqual({ ok: false, refusal: "not_referent" });
      expect(await traces(email)).toEqual({ users: 0, mails: 0 });
    }
  });

  it("adds the person for a référent", async () => {
    const email = uniqueEmail("ajout");
    const result = await addToListAsReferent(referent, person(email));
    expect(result).toMatchObject({ ok: true, value: { created: true } });
    expect(await traces(email)).toEqual({ users: 1, mails: 1 });
  });

  it("leaves members their own « Inscrire une autre personne », an invitation", async () => {
    const email = uniqueEmail("ami");
    expect(await inviteSomeone(member, person(email))).toEqual({ ok: true });
    expect(await inviteSomeone(intermittent, person(uniqueEmail("x")))).toEqual({ ok: false, refusal: "not_member" });
  });
});
