import { describe, expect, it } from "vitest";
import type { OfferStatus } from "./offer";
import { compareByLastName, leftovers, sheetLineState, sheetTotals, signingRows, type SheetLine } from "./sign-sheet";

describe("sheetLineState", () => {
  it.each<[OfferStatus | null, string]>([
    [null, "sign"],
    ["cancelled", "sign"],
    ["open", "offered"],
    ["reserved", "offered"],
    ["exchanged", "taken"],
    ["done", "taken"],
    ["unclaimed", "unclaimed"],
  ])("a line in a %s offer is %s", (status, kind) => {
    expect(sheetLineState(status ? { status, takerName: "Inès Garnier" } : null).kind).toBe(kind);
  });

  it("names the taker of an exchange", () => {
    expect(sheetLineState({ status: "exchanged", takerName: "Inès Garnier" })).toEqual({ kind: "taken", takerName: "Inès Garnier" });
    expect(sheetLineState({ status: "done", takerName: null })).toEqual({ kind: "taken", takerName: "" });
  });
});

const line = (label: string, state: SheetLine["state"], offerId: number | null = null, quantity = 1): SheetLine => ({
  label,
  quantity,
  state,
  offerId,
});

describe("signingRows", () => {
  it("puts the member's own lines in one row, and each offer's lines in one row", () => {
    const rows = signingRows([
      line("Légumes", { kind: "taken", takerName: "Inès" }, 1),
      line("Œufs", { kind: "sign" }),
      line("Pain", { kind: "taken", takerName: "Inès" }, 1),
      line("Fromage", { kind: "sign" }, null, 2),
      line("Fruits", { kind: "offered" }, 2),
    ]);
    expect(rows).toEqual([
      {
        state: { kind: "taken", takerName: "Inès" },
        baskets: [
          { label: "Légumes", quantity: 1 },
          { label: "Pain", quantity: 1 },
        ],
      },
      {
        state: { kind: "sign" },
        baskets: [
          { label: "Œufs", quantity: 1 },
          { label: "Fromage", quantity: 2 },
        ],
      },
      { state: { kind: "offered" }, baskets: [{ label: "Fruits", quantity: 1 }] },
    ]);
  });

  it("keeps two offers apart", () => {
    expect(signingRows([line("Légumes", { kind: "offered" }, 1), line("Œufs", { kind: "offered" }, 2)])).toHaveLength(2);
  });
});

describe("leftovers and totals", () => {
  const members = [
    { name: "Alice", lines: [line("Légumes", { kind: "offered" }, 1), line("Œufs", { kind: "sign" }, null, 2)] },
    { name: "Gaëlle", lines: [line("Légumes", { kind: "unclaimed" }, 2)] },
    { name: "Emma", lines: [line("Légumes", { kind: "taken", takerName: "Inès" }, 3, 2)] },
  ];

  it("lists the baskets nobody took, in sheet order", () => {
    expect(leftovers(members)).toEqual([
      { memberName: "Alice", label: "Légumes", quantity: 1, state: "offered" },
      { memberName: "Gaëlle", label: "Légumes", quantity: 1, state: "unclaimed" },
    ]);
  });

  it("counts baskets by quantity", () => {
    expect(sheetTotals(members)).toEqual({ baskets: 6, taken: 2, offered: 1, unclaimed: 1 });
  });
});

describe("compareByLastName", () => {
  it("sorts by last name then first name, the French way", () => {
    const people = [
      { firstName: "Émile", lastName: "Zola" },
      { firstName: "Bruno", lastName: "Écuyer" },
      { firstName: "Alice", lastName: "de Lattre" },
      { firstName: "Anne", lastName: "Ecuyer" },
      { firstName: "Chloé", lastName: "Bernard" },
    ];
    expect([...people].sort(compareByLastName).map((p) => `${p.firstName} ${p.lastName}`)).toEqual([
      "Chloé Bernard",
      "Alice de Lattre",
      "Anne Ecuyer",
      "Bruno Écuyer",
      "Émile Zola",
    ]);
  });
});
