// The sign sheet against a real database: every basket of the day by member,
// the right state per line ("récupéré par … pour …" for an exchange), the
// baskets left to give away, the PDF — and nothing for non-référents.
import { PDFDocument, StandardFonts } from "pdf-lib";
import { beforeAll, describe, expect, it } from "vitest";
import { typeset } from "@/lib/domain/french";
import { getDb, type Db } from "@/db/client";
import {
  createContract,
  createDistribution,
  createIntermittent,
  createMember,
  createPlace,
  createSubscription,
  createUser,
} from "@/db/factories";
import * as s from "@/db/schema";
import { toWinAnsi } from "@/lib/domain/pdf-text";
import { signingRows } from "@/lib/domain/sign-sheet";
import { addDays, parisDate } from "@/lib/domain/time";
import { seedOffer } from "@/test/seed-offer";
import { viewerForUser, type Viewer } from "../../auth/auth";
import { getSignSheet, listSheetDistributions, type SignSheetDTO } from "./sign-sheet";
import { renderSignSheetPdf, stateText } from "./sign-sheet-pdf";

let db: Db;
let referent: Viewer;
let memberViewer: Viewer;
let intermittentViewer: Viewer;

const VEG = "Légumes — grand panier";
const EGGS = "Œufs — boîte de 6";

beforeAll(async () => {
  db = await getDb();
  const own = await createContract(db);
  referent = (await viewerForUser(db, (await createUser(db, { firstName: "Rose", lastName: "Lefèvre", isReferent: true })).id))!;
  memberViewer = (await viewerForUser(db, (await createMember(db, { contractIds: [own.id] })).id))!;
  intermittentViewer = (await viewerForUser(db, (await createIntermittent(db)).id))!;
});

type Scene = { veg: s.Contract; eggs: s.Contract; bread: s.Contract; place: s.Place; distribution: s.Distribution };

/**
 * Contracts of its own (so members of other tests are not on this sheet), a
 * place of its own, and a distribution of vegetables and eggs (no bread)
 * `daysAhead` days from today.
 */
async function scene(daysAhead: number): Promise<Scene> {
  const veg = await createContract(db, { product: "Légumes", size: "grand panier", unitPriceCents: 2200 });
  const eggs = await createContract(db, { product: "Œufs", size: "boîte de 6", unitPriceCents: 350 });
  const bread = await createContract(db, { product: "Pain", size: "", unitPriceCents: 500 });
  const place = await createPlace(db, { name: `Salle ${Math.random().toString(36).slice(2, 8)}`, address: "2 rue des Lilas" });
  const distribution = await createDistribution(db, {
    placeId: place.id,
    date: addDays(parisDate(new Date()), daysAhead),
    contractIds: [veg.id, eggs.id],
  });
  return { veg, eggs, bread, place, distribution };
}

async function member(firstName: string, lastName: string, contractIds: number[]) {
  return createMember(db, { firstName, lastName, contractIds });
}

const names = (sheet: SignSheetDTO) => sheet.members.map((m) => m.name);
const linesOf = (sheet: SignSheetDTO, name: string) => sheet.members.find((m) => m.name === name)?.lines;

