// Bad input to every server action (issue 6, reliability matrix). Each
// action of app/**/actions.ts is called as a form post would call it, with
// every field in turn replaced by something wrong — wrong type, 1 MB, a
// negative, huge or non-numeric id, a NUL byte, a day or an hour that does
// not exist — and must answer with a French message, never throw, and write
// nothing (a fingerprint of every table is compared). Then hostile but
// well-formed text (HTML, `javascript:`, CR/LF) must be either refused or
// stored as typed — never a crash.
// (app/connexion's sign-in needs a real request for Auth.js: covered by e2e.)
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import * as absence from "@/app/absence/actions";
import * as member from "@/app/admin/amapiens/[id]/actions";
import * as memberImport from "@/app/admin/amapiens/import/actions";
import * as newMember from "@/app/admin/amapiens/nouveau/actions";
import * as calendar from "@/app/admin/calendrier/actions";
import * as contracts from "@/app/admin/calendrier/contrats/actions";
import * as places from "@/app/admin/calendrier/lieux/actions";
import * as emailLog from "@/app/admin/emails/actions";
import * as adminList from "@/app/admin/intermittents/actions";
import * as adminOffers from "@/app/admin/paniers/actions";
import * as settings from "@/app/admin/reglages/actions";
import * as partners from "@/app/admin/partenaires/actions";
import * as joinRequest from "@/app/devenir-intermittent/actions";
import * as list from "@/app/inscription/actions";
import * as invitation from "@/app/invitation/[token]/actions";
import * as link from "@/app/lien/[token]/actions";
import * as mine from "@/app/mes-paniers/actions";
import * as baskets from "@/app/paniers/actions";
import { getDb, type Db } from "@/db/client";
import { addToIntermittents, createContract, createDistribution, createPlace, createSubscription, createUser } from "@/db/factories";
import * as s from "@/db/schema";
import { addDays, parisDate } from "@/lib/domain/time";
import { adminCalendarFr } from "@/lib/i18n/admin-calendar-fr";
import { fr } from "@/lib/i18n/fr";
import { viewerForUser, type Viewer } from "@/lib/server/auth/auth";
import { startSmtpSink } from "@/test/smtp-sink";
import { createSmtpMailer } from "@/lib/server/mail/mailer";
import { drainOutbox } from "@/lib/server/outbox/worker";
import { enqueueMail } from "@/lib/server/mail/enqueue";
import { createOffers, reserveOffer } from "@/lib/server/exchange/offers";
import { firstAmapId } from "@/db/queries";

const session = vi.hoisted(() => ({ viewer: null as unknown }));
vi.mock("@/lib/server/auth/auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/server/auth/auth")>()),
  getViewer: async () => session.viewer,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
// No AMAP named by the address nor a cookie: the public form files in the deployment's first AMAP.
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-forwarded-for": "203.0.113.7" }),
  cookies: async () => ({ get: () => undefined }),
}));

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- every action has its own state type; the checks below read only status/message/fields
type AnyAction = (prev: any, form: FormData) => Promise<any>;
type Value = string | string[] | File;

let db: Db;
let rose: Viewer;
/** Valid values for every field some action takes; each case overrides one. */
let valid: Record<string, string>;

const MEGABYTE = "a".repeat(1_000_000);
const viewer = async (id: string) => (await viewerForUser(db, id))!;

