import { describe, expect, it } from "vitest";
import {
  checkLine,
  contractNames,
  EXAMPLE_DOMAIN,
  importTemplate,
  IMPORT_COLUMNS,
  planImport,
  readImport,
  resolveContract,
  type ImportColumn,
  type ImportContract,
  type ImportLine,
  type KnownPerson,
  type KnownSubscription,
} from "./member-import";
import { toCsv } from "./csv";

const contracts: ImportContract[] = [
  { id: 1, product: "Légumes", size: "grand panier", producer: "Ferme du Grand Pré", isActive: true },
  { id: 2, product: "Légumes", size: "petit panier", producer: "Ferme du Grand Pré", isActive: true },
  { id: 3, product: "Œufs", size: "boîte de 6", producer: "Les Poules", isActive: true },
  { id: 4, product: "Pain", size: "", producer: "Fournil", isActive: true },
  { id: 5, product: "Fromage", size: "", producer: "Chèvrerie", isActive: false },
  { id: 6, product: "Miel", size: "pot", producer: "Rucher A", isActive: true },
  { id: 7, product: "Miel", size: "pot", producer: "Rucher B", isActive: true },
  { id: 8, product: "Pommes", size: "", producer: "Verger", isActive: true },
  { id: 9, product: "Pommes", size: "", producer: "Verger", isActive: true },
];

const HEADER = IMPORT_COLUMNS.join(";");

function cells(values: Partial<Record<ImportColumn, string>>): Record<ImportColumn, string> {
  return Object.fromEntries(IMPORT_COLUMNS.map((c) => [c, values[c] ?? ""])) as Record<ImportColumn, string>;
}

const line = (values: Partial<Record<ImportColumn, string>>, n = 2) =>
  checkLine(n, cells({ email: "a@b.fr", prenom: "Ana", ...values }), contracts);

const codes = (l: { errors: { code: string }[] }) => l.errors.map((e) => e.code);

describe("resolveContract", () => {
  it.each([
    ["the basket label", "Légumes — grand panier", 1],
    ["any case, accents or dash", "legumes - GRAND panier", 1],
    ["no dash at all", "Légumes petit panier", 2],
    ["oe for œ", "Oeufs — boite de 6", 3],
    ["the product alone when unambiguous", "œufs", 3],
    ["a one-size contract", "Pain", 4],
    ["the label with the producer", "Miel — pot (Rucher B)", 7],
  ])("finds %s", (_name, value, id) => {
    expect(resolveContract(value, contracts)).toMatchObject({ ok: true, contract: { id } });
  });

  it("names both baskets when the product alone is ambiguous", () => {
    expect(resolveContract("Légumes", contracts)).toEqual({
      ok: false,
      error: { code: "contract_ambiguous", value: "Légumes", candidates: ["Légumes — grand panier", "Légumes — petit panier"] },
    });
  });

  it("asks for the producer when two producers sell the same basket", () => {
    expect(resolveContract("Miel — pot", contracts)).toMatchObject({
      ok: false,
      error: { code: "contract_ambiguous", candidates: ["Miel — pot (Rucher A)", "Miel — pot (Rucher B)"] },
    });
  });

  it("refuses an inactive contract and an unknown one (listing the active ones)", () => {
    expect(resolveContract("Fromage", contracts)).toEqual({ ok: false, error: { code: "contract_inactive", value: "Fromage" } });
    const unknown = resolveContract("Légumes — moyen panier", contracts);
    expect(unknown).toMatchObject({ ok: false, error: { code: "contract_unknown", value: "Légumes — moyen panier" } });
    expect(!unknown.ok && unknown.error.code === "contract_unknown" && unknown.error.known).toContain("Pain");
    expect(!unknown.ok && unknown.error.code === "contract_unknown" && unknown.error.known).not.toContain("Fromage");
  });

  it("tells two seasons of one producer's contract by their numbers", () => {
    expect(resolveContract("Pommes", contracts)).toMatchObject({
      ok: false,
      error: { code: "contract_ambiguous", candidates: ["Pommes (Verger, n° 8)", "Pommes (Verger, n° 9)"] },
    });
    expect(resolveContract("pommes (verger, n°9)", contracts)).toMatchObject({ ok: true, contract: { id: 9 } });
  });

  it("names contracts the way it reads them", () => {
    const names = contractNames(contracts);
    expect(names.get(1)).toBe("Légumes — grand panier");
    expect(names.get(6)).toBe("Miel — pot (Rucher A)");
    expect(names.get(8)).toBe("Pommes (Verger, n° 8)");
    for (const c of contracts.filter((c) => c.isActive)) {
      expect(resolveContract(names.get(c.id)!, contracts)).toMatchObject({ ok: true, contract: { id: c.id } });
    }
  });
});

