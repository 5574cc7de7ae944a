// Names, places, contracts, reasons and the AMAP's settings refuse Unicode
// control, format and separator characters (lib/domain/text.ts), with a
// French message naming the field, and write nothing; accents, apostrophes,
// hyphens and emoji go through. A table: every such character × every field,
// through the commands and the messages the forms show; then the same through
// a form post, as the browser sends it.
import { count } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { typeset } from "@/lib/domain/french";
import * as newMember from "@/app/admin/amapiens/nouveau/actions";
import { refusalMessage } from "@/app/admin/amapiens/refusal-message";
import { calendarAnswer } from "@/app/admin/calendrier/form-answer";
import * as places from "@/app/admin/calendrier/lieux/actions";
import { getDb, type Db } from "@/db/client";
import { createDistribution, createPlace, createUser, uniqueEmail } from "@/db/factories";
import * as s from "@/db/schema";
import { addDays, parisDate } from "@/lib/domain/time";
import { viewerForUser, type Viewer } from "@/lib/server/auth/auth";
import { addContract, addPlace, cancelDistribution, type CalendarResult } from "@/lib/server/admin/calendar/calendar";
import { createMember, previewImport } from "@/lib/server/admin/members/members";
import { adminMembersFr } from "@/lib/i18n/admin-members-fr";
import { checkSettings, type SettingsInput } from "@/lib/server/admin/settings";

const session = vi.hoisted(() => ({ viewer: null as unknown }));
vi.mock("@/lib/server/auth/auth", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/server/auth/auth")>()),
  getViewer: async () => session.viewer,
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));
vi.mock("next/navigation", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/navigation")>()),
  redirect: (url: string) => {
    throw Object.assign(new Error("NEXT_REDIRECT"), { url });
  },
}));

let db: Db;
let rose: Viewer;

beforeAll(async () => {
  db = await getDb();
  const user = await createUser(db, { isReferent: true, firstName: "Rose" });
  rose = (await viewerForUser(db, user.id))!;
  session.viewer = rose;
});

const BAD: [string, string][] = [
  ["NUL", "\u0000"],
  ["C0 (bell)", "\u0007"],
  ["C0 (escape)", "\u001b"],
  ["C1 (next line)", "\u0085"],
  ["C1 (0x9B)", "\u009b"],
  ["U+200E", "\u200e"],
  ["U+200F", "\u200f"],
  ...["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"].map(
    (c): [string, string] => [`U+${c.charCodeAt(0).toString(16).toUpperCase()}`, c],
  ),
  ["U+2028", "\u2028"],
  ["U+2029", "\u2029"],
  ["U+FEFF", "\ufeff"],
  ["a lone surrogate", "\ud83d"],
];
const codePoint = (c: string) => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`;

async function tableCounts() {
  const [[users], [placeRows], [contracts], [events]] = await Promise.all([
    db.select({ n: count() }).from(s.users),
    db.select({ n: count() }).from(s.places),
    db.select({ n: count() }).from(s.contracts),
    db.select({ n: count() }).from(s.events),
  ]);
  return { users: users!.n, places: placeRows!.n, contracts: contracts!.n, events: events!.n };
}

const person = { email: "", firstName: "Marie-Hélène", lastName: "N'Diaye", phone: "06 12 34 56 78" };
const settings: SettingsInput = {
  amapName: "AMAP des Tilleuls",
  contactEmail: "contact@tilleuls.test",
  replyTo: "",
  offerCloseHours: "12",
  decisionReminderHours: "12",
  autoAcceptHours: "",
  intermittentReminders: "J-1 18:00",
  practicalRules: "Apportez vos sacs.\nVenez à l'heure.",
  retentionMonths: "24",
  emailLogRetentionDays: "90",
  usedLinkRetentionDays: "90",
  joinRequestRetentionDays: "90",
  partnerDelayHours: "24",
};

describe.each(BAD)("%s", (_name, bad) => {
  it("is refused in a person's name, phone and address, the message naming the field and the character", async () => {
    const before = await tableCounts();
    for (const [field, label, value] of [
      ["firstName", "Prénom", `Marie${bad}Hélène`],
      ["lastName", "Nom", `${bad}N'Diaye`],
      ["phone", "Téléphone", `06 12 34 56 78${bad}`],
      ["email", "Adresse e-mail", `marie${bad}@exemple.fr`],
    ] as const) {
      const result = await createMember(rose, { ...person, email: uniqueEmail("marie"), [field]: value });
      expect(result).toMatchObject({ ok: false, refusal: "invalid_person", fields: [field], characters: { [field]: codePoint(bad) } });
      if (result.ok) continue;
      expect(refusalMessage(result)).toBe(
        typeset(`« ${label} » contient un caractère invisible ou de contrôle (${codePoint(bad)}), souvent venu d'un copier-coller : effacez ce champ et retapez-le.`),
      );
    }
    expect(await tableCounts()).toEqual(before);
  });

  it("is refused in a place, a contract and a cancellation's reason, the message naming the field", async () => {
    const before = await tableCounts();
    const form = new FormData();
    for (const [field, label, command] of [
      ["name", "Nom", () => addPlace(rose, { name: `Salle${bad}des fêtes`, address: "", accessNotes: "" })],
      ["address", "Adresse", () => addPlace(rose, { name: "Salle", address: `2 rue${bad}`, accessNotes: "" })],
      ["accessNotes", "Indications d'accès", () => addPlace(rose, { name: "Salle", address: "", accessNotes: `Par la cour\n${bad}` })],
      ["product", "Produit", () => addContract(rose, { product: `Pain${bad}`, producer: "Fournil", size: "", price: "4" })],
      ["producer", "Producteur·rice", () => addContract(rose, { product: "Pain", producer: `${bad}Fournil`, size: "", price: "4" })],
      ["size", "Taille", () => addContract(rose, { product: "Pain", producer: "Fournil", size: `1${bad}kg`, price: "4" })],
    ] as const) {
      const result: CalendarResult<unknown> = await command();
      expect(result).toEqual({ ok: false, refusal: "invalid", fields: { [field]: "invalid_text" } });
      const answer = calendarAnswer(result, form, () => "");
      expect(answer.fields?.[field]).toBe(
        typeset(`« ${label} » contient un caractère invisible ou de contrôle, souvent venu d'un copier-coller : effacez ce champ et retapez-le.`),
      );
    }
    expect(await tableCounts()).toEqual(before);
  });

  it("is refused in the AMAP's name, addresses and practical rules", () => {
    for (const [field, value] of [
      ["amapName", `AMAP${bad}des Tilleuls`],
      ["contactEmail", `contact${bad}@tilleuls.test`],
      ["replyTo", `${bad}reponse@tilleuls.test`],
      ["practicalRules", `Apportez vos sacs.\n${bad}Venez à l'heure.`],
    ] as const) {
      expect(checkSettings({ ...settings, [field]: value })).toEqual({ ok: false, fields: [field] });
    }
  });

  it("is refused in an imported line, named with its column and the character", async () => {
    const preview = await previewImport(rose, `email;prenom;nom\r\nmarie@exemple.fr;Marie${bad};N'Diaye\r\n`);
    expect(preview).toMatchObject({ ok: true, counts: { invalid: 1 } });
    const error = preview?.ok ? preview.lines[0]!.errors[0]! : null;
    expect(error).toEqual({ code: "first_name_characters", codePoint: codePoint(bad) });
    expect(adminMembersFr.import.rowError(error!)).toContain(typeset(`La case « prenom » contient un caractère invisible ou de contrôle (${codePoint(bad)})`));
  });
});