beforeAll(async () => {
  db = await getDb();
  const place = await createPlace(db, { name: "Salle des fêtes" });
  const veg = await createContract(db, { product: "Légumes", size: "grand panier", unitPriceCents: 2200 });
  const date = addDays(parisDate(new Date()), 9);
  const distribution = await createDistribution(db, { placeId: place.id, date, contractIds: [veg.id] });
  // Rose: référente, amapienne and intermittente — every action is hers to try.
  const roseUser = await createUser(db, { isReferent: true, firstName: "Rose", lastName: "Lefèvre", email: "rose@test.local" });
  const roseSub = await createSubscription(db, { userId: roseUser.id, contractId: veg.id });
  await addToIntermittents(db, { userId: roseUser.id });
  rose = await viewer(roseUser.id);
  const alice = await createUser(db, { firstName: "Alice" });
  const aliceSub = await createSubscription(db, { userId: alice.id, contractId: veg.id });
  const ines = await createUser(db, { firstName: "Inès" });
  await addToIntermittents(db, { userId: ines.id });
  const offered = await createOffers(await viewer(alice.id), { distributionIds: [distribution.id], subscriptionIds: [aliceSub.id], message: "", autoAccept: false });
  if (!offered.ok) throw new Error(offered.refusal);
  const offerId = offered.value.offerIds[0]!;
  const reserved = await reserveOffer(await viewer(ines.id), offerId);
  if (!reserved.ok) throw new Error(reserved.refusal);
  const [request] = await db
    .insert(s.intermittentRequests)
    .values({ amapId: await firstAmapId(db), email: "camille@test.local", firstName: "Camille", lastName: "", phone: "", message: "", ipHash: "x" })
    .returning({ id: s.intermittentRequests.id });
  await enqueueMail(db, await firstAmapId(db), "sign-in", [{ to: "rose@test.local", payload: { url: "http://localhost:3000/x" } }]);
  const [mail] = await db.select({ id: s.outbox.id }).from(s.outbox).limit(1);
  valid = {
    offerId: String(offerId),
    reservationId: String(reserved.value.reservationId),
    distributionId: String(distribution.id),
    subscriptionId: String(roseSub.id),
    placeId: String(place.id),
    contractId: String(veg.id),
    contractIds: String(veg.id),
    userId: alice.id,
    intermittentId: ines.id,
    requestId: String(request!.id),
    id: String(mail!.id),
    email: "nouvelle@test.local",
    firstName: "Camille",
    lastName: "Dupont",
    phone: "06 12 34 56 78",
    message: "Bonjour",
    reason: "Une raison",
    name: "Salle polyvalente",
    address: "2 rue des Lilas",
    accessNotes: "Par la cour",
    product: "Pain",
    producer: "Fournil",
    size: "1 kg",
    price: "4,50",
    quantity: "1",
    startsOn: addDays(parisDate(new Date()), 30),
    endsOn: addDays(parisDate(new Date()), 200),
    date: addDays(parisDate(new Date()), 40),
    from: addDays(parisDate(new Date()), 40),
    to: addDays(parisDate(new Date()), 80),
    weekday: "4",
    start: "18:30",
    end: "20:00",
    mois: parisDate(new Date()).slice(0, 7),
    paid: "1",
    active: "1",
    intent: "verifier",
    csv: "email;prenom\nx@test.local;X",
    token: "pas-un-jeton",
    amapName: "AMAP des Tilleuls",
    contactEmail: "contact@test.local",
    replyTo: "contact@test.local",
    offerCloseHours: "12",
    decisionReminderHours: "12",
    autoAcceptHours: "",
    intermittentReminders: "on",
    practicalRules: "Apportez un sac.",
    retentionMonths: "24",
    emailLogRetentionDays: "90",
    usedLinkRetentionDays: "90",
    joinRequestRetentionDays: "90",
    partnerDelayHours: "24",
    on: "1",
    partnershipId: "1",
    amapId: String(await firstAmapId(db)),
  };
});