describe("checkLine", () => {
  it("accepts a full line and normalizes it", () => {
    const l = line({ email: " Ana@Exemple.FR ", nom: "  De  Souza ", telephone: "06 12 34 56 78", contrat: "Pain", debut: "02/04/2026", fin: "2026-09-24" });
    expect(l.errors).toEqual([]);
    expect(l.person).toEqual({ email: "ana@exemple.fr", firstName: "Ana", lastName: "De Souza", phone: "06 12 34 56 78" });
    expect(l.subscription).toEqual({ contractId: 4, contract: "Pain", quantity: 1, startsOn: "2026-04-02", endsOn: "2026-09-24" });
  });

  it("accepts a line without a contract: the person only", () => {
    expect(line({})).toMatchObject({ errors: [], subscription: null });
  });

  it.each([
    [{ email: "" }, ["email_missing"]],
    [{ email: "pas-une-adresse" }, ["email_invalid"]],
    [{ email: `x@${EXAMPLE_DOMAIN}` }, ["email_example"]],
    [{ prenom: "A".repeat(81) }, ["first_name_invalid"]],
    [{ nom: "B".repeat(81) }, ["last_name_invalid"]],
    [{ telephone: "appelle-moi" }, ["phone_invalid"]],
    [{ quantite: "2" }, ["contract_missing"]],
    [{ contrat: "Pain", debut: "2026-04-02" }, ["end_missing"]],
    [{ contrat: "Pain", fin: "2026-04-02" }, ["start_missing"]],
    [{ contrat: "Pain", debut: "31/02/2026", fin: "2026-09-24" }, ["start_invalid"]],
    [{ contrat: "Pain", debut: "2026-04-02", fin: "demain" }, ["end_invalid"]],
    [{ contrat: "Pain", debut: "2026-09-24", fin: "2026-04-02" }, ["end_before_start"]],
    [{ contrat: "Pain", quantite: "0", debut: "2026-04-02", fin: "2026-09-24" }, ["quantity_invalid"]],
    [{ contrat: "Pain", quantite: "1,5", debut: "2026-04-02", fin: "2026-09-24" }, ["quantity_invalid"]],
    [{ contrat: "Pain", quantite: "100", debut: "2026-04-02", fin: "2026-09-24" }, ["quantity_invalid"]],
    [{ contrat: "Kiwis", debut: "2026-04-02", fin: "2026-09-24" }, ["contract_unknown"]],
    [{ email: "x", telephone: "?", contrat: "Kiwis", quantite: "-1", debut: "hier", fin: "" }, ["email_invalid", "phone_invalid", "contract_unknown", "quantity_invalid", "start_invalid", "end_missing"]],
  ])("reports %j as %j", (values, expected) => {
    expect(codes(line(values))).toEqual(expected);
  });

  it("keeps an empty first name for the plan to judge", () => {
    expect(line({ prenom: "" }).errors).toEqual([]);
  });

  it.each([
    [{ prenom: "\u202edemhA" }, { code: "first_name_characters", codePoint: "U+202E" }],
    [{ nom: "Dupont\u0085" }, { code: "last_name_characters", codePoint: "U+0085" }],
    [{ nom: "Du\u2028pont" }, { code: "last_name_characters", codePoint: "U+2028" }],
    [{ email: "ana\u200e@exemple.fr" }, { code: "email_characters", codePoint: "U+200E" }],
    [{ telephone: "06 12 34 56 78\u2069" }, { code: "phone_characters", codePoint: "U+2069" }],
    [{ contrat: "Pa\u200bin", debut: "2026-04-02", fin: "2026-09-24" }, { code: "contract_characters", codePoint: "U+200B" }],
  ])("refuses the control, format and separator characters of %j", (values, expected) => {
    expect(line(values).errors).toEqual([expected]);
  });

  it("refuses them at the ends of a cell too, where trimming would have hidden them", () => {
    const result = readImport("email;prenom;nom\r\nana@exemple.fr;\ufeffAna;Dupont\u2029\r\n", contracts);
    expect(result.ok && result.lines[0]!.errors).toEqual([
      { code: "first_name_characters", codePoint: "U+FEFF" },
      { code: "last_name_characters", codePoint: "U+2029" },
    ]);
  });

  it("accepts accents, apostrophes, hyphens and emoji", () => {
    expect(line({ prenom: "Marie-Hélène", nom: "N'Diaye 🌻" }).errors).toEqual([]);
  });
});

