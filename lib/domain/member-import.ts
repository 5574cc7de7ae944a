// The CSV import of members and subscriptions: the format, each line's
// checks, and the plan of what importing would do. Pure: the server reads
// the people, subscriptions and contracts concerned, asks for the plan, and
// writes it in one transaction.
//
// The format (one line per subscription; the first line names the columns):
//
//   email;prenom;nom;telephone;contrat;quantite;debut;fin
//   camille@exemple.fr;Camille;Dupont;06 12 34 56 78;Légumes — grand panier;1;2026-04-02;2026-09-24
//   camille@exemple.fr;;;;Œufs — boîte de 6;2;02/04/2026;24/09/2026
//
// - email (required): who the line is about; a known address (any case) is
//   the same person. prenom is required for someone new; an existing
//   person's first name, last name and phone are only filled in when empty,
//   never overwritten.
// - contrat: the basket as the site writes it ("Légumes — grand panier"),
//   the product alone when only one active contract has it ("Pain"), or the
//   label followed by the producer in brackets when two producers sell the
//   same basket (and the contract's number when even that is shared, as the
//   export writes it). Case, accents and punctuation do not matter. Empty: the line
//   only creates (or completes) the person.
// - quantite: 1 to 99 (empty = 1). debut, fin: AAAA-MM-JJ or JJ/MM/AAAA.
// - Columns may come in any order; unknown columns are ignored; `;`, `,` or
//   tab separated; UTF-8 (Excel's plain Windows CSV is read too).
// - A subscription with the same person, contract, start and end as an
//   existing one is not added again (its quantity is updated if it differs),
//   so importing the same file twice changes nothing.
import { basketLabel } from "./basket";
import { parseCsv, readCell, type CsvError } from "./csv";
import { checkPerson, normalizePerson, personCharacters, type PersonInput } from "./intermittents";
import { MAX_QUANTITY, parseDay, periodsOverlap } from "./subscriptions";
import { forbiddenCharacter, trimEnds } from "./text";

export const IMPORT_COLUMNS = ["email", "prenom", "nom", "telephone", "contrat", "quantite", "debut", "fin"] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** Header spellings accepted for each column, compared without case, accents or punctuation. */
const COLUMN_ALIASES: Record<ImportColumn, readonly string[]> = {
  email: ["email", "e mail", "mail", "courriel", "adresse email", "adresse e mail", "adresse mail"],
  prenom: ["prenom"],
  nom: ["nom", "nom de famille"],
  telephone: ["telephone", "tel", "portable", "mobile"],
  contrat: ["contrat", "panier"],
  quantite: ["quantite", "qte", "nombre"],
  debut: ["debut", "date de debut", "du"],
  fin: ["fin", "date de fin", "au"],
};

/** The template's example lines use this domain; a line still using it is refused. */
export const EXAMPLE_DOMAIN = "exemple.invalid";

export type ImportContract = { id: number; product: string; size: string; producer: string; isActive: boolean };

export type FileError =
  | CsvError
  | { code: "no_rows" }
  | { code: "missing_email_column" }
  | { code: "duplicate_column"; column: ImportColumn };

export type RowError =
  | { code: "too_many_cells"; cells: number; columns: number }
  | { code: "email_missing" }
  | { code: "email_invalid"; value: string }
  | { code: "email_example" }
  | { code: "first_name_missing" }
  | { code: "first_name_invalid" }
  | { code: "last_name_invalid" }
  | { code: "phone_invalid"; value: string }
  /** A control, format or separator character (lib/domain/text.ts), named "U+202E". */
  | { code: "email_characters"; codePoint: string }
  | { code: "first_name_characters"; codePoint: string }
  | { code: "last_name_characters"; codePoint: string }
  | { code: "phone_characters"; codePoint: string }
  | { code: "contract_characters"; codePoint: string }
  | { code: "contract_missing" }
  | { code: "contract_unknown"; value: string; known: string[] }
  | { code: "contract_ambiguous"; value: string; candidates: string[] }
  | { code: "contract_inactive"; value: string }
  | { code: "quantity_invalid"; value: string }
  | { code: "start_missing" }
  | { code: "start_invalid"; value: string }
  | { code: "end_missing" }
  | { code: "end_invalid"; value: string }
  | { code: "end_before_start" }
  | { code: "duplicate_line"; line: number }
  | { code: "overlap"; startsOn: string; endsOn: string }
  | { code: "overlap_line"; line: number };