/** Every action, its fields, and which of them are ids (bad ones must match nothing). */
type Kind = "id" | "uuid" | "text" | "date" | "time" | "enum" | "token" | "price" | "hours" | "weekday" | "lenient";
const ACTIONS: { name: string; action: AnyAction; fields: Record<string, Kind> }[] = [
  { name: "absence/offerBasket", action: absence.offerBasketAction, fields: { distributionId: "id", subscriptionId: "id", message: "text" } },
  { name: "amapiens/updateMember", action: member.updateMemberAction, fields: { userId: "uuid", email: "text", firstName: "text", lastName: "text", phone: "text" } },
  { name: "amapiens/addSubscription", action: member.addSubscriptionAction, fields: { userId: "uuid", contractId: "id", quantity: "id", startsOn: "date", endsOn: "date" } },
  { name: "amapiens/updateSubscription", action: member.updateSubscriptionAction, fields: { subscriptionId: "id", quantity: "id", startsOn: "date", endsOn: "date" } },
  { name: "amapiens/endSubscription", action: member.endSubscriptionAction, fields: { subscriptionId: "id", endsOn: "date" } },
  { name: "amapiens/import", action: memberImport.importAction, fields: { intent: "enum", csv: "text" } },
  { name: "amapiens/createMember", action: newMember.createMemberAction, fields: { email: "text", firstName: "text", lastName: "text", phone: "text" } },
  {
    name: "calendrier/generateSeries",
    action: calendar.generateSeriesAction,
    fields: { placeId: "id", weekday: "weekday", from: "date", to: "date", start: "time", end: "time", contractIds: "id" },
  },
  { name: "calendrier/addDate", action: calendar.addDateAction, fields: { placeId: "id", date: "date", start: "time", end: "time", contractIds: "id" } },
  { name: "calendrier/deliveredContracts", action: calendar.deliveredContractsAction, fields: { distributionId: "id", contractIds: "id" } },
  { name: "calendrier/move", action: calendar.moveAction, fields: { distributionId: "id", date: "date", start: "time", end: "time", mois: "lenient" } },
  { name: "calendrier/cancel", action: calendar.cancelAction, fields: { distributionId: "id", reason: "text", mois: "lenient" } },
  { name: "calendrier/cancelRemaining", action: calendar.cancelRemainingAction, fields: { distributionId: "id", mois: "lenient" } },
  { name: "contrats/add", action: contracts.addContractAction, fields: { product: "text", producer: "text", size: "text", price: "price" } },
  { name: "contrats/edit", action: contracts.editContractAction, fields: { contractId: "id", product: "text", producer: "text", size: "text", price: "price" } },
  { name: "contrats/setActive", action: contracts.setContractActiveAction, fields: { contractId: "id", active: "enum" } },
  { name: "lieux/add", action: places.addPlaceAction, fields: { name: "text", address: "text", accessNotes: "text" } },
  { name: "lieux/edit", action: places.editPlaceAction, fields: { placeId: "id", name: "text", address: "text", accessNotes: "text" } },
  { name: "emails/resend", action: emailLog.resendAction, fields: { id: "id" } },
  { name: "intermittents/approve", action: adminList.approveRequestAction, fields: { requestId: "id" } },
  { name: "intermittents/refuse", action: adminList.refuseRequestAction, fields: { requestId: "id" } },
  { name: "intermittents/remove", action: adminList.removeIntermittentAction, fields: { userId: "uuid", reason: "text" } },
  { name: "intermittents/add", action: adminList.addIntermittentAction, fields: { email: "text", firstName: "text", lastName: "text", phone: "text" } },
  { name: "admin-paniers/cancel", action: adminOffers.adminCancelAction, fields: { offerId: "id", reason: "text" } },
  { name: "admin-paniers/assign", action: adminOffers.adminAssignAction, fields: { offerId: "id", intermittentId: "uuid", reason: "text" } },
  { name: "admin-paniers/accept", action: adminOffers.adminAcceptAction, fields: { offerId: "lenient", reservationId: "id", reason: "text" } },
  { name: "admin-paniers/decline", action: adminOffers.adminDeclineAction, fields: { offerId: "lenient", reservationId: "id", reason: "text" } },
  {
    name: "reglages/save",
    action: settings.saveSettingsAction,
    fields: {
      amapName: "text",
      contactEmail: "text",
      replyTo: "text",
      offerCloseHours: "hours",
      decisionReminderHours: "hours",
      practicalRules: "text",
      retentionMonths: "hours",
      emailLogRetentionDays: "hours",
      usedLinkRetentionDays: "hours",
      joinRequestRetentionDays: "hours",
      partnerDelayHours: "hours",
    },
  },
  { name: "partenaires/request", action: partners.requestPartnershipAction, fields: { amapId: "id" } },
  { name: "partenaires/accept", action: partners.acceptPartnershipAction, fields: { partnershipId: "id" } },
  { name: "partenaires/refuse", action: partners.refusePartnershipAction, fields: { partnershipId: "id" } },
  { name: "partenaires/withdraw", action: partners.withdrawPartnershipAction, fields: { partnershipId: "id" } },
  { name: "partenaires/end", action: partners.endPartnershipAction, fields: { partnershipId: "id" } },
  { name: "devenir-intermittent", action: joinRequest.requestToJoinAction, fields: { email: "text", firstName: "text", lastName: "text", phone: "text", message: "text" } },
  { name: "inscription/partnerBaskets", action: list.partnerBasketsAction, fields: { on: "enum" } },
  { name: "inscription/inviteSomeone", action: list.inviteSomeoneAction, fields: { email: "text", firstName: "text", lastName: "text", phone: "text" } },
  { name: "invitation/answer", action: invitation.answerInvitationAction, fields: { token: "token", answer: "enum" } },
  { name: "lien/perform", action: link.performLinkAction, fields: { token: "token" } },
  { name: "mes-paniers/accept", action: mine.acceptAction, fields: { reservationId: "id" } },
  { name: "mes-paniers/decline", action: mine.declineAction, fields: { reservationId: "id" } },
  { name: "mes-paniers/withdraw", action: mine.withdrawAction, fields: { reservationId: "id" } },
  { name: "mes-paniers/cancelOffer", action: mine.cancelOfferAction, fields: { offerId: "id", reason: "text" } },
  { name: "mes-paniers/setPaid", action: mine.setPaidAction, fields: { offerId: "id", paid: "enum" } },
  { name: "paniers/reserve", action: baskets.reserveAction, fields: { offerId: "id" } },
];