describe("the sign sheet of an upcoming distribution", () => {
  let sheet: SignSheetDTO;
  let at: Scene;

  beforeAll(async () => {
    at = await scene(3);
    const { veg, eggs, bread, distribution } = at;
    const ines = await createIntermittent(db, { firstName: "Inès", lastName: "Garnier" });
    const jules = await createIntermittent(db, { firstName: "Jules", lastName: "Faure" });

    // Chloé collects everything herself; two boxes of eggs.
    const chloe = await member("Chloé", "Bernard", [veg.id]);
    await createSubscription(db, { userId: chloe.id, contractId: eggs.id, quantity: 2 });
    // Emma's vegetables went to Inès; she keeps her eggs.
    const emma = await member("Emma", "Laurent", [veg.id, eggs.id]);
    await seedOffer(db, {
      memberId: emma.id,
      distribution,
      status: "exchanged",
      contractIds: [veg.id],
      reservations: [{ intermittentId: ines.id, status: "accepted" }],
    });
    // Alice's basket is on offer, David's awaits his answer, François cancelled his offer.
    const alice = await member("Alice", "Martin", [veg.id]);
    await seedOffer(db, { memberId: alice.id, distribution, status: "open" });
    const david = await member("David", "Moreau", [veg.id]);
    await seedOffer(db, {
      memberId: david.id,
      distribution,
      status: "reserved",
      reservations: [
        { intermittentId: jules.id, status: "pending" },
        { intermittentId: ines.id, status: "queued" },
      ],
    });
    const francois = await member("François", "Girard", [veg.id]);
    await seedOffer(db, {
      memberId: francois.id,
      distribution,
      status: "cancelled",
      reservations: [{ intermittentId: jules.id, status: "cancelled" }],
    });
    // Not on this sheet: bread is not delivered that day; Gaëlle's subscription ended.
    await member("Hugo", "Fournier", [bread.id]);
    const gaelle = await member("Gaëlle", "Roux", []);
    await createSubscription(db, { userId: gaelle.id, contractId: veg.id, startsOn: "2020-01-01", endsOn: "2020-06-30" });

    sheet = (await getSignSheet(referent, distribution.id))!;
  });

  it("lists every member with baskets that day, by last name, with the place and the date", () => {
    expect(names(sheet)).toEqual(["Chloé Bernard", "François Girard", "Emma Laurent", "Alice Martin", "David Moreau"]);
    expect(sheet.place).toEqual({ name: at.place.name, address: "2 rue des Lilas" });
    expect(sheet.date).toBe(parisDate(at.distribution.startsAt));
    expect(sheet.slot).toMatch(/18\u00a0h\u00a030 – 20\u00a0h$/);
    expect(sheet).toMatchObject({ hasStarted: false, isCancelled: false, amapName: expect.any(String) });
  });

  it("gives each basket line its state", () => {
    expect(linesOf(sheet, "Chloé Bernard")).toEqual([
      { label: VEG, quantity: 1, offerId: null, state: { kind: "sign" } },
      { label: EGGS, quantity: 2, offerId: null, state: { kind: "sign" } },
    ]);
    expect(linesOf(sheet, "Emma Laurent")).toMatchObject([
      { label: VEG, quantity: 1, state: { kind: "taken", takerName: "Inès Garnier" } },
      { label: EGGS, quantity: 1, offerId: null, state: { kind: "sign" } },
    ]);
    expect(linesOf(sheet, "Alice Martin")).toMatchObject([{ label: VEG, state: { kind: "offered" } }]);
    expect(linesOf(sheet, "David Moreau")).toMatchObject([{ label: VEG, state: { kind: "offered" } }]);
    // A cancelled offer gives the basket back to its member.
    expect(linesOf(sheet, "François Girard")).toEqual([{ label: VEG, quantity: 1, offerId: null, state: { kind: "sign" } }]);
  });

  it("reads « récupéré par <taker> pour <member> » where a basket was exchanged", () => {
    const rows = signingRows(linesOf(sheet, "Emma Laurent")!);
    expect(rows.map((r) => stateText(r.state, "Emma Laurent"))).toEqual(["récupéré par Inès Garnier pour Emma Laurent", "à signer"]);
    expect(stateText({ kind: "offered" }, "Alice Martin")).toBe("proposé, pas encore repris");
    expect(stateText({ kind: "unclaimed" }, "Alice Martin")).toBe(typeset("non repris : à donner"));
  });

  it("lists the baskets still on offer as not yet taken, and counts them", () => {
    expect(sheet.leftovers).toEqual([
      { memberName: "Alice Martin", label: VEG, quantity: 1, state: "offered" },
      { memberName: "David Moreau", label: VEG, quantity: 1, state: "offered" },
    ]);
    expect(sheet.totals).toEqual({ baskets: 8, taken: 1, offered: 2, unclaimed: 0 });
  });

  it("renders an A4 PDF", async () => {
    const bytes = await renderSignSheetPdf(sheet);
    expect(Buffer.from(bytes.slice(0, 5)).toString("latin1")).toBe("%PDF-");
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBe(1);
    const { width, height } = pdf.getPage(0).getSize();
    expect([Math.round(width), Math.round(height)]).toEqual([595, 842]);
    expect(pdf.getTitle()).toContain("feuille d'émargement");
  });
});