describe("readImport", () => {
  it("reads any column order and spelling, ignores unknown columns, skips empty lines", () => {
    const text = "\uFEFFNom;Prénom;E-mail;Remarque;Contrat;Début;Fin\r\nDupont;Léa;LEA@x.fr;vegan;Pain;01/04/2026;30/09/2026\r\n;;;;;;\r\n";
    const result = readImport(text, contracts);
    expect(result).toMatchObject({ ok: true, ignoredColumns: ["Remarque"] });
    expect(result.ok && result.lines).toHaveLength(1);
    expect(result.ok && result.lines[0]).toMatchObject({
      line: 2,
      person: { email: "lea@x.fr", firstName: "Léa", lastName: "Dupont" },
      subscription: { contractId: 4, startsOn: "2026-04-01", endsOn: "2026-09-30" },
    });
  });

  it("reads comma-separated files and its own export (formula-guarded phone numbers)", () => {
    const text = `email,prenom,telephone\nlea@x.fr,Léa,'+33 6 12 34 56 78\n`;
    const result = readImport(text, contracts);
    expect(result.ok && result.lines[0]!.person.phone).toBe("+33 6 12 34 56 78");
    const exported = toCsv([["email", "prenom", "telephone"], ["lea@x.fr", "Léa", "+33 6 12 34 56 78"]]);
    const again = readImport(exported, contracts);
    expect(again.ok && again.lines[0]!.person.phone).toBe("+33 6 12 34 56 78");
  });

  it("reports a line with more cells than columns (an unquoted separator) and nothing else", () => {
    const result = readImport(`email,prenom,contrat\nlea@x.fr,Léa,Légumes, grand panier\n`, contracts);
    expect(result.ok && result.lines[0]!.errors).toEqual([{ code: "too_many_cells", cells: 4, columns: 3 }]);
  });

  it.each([
    ["an empty text", "", { code: "no_rows" }],
    ["a header alone", `${HEADER}\r\n`, { code: "no_rows" }],
    ["no email column", "prenom;nom\nA;B", { code: "missing_email_column" }],
    ["no header (data on line 1)", "a@b.fr;Ana", { code: "missing_email_column" }],
    ["a column twice", "email;mail\na@b.fr;c@d.fr", { code: "duplicate_column", column: "email" }],
    ["an unclosed quote", `${HEADER}\na@b.fr;"Ana`, { code: "unclosed_quote", line: 2 }],
    ["a file too large", "x".repeat(200_001), { code: "too_large", maxChars: 200_000 }],
  ])("refuses %s", (_name, text, error) => {
    expect(readImport(text, contracts)).toEqual({ ok: false, error });
  });
});