/** The column each error is about (null: the whole line). */
export const ERROR_COLUMN: Record<RowError["code"], ImportColumn | null> = {
  too_many_cells: null,
  email_missing: "email",
  email_invalid: "email",
  email_example: "email",
  first_name_missing: "prenom",
  first_name_invalid: "prenom",
  last_name_invalid: "nom",
  phone_invalid: "telephone",
  email_characters: "email",
  first_name_characters: "prenom",
  last_name_characters: "nom",
  phone_characters: "telephone",
  contract_characters: "contrat",
  contract_missing: "contrat",
  contract_unknown: "contrat",
  contract_ambiguous: "contrat",
  contract_inactive: "contrat",
  quantity_invalid: "quantite",
  start_missing: "debut",
  start_invalid: "debut",
  end_missing: "fin",
  end_invalid: "fin",
  end_before_start: "fin",
  duplicate_line: null,
  overlap: "contrat",
  overlap_line: "contrat",
};

export type ImportSubscription = { contractId: number; contract: string; quantity: number; startsOn: string; endsOn: string };

/** One data line of the file, checked on its own. */
export type ImportLine = {
  /** The line of the file where it starts (the header is line 1). */
  line: number;
  /** The cells as read (trimmed), for showing the line back. */
  cells: Record<ImportColumn, string>;
  /** Normalized details; firstName may be empty (fine for a known person). */
  person: PersonInput;
  subscription: ImportSubscription | null;
  errors: RowError[];
};

export type ReadResult = { ok: true; lines: ImportLine[]; ignoredColumns: string[] } | { ok: false; error: FileError };