describe("the sign sheet once the distribution has started", () => {
  it("lists unclaimed baskets and those still on offer to give away, and the done exchange by its taker", async () => {
    const { veg, eggs, distribution } = await scene(-2);
    const manon = await createIntermittent(db, { firstName: "Manon", lastName: "Blanc" });
    const gaelle = await member("Gaëlle", "Roux", [veg.id]);
    await seedOffer(db, { memberId: gaelle.id, distribution, status: "unclaimed" });
    const bruno = await member("Bruno", "Petit", [veg.id, eggs.id]);
    await seedOffer(db, { memberId: bruno.id, distribution, status: "open", contractIds: [eggs.id] });
    const alice = await member("Alice", "Martin", [veg.id, eggs.id]);
    await seedOffer(db, {
      memberId: alice.id,
      distribution,
      status: "done",
      reservations: [{ intermittentId: manon.id, status: "accepted" }],
    });

    const sheet = (await getSignSheet(referent, distribution.id))!;
    expect(sheet.hasStarted).toBe(true);
    expect(names(sheet)).toEqual(["Alice Martin", "Bruno Petit", "Gaëlle Roux"]);
    expect(linesOf(sheet, "Gaëlle Roux")).toMatchObject([{ state: { kind: "unclaimed" } }]);
    expect(linesOf(sheet, "Bruno Petit")).toMatchObject([
      { label: VEG, state: { kind: "sign" } },
      { label: EGGS, state: { kind: "offered" } },
    ]);
    // Alice's whole basket went in one offer: Manon signs once for both lines.
    expect(signingRows(linesOf(sheet, "Alice Martin")!)).toEqual([
      {
        baskets: [
          { label: VEG, quantity: 1 },
          { label: EGGS, quantity: 1 },
        ],
        state: { kind: "taken", takerName: "Manon Blanc" },
      },
    ]);
    expect(sheet.leftovers).toEqual([
      { memberName: "Bruno Petit", label: EGGS, quantity: 1, state: "offered" },
      { memberName: "Gaëlle Roux", label: VEG, quantity: 1, state: "unclaimed" },
    ]);
  });

  it("makes a PDF of an empty sheet, and of names the PDF font cannot print", async () => {
    const empty = (await getSignSheet(referent, (await scene(-9)).distribution.id))!;
    expect(empty.members).toEqual([]);
    await expect(renderSignSheetPdf(empty)).resolves.toBeInstanceOf(Uint8Array);

    const { veg, distribution } = await scene(-10);
    const odd = await member("Łukasz 🌻", "Nguyễn\u202fThị", [veg.id]);
    await seedOffer(db, { memberId: odd.id, distribution, status: "unclaimed" });
    const sheet = (await getSignSheet(referent, distribution.id))!;
    expect(names(sheet)).toEqual(["Łukasz 🌻 Nguyễn\u202fThị"]);
    await expect(renderSignSheetPdf(sheet)).resolves.toBeInstanceOf(Uint8Array);
  });

  it("breaks a long sheet over several pages", async () => {
    const { veg, eggs, distribution } = await scene(-16);
    for (let i = 0; i < 40; i++) await member(`Personne ${i}`, `Nom-${String(i).padStart(2, "0")}`, [veg.id, eggs.id]);
    const sheet = (await getSignSheet(referent, distribution.id))!;
    expect(sheet.members).toHaveLength(40);
    expect(sheet.members[0]!.name).toBe("Personne 0 Nom-00");
    const pdf = await PDFDocument.load(await renderSignSheetPdf(sheet));
    expect(pdf.getPageCount()).toBeGreaterThan(1);
  });
});

describe("the PDF fonts", () => {
  it("encode whatever toWinAnsi leaves, so no name can break the PDF", async () => {
    const doc = await PDFDocument.create();
    const text = toWinAnsi(Array.from({ length: 0x3000 }, (_, i) => String.fromCodePoint(i + 0x20)).join(""));
    for (const name of [StandardFonts.Helvetica, StandardFonts.HelveticaBold, StandardFonts.HelveticaOblique]) {
      const font = await doc.embedFont(name);
      expect(() => font.encodeText(text)).not.toThrow();
      expect(font.widthOfTextAtSize(text, 10)).toBeGreaterThan(0);
    }
  });
});

describe("the list of distributions", () => {
  it("puts upcoming ones in date order, past ones newest first, with what became of their baskets", async () => {
    const soon = await scene(1);
    const later = await scene(8);
    const past = await scene(-3);
    const older = await scene(-5);
    const tooOld = await scene(-60);
    const someone = await member("Léa", "Chevalier", [soon.veg.id]);
    await seedOffer(db, { memberId: someone.id, distribution: soon.distribution, status: "open" });

    const list = (await listSheetDistributions(referent))!;
    const upcoming = list.upcoming.map((d) => d.distributionId);
    const recent = list.recent.map((d) => d.distributionId);
    expect(upcoming.indexOf(soon.distribution.id)).toBeGreaterThanOrEqual(0);
    expect(upcoming.indexOf(soon.distribution.id)).toBeLessThan(upcoming.indexOf(later.distribution.id));
    expect(recent.indexOf(past.distribution.id)).toBeGreaterThanOrEqual(0);
    expect(recent.indexOf(past.distribution.id)).toBeLessThan(recent.indexOf(older.distribution.id));
    expect([...upcoming, ...recent]).not.toContain(tooOld.distribution.id);
    expect(list.upcoming.find((d) => d.distributionId === soon.distribution.id)).toEqual({
      distributionId: soon.distribution.id,
      slot: expect.stringMatching(/18\u00a0h\u00a030 – 20\u00a0h$/),
      placeName: soon.place.name,
      isCancelled: false,
      taken: 0,
      offered: 1,
      unclaimed: 0,
    });
  });
});

describe("référents only", () => {
  it("refuses every sign sheet read to a member, an intermittent and a signed-out visitor", async () => {
    const { distribution } = await scene(2);
    for (const viewer of [memberViewer, intermittentViewer, null]) {
      expect(await getSignSheet(viewer, distribution.id)).toBeNull();
      expect(await listSheetDistributions(viewer)).toBeNull();
    }
    expect(await getSignSheet(referent, distribution.id)).not.toBeNull();
    expect(await getSignSheet(referent, 987_654_321)).toBeNull();
  });
});