describe("planImport", () => {
  const known: KnownPerson[] = [{ id: "u1", email: "old@x.fr", firstName: "Odile", lastName: "", phone: null }];
  const knownSubs: KnownSubscription[] = [
    { id: 10, userId: "u1", contractId: 1, quantity: 1, startsOn: "2026-04-01", endsOn: "2026-09-30" },
  ];
  const plan = (lines: ImportLine[]) => planImport(lines, { people: known, subscriptions: knownSubs });
  const sub = (contrat: string, debut = "2026-04-01", fin = "2026-09-30", quantite = "1") => ({ contrat, debut, fin, quantite });

  it("creates a new person once, then finds them on the next lines", () => {
    const result = plan([
      line({ email: "new@x.fr", prenom: "Nina", ...sub("Pain") }, 2),
      line({ email: "NEW@x.fr", prenom: "", ...sub("Œufs") }, 3),
    ]);
    expect(result.lines.map((l) => l.steps)).toEqual([
      { person: { kind: "create" }, subscription: { kind: "create" } },
      { person: { kind: "keep" }, subscription: { kind: "create" } },
    ]);
    expect(result.counts).toMatchObject({ lines: 2, invalid: 0, membersCreated: 1, subscriptionsCreated: 2, unchanged: 0 });
  });

  it("requires a first name for someone new only", () => {
    const result = plan([line({ email: "new@x.fr", prenom: "" }, 2), line({ email: "old@x.fr", prenom: "" }, 3)]);
    expect(codes(result.lines[0]!)).toEqual(["first_name_missing"]);
    expect(result.lines[1]!.steps).toEqual({ person: { kind: "keep" }, subscription: { kind: "none" } });
  });

  it("fills in a known person's empty fields and never overwrites the others", () => {
    const result = plan([line({ email: "old@x.fr", prenom: "Autre", nom: "Ollivier", telephone: "06 00 00 00 00" })]);
    expect(result.lines[0]!.steps!.person).toEqual({ kind: "fill", fill: { lastName: "Ollivier", phone: "06 00 00 00 00" } });
    expect(result.counts.membersUpdated).toBe(1);
  });

  it("keeps an identical subscription, updates a different quantity, refuses an overlap", () => {
    expect(plan([line({ email: "old@x.fr", ...sub("Légumes — grand panier") })]).lines[0]!.steps).toEqual({
      person: { kind: "keep" },
      subscription: { kind: "keep" },
    });
    expect(plan([line({ email: "old@x.fr", ...sub("Légumes — grand panier", undefined, undefined, "2") })]).lines[0]!.steps!.subscription).toEqual({
      kind: "quantity",
      subscriptionId: 10,
      from: 1,
    });
    expect(plan([line({ email: "old@x.fr", ...sub("Légumes — grand panier", "2026-09-01", "2027-03-31") })]).lines[0]!.errors).toEqual([
      { code: "overlap", startsOn: "2026-04-01", endsOn: "2026-09-30" },
    ]);
    // Another contract, or the next season of the same one, is fine.
    expect(plan([line({ email: "old@x.fr", ...sub("Légumes — petit panier") })]).lines[0]!.steps!.subscription.kind).toBe("create");
    expect(plan([line({ email: "old@x.fr", ...sub("Légumes — grand panier", "2026-10-01", "2027-03-31") })]).counts.subscriptionsCreated).toBe(1);
  });

  it("reports a line repeating or overlapping an earlier line of the file", () => {
    const result = plan([
      line({ email: "new@x.fr", ...sub("Pain") }, 2),
      line({ email: "new@x.fr", ...sub("Pain", undefined, undefined, "2") }, 3),
      line({ email: "new@x.fr", ...sub("Pain", "2026-06-01", "2026-12-31") }, 4),
      line({ email: "old@x.fr", ...sub("Légumes — grand panier") }, 5),
      line({ email: "old@x.fr", ...sub("Légumes — grand panier") }, 6),
    ]);
    expect(result.lines.map((l) => l.errors)).toEqual([
      [],
      [{ code: "duplicate_line", line: 2 }],
      [{ code: "overlap_line", line: 2 }],
      [],
      [{ code: "duplicate_line", line: 5 }],
    ]);
    expect(result.counts).toMatchObject({ lines: 5, invalid: 3, membersCreated: 1, subscriptionsCreated: 1, unchanged: 1 });
  });

  it("leaves a line with errors out entirely, so a later line may create the person", () => {
    const result = plan([
      line({ email: "new@x.fr", prenom: "Nina", ...sub("Kiwis") }, 2),
      line({ email: "new@x.fr", prenom: "Nina", ...sub("Pain") }, 3),
    ]);
    expect(result.lines[0]!.steps).toBeNull();
    expect(result.lines[1]!.steps).toEqual({ person: { kind: "create" }, subscription: { kind: "create" } });
    expect(result.counts).toMatchObject({ invalid: 1, membersCreated: 1, subscriptionsCreated: 1 });
  });

  it("plans nothing for lines already imported", () => {
    const result = plan([line({ email: "OLD@x.fr", prenom: "Odile", ...sub("Légumes — grand panier") })]);
    expect(result.counts).toEqual({
      lines: 1,
      invalid: 0,
      membersCreated: 0,
      membersUpdated: 0,
      subscriptionsCreated: 0,
      subscriptionsUpdated: 0,
      unchanged: 1,
    });
  });
});

describe("importTemplate", () => {
  it("is the header and two example lines, which the import refuses until replaced", () => {
    const examples = [
      { emailName: "camille.dupont", firstName: "Camille", lastName: "Dupont", phone: "06 12 34 56 78" },
      { emailName: "dominique.martin", firstName: "Dominique", lastName: "Martin", phone: "" },
    ] as const;
    for (const [names, people] of [[["Pain", "Œufs — boîte de 6"], 1], [["Pain"], 2]] as const) {
      const rows = importTemplate({ contracts: names, people: examples, startsOn: "2026-04-01", endsOn: "2026-09-30" });
      expect(rows[0]).toEqual([...IMPORT_COLUMNS]);
      const result = readImport(toCsv(rows), contracts);
      expect(result.ok && result.lines.map(codes)).toEqual([["email_example"], ["email_example"]]);
      const replaced = toCsv(rows).replaceAll(EXAMPLE_DOMAIN, "exemple.fr");
      const again = readImport(replaced, contracts);
      expect(again.ok && planImport(again.lines, { people: [], subscriptions: [] }).counts).toMatchObject({
        invalid: 0,
        membersCreated: people,
        subscriptionsCreated: 2,
      });
    }
  });
});