/** Lower case, no accents, œ → oe, punctuation as spaces: how headers and contract names are compared. */
export function foldKey(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replaceAll("œ", "oe")
    .replaceAll("æ", "ae")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/**
 * How the import (and the export) names each contract: its basket label;
 * with the producer in brackets when another contract has the same label;
 * with its number too when even that is shared (two seasons of one
 * producer's contract, say).
 */
export function contractNames(contracts: readonly ImportContract[]): Map<number, string> {
  const tally = (key: (c: ImportContract) => string) => {
    const counts = new Map<string, number>();
    for (const c of contracts) counts.set(foldKey(key(c)), (counts.get(foldKey(key(c))) ?? 0) + 1);
    return (c: ImportContract) => (counts.get(foldKey(key(c))) ?? 0) > 1;
  };
  const labelShared = tally((c) => basketLabel(c.product, c.size));
  const producerShared = tally((c) => `${basketLabel(c.product, c.size)} ${c.producer}`);
  return new Map(
    contracts.map((c) => {
      const label = basketLabel(c.product, c.size);
      if (!labelShared(c)) return [c.id, label];
      if (!producerShared(c) && c.producer) return [c.id, `${label} (${c.producer})`];
      return [c.id, c.producer ? `${label} (${c.producer}, n° ${c.id})` : `${label} (n° ${c.id})`];
    }),
  );
}

type ContractMatch = { ok: true; contract: ImportContract; name: string } | { ok: false; error: RowError };

/**
 * The contract a line names: its name with its number, else with the
 * producer, else its basket label, else its product alone. Only active contracts are matched;
 * several matches at the first level that matches at all are ambiguous.
 */
export function resolveContract(value: string, contracts: readonly ImportContract[]): ContractMatch {
  const names = contractNames(contracts);
  const key = foldKey(value);
  const levels: ((c: ImportContract) => string)[] = [
    (c) => `${basketLabel(c.product, c.size)} ${c.producer} n ${c.id}`,
    (c) => `${basketLabel(c.product, c.size)} n ${c.id}`,
    (c) => `${basketLabel(c.product, c.size)} ${c.producer}`,
    (c) => basketLabel(c.product, c.size),
    (c) => c.product,
  ];
  for (const level of levels) {
    const matches = contracts.filter((c) => foldKey(level(c)) === key);
    if (matches.length === 0) continue;
    const active = matches.filter((c) => c.isActive);
    if (active.length === 1) return { ok: true, contract: active[0]!, name: names.get(active[0]!.id)! };
    if (active.length === 0) return { ok: false, error: { code: "contract_inactive", value } };
    return { ok: false, error: { code: "contract_ambiguous", value, candidates: active.map((c) => names.get(c.id)!) } };
  }
  const known = contracts.filter((c) => c.isActive).map((c) => names.get(c.id)!);
  return { ok: false, error: { code: "contract_unknown", value, known } };
}

function headerColumn(cell: string): ImportColumn | null {
  const key = foldKey(cell);
  for (const column of IMPORT_COLUMNS) if (COLUMN_ALIASES[column].includes(key)) return column;
  return null;
}

/**
 * Checks one line's cells on their own (nothing here depends on the database
 * but the contracts). `typed`: the same cells before readCell trimmed them
 * (String#trim would quietly drop a U+FEFF or U+2028 that must be refused).
 */
export function checkLine(
  line: number,
  cells: Record<ImportColumn, string>,
  contracts: readonly ImportContract[],
  typed: Record<ImportColumn, string> = cells,
): ImportLine {
  const errors: RowError[] = [];
  const raw = { email: cells.email, firstName: cells.prenom, lastName: cells.nom, phone: cells.telephone };
  const person = normalizePerson(raw);
  const checked = checkPerson(raw);
  const bad = new Set(checked.ok ? [] : checked.fields);
  const characters = personCharacters({ email: typed.email, firstName: typed.prenom, lastName: typed.nom, phone: typed.telephone });
  if (characters.email) errors.push({ code: "email_characters", codePoint: characters.email });
  else if (!person.email) errors.push({ code: "email_missing" });
  else if (bad.has("email")) errors.push({ code: "email_invalid", value: cells.email });
  else if (person.email.endsWith(`@${EXAMPLE_DOMAIN}`)) errors.push({ code: "email_example" });
  // An empty first name is for the plan to judge: fine for someone already known.
  if (characters.firstName) errors.push({ code: "first_name_characters", codePoint: characters.firstName });
  else if (bad.has("firstName") && person.firstName) errors.push({ code: "first_name_invalid" });
  if (characters.lastName) errors.push({ code: "last_name_characters", codePoint: characters.lastName });
  else if (bad.has("lastName")) errors.push({ code: "last_name_invalid" });
  if (characters.phone) errors.push({ code: "phone_characters", codePoint: characters.phone });
  else if (bad.has("phone")) errors.push({ code: "phone_invalid", value: cells.telephone });
  const contractCharacter = forbiddenCharacter(trimEnds(typed.contrat));
  if (contractCharacter) errors.push({ code: "contract_characters", codePoint: contractCharacter });

  let subscription: ImportSubscription | null = null;
  if (!cells.contrat) {
    if (cells.quantite || cells.debut || cells.fin) errors.push({ code: "contract_missing" });
  } else {
    const match = resolveContract(cells.contrat, contracts);
    if (!match.ok && !contractCharacter) errors.push(match.error);
    const quantity = cells.quantite === "" ? 1 : /^\d{1,3}$/.test(cells.quantite) ? Number(cells.quantite) : NaN;
    if (!(quantity >= 1 && quantity <= MAX_QUANTITY)) errors.push({ code: "quantity_invalid", value: cells.quantite });
    const startsOn = cells.debut ? parseDay(cells.debut) : null;
    const endsOn = cells.fin ? parseDay(cells.fin) : null;
    if (!cells.debut) errors.push({ code: "start_missing" });
    else if (!startsOn) errors.push({ code: "start_invalid", value: cells.debut });
    if (!cells.fin) errors.push({ code: "end_missing" });
    else if (!endsOn) errors.push({ code: "end_invalid", value: cells.fin });
    else if (startsOn && endsOn < startsOn) errors.push({ code: "end_before_start" });
    if (match.ok && startsOn && endsOn) {
      subscription = { contractId: match.contract.id, contract: match.name, quantity, startsOn, endsOn };
    }
  }
  return { line, cells, person, subscription, errors };
}

/** Reads the file: its header, then each line checked on its own. */
export function readImport(text: string, contracts: readonly ImportContract[]): ReadResult {
  const parsed = parseCsv(text);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  const [header, ...records] = parsed.records;
  if (!header) return { ok: false, error: { code: "no_rows" } };

  const positions = new Map<ImportColumn, number>();
  const ignoredColumns: string[] = [];
  header.cells.forEach((cell, index) => {
    const column = headerColumn(cell);
    if (column === null) {
      if (cell.trim()) ignoredColumns.push(cell.trim());
    } else if (positions.has(column)) {
      ignoredColumns.push(`\u0000${column}`); // marks the duplicate, reported below
    } else {
      positions.set(column, index);
    }
  });
  const duplicate = ignoredColumns.find((c) => c.startsWith("\u0000"));
  if (duplicate) return { ok: false, error: { code: "duplicate_column", column: duplicate.slice(1) as ImportColumn } };
  if (!positions.has("email")) return { ok: false, error: { code: "missing_email_column" } };

  const lines: ImportLine[] = [];
  for (const record of records) {
    const values = record.cells.map(readCell);
    if (values.every((v) => v === "")) continue;
    const byColumn = (all: readonly string[]) =>
      Object.fromEntries(
        IMPORT_COLUMNS.map((column) => [column, positions.has(column) ? (all[positions.get(column)!] ?? "") : ""]),
      ) as Record<ImportColumn, string>;
    const cells = byColumn(values);
    const lastUsed = values.findLastIndex((v) => v !== "");
    if (lastUsed >= header.cells.length) {
      lines.push({
        line: record.line,
        cells,
        person: normalizePerson({ email: cells.email, firstName: cells.prenom, lastName: cells.nom, phone: cells.telephone }),
        subscription: null,
        errors: [{ code: "too_many_cells", cells: lastUsed + 1, columns: header.cells.length }],
      });
      continue;
    }
    lines.push(checkLine(record.line, cells, contracts, byColumn(record.cells)));
  }
  if (lines.length === 0) return { ok: false, error: { code: "no_rows" } };
  return { ok: true, lines, ignoredColumns };
}

// ---------------------------------------------------------------------------
// The plan: what importing the valid lines would do, given what is known.

export type KnownPerson = { id: string; email: string; firstName: string; lastName: string; phone: string | null };
export type KnownSubscription = {
  id: number;
  userId: string;
  contractId: number;
  quantity: number;
  startsOn: string;
  endsOn: string;
};

export type PersonFill = Partial<Pick<PersonInput, "firstName" | "lastName" | "phone">>;

export type PersonStep = { kind: "create" } | { kind: "fill"; fill: PersonFill } | { kind: "keep" };
export type SubscriptionStep =
  | { kind: "none" }
  | { kind: "create" }
  | { kind: "quantity"; subscriptionId: number; from: number }
  | { kind: "keep" };

export type PlannedLine = ImportLine & { steps: { person: PersonStep; subscription: SubscriptionStep } | null };

export type ImportCounts = {
  /** Data lines read. */
  lines: number;
  /** Lines left out for their errors. */
  invalid: number;
  membersCreated: number;
  /** Known people whose empty name or phone a line fills in. */
  membersUpdated: number;
  subscriptionsCreated: number;
  /** Known subscriptions whose quantity a line changes. */
  subscriptionsUpdated: number;
  /** Valid lines with nothing to do. */
  unchanged: number;
};

export type ImportPlan = { lines: PlannedLine[]; counts: ImportCounts };

type PlannedSubscription = KnownSubscription & { fromLine: number | null };

/**
 * Goes through the lines in order, as the import will: a person is created
 * by the first valid line naming them and found by the next ones; a line
 * never overwrites a known name or phone; a subscription identical to a
 * known one (same person, contract, start and end) is kept, and one that
 * overlaps another period of the same contract is an error to fix by hand.
 */
export function planImport(
  lines: readonly ImportLine[],
  known: { people: readonly KnownPerson[]; subscriptions: readonly KnownSubscription[] },
): ImportPlan {
  const people = new Map<string, { id: string | null; firstName: string; lastName: string; phone: string; created: boolean }>();
  for (const p of known.people) {
    people.set(p.email.toLowerCase(), { id: p.id, firstName: p.firstName, lastName: p.lastName, phone: p.phone ?? "", created: false });
  }
  /** Subscriptions by person (email) — known ones and those planned by earlier lines. */
  const subscriptions = new Map<string, PlannedSubscription[]>();
  const emailOf = new Map(known.people.map((p) => [p.id, p.email.toLowerCase()]));
  for (const s of known.subscriptions) {
    const email = emailOf.get(s.userId);
    if (!email) continue;
    subscriptions.set(email, [...(subscriptions.get(email) ?? []), { ...s, fromLine: null }]);
  }

  const counts: ImportCounts = {
    lines: lines.length,
    invalid: 0,
    membersCreated: 0,
    membersUpdated: 0,
    subscriptionsCreated: 0,
    subscriptionsUpdated: 0,
    unchanged: 0,
  };
  const updatedPeople = new Set<string>();
  const planned: PlannedLine[] = [];

  for (const line of lines) {
    const errors = [...line.errors];
    const email = line.person.email;
    // Whether the person is known can only be told from a usable address.
    const isAddressUsable = !errors.some((e) => ERROR_COLUMN[e.code] === "email" || e.code === "too_many_cells");
    const current = isAddressUsable ? people.get(email) : undefined;
    if (isAddressUsable && !current && !line.person.firstName) errors.push({ code: "first_name_missing" });

    let subscriptionStep: SubscriptionStep = { kind: "none" };
    const sub = line.subscription;
    if (sub && errors.length === 0) {
      const same = (subscriptions.get(email) ?? []).filter((s) => s.contractId === sub.contractId);
      const identical = same.find((s) => s.startsOn === sub.startsOn && s.endsOn === sub.endsOn);
      const overlapping = same.find((s) => s !== identical && periodsOverlap(s, sub));
      if (identical?.fromLine != null) errors.push({ code: "duplicate_line", line: identical.fromLine });
      else if (overlapping?.fromLine != null) errors.push({ code: "overlap_line", line: overlapping.fromLine });
      else if (overlapping) errors.push({ code: "overlap", startsOn: overlapping.startsOn, endsOn: overlapping.endsOn });
      else if (identical && identical.quantity !== sub.quantity) {
        subscriptionStep = { kind: "quantity", subscriptionId: identical.id, from: identical.quantity };
      } else if (identical) subscriptionStep = { kind: "keep" };
      else subscriptionStep = { kind: "create" };
    }

    if (errors.length > 0) {
      counts.invalid++;
      planned.push({ ...line, errors, steps: null });
      continue;
    }

    let personStep: PersonStep;
    if (!current) {
      personStep = { kind: "create" };
      people.set(email, { id: null, ...line.person, created: true });
      counts.membersCreated++;
    } else {
      const fill: PersonFill = {};
      if (!current.firstName && line.person.firstName) fill.firstName = current.firstName = line.person.firstName;
      if (!current.lastName && line.person.lastName) fill.lastName = current.lastName = line.person.lastName;
      if (!current.phone && line.person.phone) fill.phone = current.phone = line.person.phone;
      personStep = Object.keys(fill).length > 0 ? { kind: "fill", fill } : { kind: "keep" };
      if (personStep.kind === "fill" && !current.created) updatedPeople.add(email);
    }

    if (sub && subscriptionStep.kind !== "none") {
      const list = subscriptions.get(email) ?? [];
      const existing = list.find((s) => s.contractId === sub.contractId && s.startsOn === sub.startsOn && s.endsOn === sub.endsOn);
      if (existing) existing.fromLine = line.line;
      else list.push({ id: 0, userId: "", ...sub, fromLine: line.line });
      subscriptions.set(email, list);
    }
    if (subscriptionStep.kind === "create") counts.subscriptionsCreated++;
    if (subscriptionStep.kind === "quantity") counts.subscriptionsUpdated++;
    if (personStep.kind === "keep" && (subscriptionStep.kind === "keep" || subscriptionStep.kind === "none")) counts.unchanged++;
    planned.push({ ...line, errors, steps: { person: personStep, subscription: subscriptionStep } });
  }
  counts.membersUpdated = updatedPeople.size;
  return { lines: planned, counts };
}

/** Whether importing would write anything. */
export function planChangesSomething(counts: ImportCounts): boolean {
  return counts.membersCreated + counts.membersUpdated + counts.subscriptionsCreated + counts.subscriptionsUpdated > 0;
}

export type TemplatePerson = { emailName: string; firstName: string; lastName: string; phone: string };

/**
 * The template offered for download: the header and two example lines to
 * replace (their addresses use EXAMPLE_DOMAIN) — one person with two
 * contracts when there are two to show, else two people.
 */
export function importTemplate(example: {
  contracts: readonly [string, ...string[]];
  people: readonly [TemplatePerson, TemplatePerson];
  startsOn: string;
  endsOn: string;
}): string[][] {
  const [first, second] = example.contracts;
  const [one, two] = example.people;
  const { startsOn, endsOn } = example;
  const email = (p: TemplatePerson) => `${p.emailName}@${EXAMPLE_DOMAIN}`;
  const secondLine = second
    ? [email(one), "", "", "", second, "2", startsOn, endsOn]
    : [email(two), two.firstName, two.lastName, two.phone, first, "1", startsOn, endsOn];
  return [[...IMPORT_COLUMNS], [email(one), one.firstName, one.lastName, one.phone, first, "1", startsOn, endsOn], secondLine];
}