describe("what people do type", () => {
  it("goes through: accents, apostrophes, hyphens, emoji, line ends in notes", async () => {
    const created = await createMember(rose, { email: uniqueEmail("mh"), firstName: "Marie-Hélène", lastName: "N'Diaye 🌻", phone: "+33 6 12 34 56 78" });
    expect(created).toMatchObject({ ok: true });
    expect(await addPlace(rose, { name: "Salle des fêtes 🎉", address: "2 rue de l'Église", accessNotes: "Par la cour.\r\nSonnez !" })).toMatchObject({ ok: true });
    expect(await addContract(rose, { product: "Œufs", producer: "Ferme d'Élise", size: "boîte de 6", price: "3,50" })).toMatchObject({ ok: true });
    expect(checkSettings({ ...settings, amapName: "AMAP « Les Tilleuls »", practicalRules: "Sacs 🛍️\r\nÀ l'heure" })).toMatchObject({ ok: true });
    const place = await createPlace(db, { name: "Grange" });
    const distribution = await createDistribution(db, { placeId: place.id, date: addDays(parisDate(new Date()), 5), contractIds: [] });
    expect(await cancelDistribution(rose, distribution.id, "Gel 🥶 : la route est fermée.\nDésolée !")).toMatchObject({ ok: true });
  });
});

describe("through a form post", () => {
  it("the new-member form answers with the field and the character, and writes nothing", async () => {
    const before = await tableCounts();
    const form = new FormData();
    for (const [key, value] of Object.entries({ email: uniqueEmail("rlo"), firstName: "\u202edemhA", lastName: "", phone: "" })) form.append(key, value);
    const answer = await newMember.createMemberAction({ status: "idle" }, form);
    expect(answer).toMatchObject({ status: "error", fields: ["firstName"] });
    expect(answer.status === "error" && answer.message).toContain(typeset("« Prénom » contient un caractère invisible ou de contrôle (U+202E)"));
    expect(await tableCounts()).toEqual(before);
  });

  it("the place form names the field under it", async () => {
    const form = new FormData();
    for (const [key, value] of Object.entries({ name: "Salle\u2028des fêtes", address: "", accessNotes: "" })) form.append(key, value);
    const answer = await places.addPlaceAction({ status: "idle" }, form);
    expect(answer).toMatchObject({ status: "error", message: "Certains champs sont à corriger." });
    expect(answer.fields?.name).toContain(typeset("« Nom » contient un caractère invisible ou de contrôle"));
  });
});