const file = () => new File(["<script>alert(1)</script>"], "x.html", { type: "text/html" });
/** Values that no field of the kind may accept. */
const INVALID: Record<Exclude<Kind, "lenient">, Value[]> = {
  id: ["abc", "-1", "0", "1.5", "-7.25", "99999999999999999999", "2147483648", "1e400", "NaN", "Infinity", "1 OR 1=1", "1; drop table users", "9".repeat(1_000_000), ["1", "2", "x"], file()],
  uuid: ["abc", "", "00000000-0000-0000-0000-000000000000", "' or '1'='1", MEGABYTE, ["a", "b"], file()],
  text: [MEGABYTE, "avant\u0000après", ["un", "deux"]],
  date: ["2027-02-30", "31/02/2027", "2027-13-01", "-1", "demain", "1900-01-01", MEGABYTE],
  time: ["25:00", "24:00", "12:60", "-1:00", "midi", MEGABYTE],
  enum: ["peut-être", "2", MEGABYTE, ["1", "0"]],
  token: ["", "abc", "a.b.c", "a\u0000b", MEGABYTE],
  price: ["-1", "abc", "1,234", "99999999", "1e3", "NaN", MEGABYTE, ["1", "2"]],
  hours: ["-1", "abc", "1.5", "99999999999", "NaN", MEGABYTE, ["1", "2"]],
  weekday: ["7", "-1", "lundi", "1.5", MEGABYTE, ["1", "2"]],
};
/** Well-formed but hostile: refused, or kept exactly as typed. */
const HOSTILE = ["<script>alert(1)</script>", "javascript:alert(document.cookie)", '"><img src=x onerror=alert(1)>', "Nom\r\nBcc: evil@example.com"];

let tables: string[] | undefined;

/** A digest of every table's rows: any write shows. */
async function fingerprint(): Promise<string> {
  const rowsOf = (result: unknown) => (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<string, string>[];
  tables ??= rowsOf(
    await db.execute(sql`select table_name as t from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`),
  ).map((r) => r.t!);
  const digest = tables
    .map((t) => `select '${t}' as t, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as f from "${t}" x`)
    .join(" union all ");
  return rowsOf(await db.execute(sql.raw(digest)))
    .map((r) => `${r.t}:${r.f}`)
    .join(",");
}

function form(fields: Record<string, Value>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    for (const v of Array.isArray(value) ? value : [value]) data.append(key, v);
  }
  return data;
}

type Answer = { redirect: string } | { status: string; message?: string; fields?: unknown };

async function submit(action: AnyAction, fields: Record<string, Value>): Promise<Answer> {
  try {
    return await action({ status: "idle" }, form(fields));
  } catch (error) {
    const digest = (error as { digest?: unknown }).digest;
    if (typeof digest === "string" && digest.startsWith("NEXT_REDIRECT")) return { redirect: digest.split(";")[2]! };
    throw error;
  }
}

/** A message a person can read: French, short, no trace of code. */
function expectFrenchMessage(message: unknown) {
  expect(typeof message).toBe("string");
  const text = message as string;
  expect(text.length).toBeGreaterThan(3);
  expect(text.length).toBeLessThan(600);
  expect(text).toMatch(/[a-zàâçéèêëîïôûùüœ]{3}/i);
  expect(text).not.toMatch(/\bat \S+ \(|\.tsx?:\d|Error:|undefined|\[object|ZodError|SQLSTATE|postgres/);
}

describe("every server action, every field, wrong values", () => {
  it("answers in French, never throws, writes nothing", async () => {
    const failures: string[] = [];
    let calls = 0;
    for (const { name, action, fields } of ACTIONS) {
      for (const [field, kind] of Object.entries(fields)) {
        if (kind === "lenient") continue;
        for (const value of INVALID[kind]) {
          const label = `${name} ${field}=${Array.isArray(value) ? `[${value.map((v) => v.slice(0, 20)).join(",")}]` : value instanceof File ? "File" : JSON.stringify(value.slice(0, 24))}`;
          session.viewer = rose;
          const before = await fingerprint();
          const inputs: Record<string, Value> = Object.fromEntries(Object.keys(fields).map((k) => [k, valid[k]!]));
          inputs[field] = value;
          calls++;
          let answer: Answer;
          try {
            answer = await submit(action, inputs);
          } catch (error) {
            failures.push(`${label}: threw ${(error as Error).message.slice(0, 120)}`);
            continue;
          }
          if ("redirect" in answer) failures.push(`${label}: accepted (redirect to ${answer.redirect})`);
          else if (answer.status !== "error" && answer.status !== "preview") failures.push(`${label}: answered ${answer.status}`);
          else {
            try {
              expectFrenchMessage(answer.message);
              // Bad input is the sender's mistake, not an outage.
              expect(answer.message).not.toBe(fr.errors.actionFailed);
            } catch {
              failures.push(`${label}: message ${JSON.stringify(answer.message)}`);
            }
          }
          if ((await fingerprint()) !== before) failures.push(`${label}: wrote something`);
        }
      }
    }
    expect(calls).toBeGreaterThan(400);
    expect(failures).toEqual([]);
  }, 600_000);

  it("a signed-out caller is sent to sign in, with nothing written", async () => {
    session.viewer = null;
    const before = await fingerprint();
    for (const { name, action, fields } of ACTIONS) {
      // The public forms (join request, email link, invitation) need no session.
      if (name === "devenir-intermittent" || name === "lien/perform" || name === "invitation/answer") continue;
      const inputs = Object.fromEntries(Object.keys(fields).map((k) => [k, valid[k]!]));
      expect(await submit(action, inputs), name).toEqual({ redirect: "/connexion" });
    }
    expect(await fingerprint()).toBe(before);
  }, 120_000);
});

describe("hours a clock change skips or repeats (Europe/Paris)", () => {
  it.each([
    ["2027-03-28", "02:30", adminCalendarFr.fieldErrors.time_skipped],
    ["2027-10-31", "02:30", adminCalendarFr.fieldErrors.time_twice],
  ])("%s at %s: a French field error, nothing written", async (date, start, error) => {
    session.viewer = rose;
    // A past date is refused first; these are ahead until 2027 (lib/domain/time.test.ts covers the rule itself).
    expect(date > parisDate(new Date())).toBe(true);
    const before = await fingerprint();
    const added = await submit(calendar.addDateAction, { placeId: valid.placeId!, date, start, end: "04:00", contractIds: valid.contractIds! });
    expect(added).toMatchObject({ status: "error", fields: { start: error } });
    const moved = await submit(calendar.moveAction, { distributionId: valid.distributionId!, date, start, end: "04:00", mois: valid.mois! });
    expect(moved).toMatchObject({ status: "error", fields: { start: error } });
    const weekday = String(new Date(`${date}T12:00:00Z`).getUTCDay());
    const series = await submit(calendar.generateSeriesAction, {
      placeId: valid.placeId!,
      weekday,
      from: addDays(date, -14),
      to: addDays(date, 14),
      start,
      end: "04:00",
      contractIds: valid.contractIds!,
    });
    expect(series).toMatchObject({ status: "error", fields: { start: error } });
    expect(await fingerprint()).toBe(before);
  });
});

describe("hostile but well-formed text in every text field", () => {
  it("is refused with a French message, or kept exactly as typed — never a crash", async () => {
    const failures: string[] = [];
    for (const { name, action, fields } of ACTIONS) {
      for (const [field, kind] of Object.entries(fields)) {
        if (kind !== "text") continue;
        for (const value of HOSTILE) {
          session.viewer = rose;
          const inputs: Record<string, Value> = Object.fromEntries(Object.keys(fields).map((k) => [k, valid[k]!]));
          inputs[field] = value;
          const label = `${name} ${field}=${JSON.stringify(value.slice(0, 20))}`;
          let answer: Answer;
          try {
            answer = await submit(action, inputs);
          } catch (error) {
            failures.push(`${label}: threw ${(error as Error).message.slice(0, 120)}`);
            continue;
          }
          if (!("redirect" in answer) && answer.status === "error") {
            try {
              expectFrenchMessage(answer.message);
            } catch {
              failures.push(`${label}: message ${JSON.stringify(answer.message)}`);
            }
          }
        }
      }
    }
    expect(failures).toEqual([]);
  }, 600_000);
});

describe("hostile names and messages reaching emails (real mailer, SMTP sink)", () => {
  it("cannot add a header or a recipient, and arrive escaped, never as a link", async () => {
    await db.delete(s.outbox);
    // Stored as if typed somewhere that let them through (CSV import, older data): the mailer must hold anyway.
    await db.update(s.settings).set({ amapName: "AMAP\r\nX-Injected: 1", replyTo: "contact@test.local\r\nBcc: evil@example.com" });
    const place = await createPlace(db, { name: "<script>alert('lieu')</script>", address: "javascript:alert(1)" });
    const veg = await createContract(db, { product: "Légumes<img src=x onerror=alert(1)>", size: "grand" });
    const distribution = await createDistribution(db, { placeId: place.id, date: addDays(parisDate(new Date()), 12), contractIds: [veg.id] });
    const owner = await createUser(db, { firstName: "Mallory\r\nBcc: evil@example.com", lastName: "<b>gras</b>", email: "owner-hostile@test.local" });
    const sub = await createSubscription(db, { userId: owner.id, contractId: veg.id });
    const eve = await createUser(db, { firstName: "Eve\r\nBcc: evil@example.com\r\nX-Injected: 1", lastName: "<script>alert(1)</script>", email: "eve-hostile@test.local" });
    await addToIntermittents(db, { userId: eve.id });
    await db.delete(s.intermittentMemberships).where(sql`${s.intermittentMemberships.userId} not in (${eve.id})`);

    const message = "Venez <script>alert(1)</script> [clic](javascript:alert(1)) <a href=\"javascript:alert(2)\">ici</a>\r\nBcc: evil@example.com";
    const made = await createOffers(await viewer(owner.id), { distributionIds: [distribution.id], subscriptionIds: [sub.id], message, autoAccept: false });
    expect(made.ok).toBe(true);
    const offerId = made.ok ? made.value.offerIds[0]! : 0;
    const reserved = await reserveOffer(await viewer(eve.id), offerId);
    expect(reserved.ok).toBe(true);

    const sink = await startSmtpSink();
    const mailer = createSmtpMailer(sink.url, "Espace intermittents <test@localhost>");
    try {
      const report = await drainOutbox({ db, mailer, backoffMs: () => 0 });
      expect(report.failed).toBe(0);
      // offer listed (owner), announced (Eve), to decide (owner, Eve's name in the subject), pending (Eve).
      expect(sink.messages.length).toBeGreaterThanOrEqual(4);
      expect(new Set(sink.rcptAttempts)).toEqual(new Set(["owner-hostile@test.local", "eve-hostile@test.local"]));
      for (const mail of sink.messages) {
        const keys = mail.headerLines.map((h) => h.key);
        expect(keys).not.toContain("bcc");
        expect(keys).not.toContain("x-injected");
        expect(keys.filter((k) => k === "to")).toHaveLength(1);
        expect(keys.filter((k) => k === "subject")).toHaveLength(1);
        expect(mail.subject ?? "").not.toMatch(/[\r\n]/);
        const replyTo = mail.headerLines.find((h) => h.key === "reply-to")?.line ?? "";
        expect(replyTo).not.toMatch(/evil@example\.com/);
        const html = String(mail.html);
        expect(html).not.toMatch(/<script/i);
        expect(html).not.toMatch(/<img src=x/i);
        expect(html).not.toMatch(/href\s*=\s*["']?\s*javascript:/i);
        expect(html).not.toMatch(/<b>gras/);
      }
      const announced = sink.messages.find((m) => (Array.isArray(m.to) ? m.to[0] : m.to)?.text === "eve-hostile@test.local" && String(m.html).includes("Venez"));
      expect(String(announced?.html)).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
      const toDecide = sink.messages.find((m) => (m.subject ?? "").includes("Eve"));
      expect(toDecide, "the owner's « to decide » mail names Eve in its subject").toBeDefined();
    } finally {
      mailer.close();
      await sink.close();
    }
  }, 60_000);
});
