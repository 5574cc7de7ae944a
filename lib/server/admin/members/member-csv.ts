import "server-only";
// The members' CSV files, for the référents: the import (a preview that
// writes nothing, then one transaction for all valid lines), the export and
// the template.
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { getDb, type Executor } from "@/db/client";
import * as s from "@/db/schema";
import { toCsv } from "@/lib/domain/csv";
import {
  contractNames,
  importTemplate,
  IMPORT_COLUMNS,
  planChangesSomething,
  planImport,
  readImport,
  type FileError,
  type ImportCounts,
  type KnownPerson,
  type KnownSubscription,
  type PlannedLine,
} from "@/lib/domain/member-import";
import { addDays, parisDate } from "@/lib/domain/time";
import { adminMembersFr } from "@/lib/i18n/admin-members-fr";
import type { Viewer } from "../../auth";
import { isReferent } from "../../auth";
import { event, knownIn, loadContracts, referentCommand } from "./member-kit";
// ---------------------------------------------------------------------------
// The CSV import.

export type ImportPreview =
  | { ok: true; lines: PlannedLine[]; counts: ImportCounts; ignoredColumns: string[] }
  | { ok: false; error: FileError };

export type ImportResult =
  | { ok: true; value: { counts: ImportCounts; invalidLines: number[] } }
  | { ok: false; refusal: "not_referent" | "conflict" }
  | { ok: false; refusal: "invalid_file"; error: FileError };

/**
 * The people the lines name (by address, any case) and their subscriptions in
 * the AMAP; locked when `lock`. An account only other AMAPs know is the same
 * person (one account per address): a line adds to it, never overwriting what
 * is filled in, and nothing of the other AMAPs is read.
 */
async function loadKnown(ex: Executor, amapId: number, emails: string[], lock: boolean) {
  if (emails.length === 0) return { people: [] as KnownPerson[], subscriptions: [] as KnownSubscription[] };
  const query = ex
    .select({
      id: s.users.id,
      email: s.users.email,
      firstName: s.users.firstName,
      lastName: s.users.lastName,
      phone: s.users.phone,
    })
    .from(s.users)
    .where(inArray(sql`lower(${s.users.email})`, emails))
    .orderBy(asc(s.users.id));
  const people = lock ? await query.for("update") : await query;
  const subscriptions =
    people.length === 0
      ? []
      : await ex
          .select({
            id: s.subscriptions.id,
            userId: s.subscriptions.userId,
            contractId: s.subscriptions.contractId,
            quantity: s.subscriptions.quantity,
            startsOn: s.subscriptions.startsOn,
            endsOn: s.subscriptions.endsOn,
          })
          .from(s.subscriptions)
          .where(and(eq(s.subscriptions.amapId, amapId), inArray(s.subscriptions.userId, people.map((p) => p.id))));
  return { people, subscriptions };
}

async function planFor(ex: Executor, amapId: number, csvText: string, lock: boolean) {
  const read = readImport(csvText, await loadContracts(ex, amapId));
  if (!read.ok) return read;
  const emails = [...new Set(read.lines.map((l) => l.person.email).filter((e) => e.length > 0 && e.length <= 254))];
  const known = await loadKnown(ex, amapId, emails, lock);
  return { ok: true as const, ...planImport(read.lines, known), ignoredColumns: read.ignoredColumns, known };
}

/** What importing `csvText` would do, line by line. Writes nothing. Null for anyone but a référent. */
export async function previewImport(viewer: Viewer, csvText: string): Promise<ImportPreview | null> {
  const db = await getDb();
  if (!(await isReferent(db, viewer))) return null;
  const plan = await planFor(db, viewer.amapId, csvText, false);
  if (!plan.ok) return plan;
  return { ok: true, lines: plan.lines, counts: plan.counts, ignoredColumns: plan.ignoredColumns };
}

const CHUNK = 500;

/**
 * Imports every valid line of `csvText` in one transaction (lines with
 * errors are left out and named). Re-importing the same text changes
 * nothing and records nothing.
 */
export async function importMembers(viewer: Viewer, csvText: string): Promise<ImportResult> {
  const result = await referentCommand(viewer, "conflict", async (tx): Promise<ImportResult> => {
    // One import at a time: two overlapping files must not both create the same person.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('member.import'))`);
    const plan = await planFor(tx, viewer.amapId, csvText, true);
    if (!plan.ok) return { ok: false, refusal: "invalid_file", error: plan.error };
    const invalidLines = plan.lines.filter((l) => l.steps === null).map((l) => l.line);
    if (!planChangesSomething(plan.counts)) return { ok: true, value: { counts: plan.counts, invalidLines } };

    const valid = plan.lines.filter((l) => l.steps !== null);
    const ids = new Map(plan.known.people.map((p) => [p.email.toLowerCase(), p.id]));

    const creates = valid.filter((l) => l.steps!.person.kind === "create").map((l) => l.person);
    for (let i = 0; i < creates.length; i += CHUNK) {
      const inserted = await tx
        .insert(s.users)
        .values(
          creates.slice(i, i + CHUNK).map((p) => ({
            email: p.email,
            firstName: p.firstName,
            lastName: p.lastName,
            name: `${p.firstName} ${p.lastName}`.trim(),
            phone: p.phone || null,
          })),
        )
        .returning({ id: s.users.id, email: s.users.email });
      for (const row of inserted) ids.set(row.email, row.id);
    }

    for (const l of valid) {
      const step = l.steps!.person;
      if (step.kind !== "fill") continue;
      const id = ids.get(l.person.email)!;
      // Each field only where it is still empty: a line never overwrites what someone typed.
      if (step.fill.firstName) await tx.update(s.users).set({ firstName: step.fill.firstName }).where(and(eq(s.users.id, id), eq(s.users.firstName, "")));
      if (step.fill.lastName) await tx.update(s.users).set({ lastName: step.fill.lastName }).where(and(eq(s.users.id, id), eq(s.users.lastName, "")));
      if (step.fill.phone) {
        await tx
          .update(s.users)
          .set({ phone: step.fill.phone })
          .where(and(eq(s.users.id, id), sql`coalesce(${s.users.phone}, '') = ''`));
      }
      await tx
        .update(s.users)
        .set({ name: sql`trim(${s.users.firstName} || ' ' || ${s.users.lastName})` })
        .where(eq(s.users.id, id));
    }

    const newSubscriptions = valid
      .filter((l) => l.steps!.subscription.kind === "create")
      .map((l) => ({
        amapId: viewer.amapId,
        userId: ids.get(l.person.email)!,
        contractId: l.subscription!.contractId,
        quantity: l.subscription!.quantity,
        startsOn: l.subscription!.startsOn,
        endsOn: l.subscription!.endsOn,
      }));
    for (let i = 0; i < newSubscriptions.length; i += CHUNK) {
      await tx.insert(s.subscriptions).values(newSubscriptions.slice(i, i + CHUNK));
    }
    for (const l of valid) {
      const step = l.steps!.subscription;
      if (step.kind !== "quantity") continue;
      await tx
        .update(s.subscriptions)
        .set({ quantity: l.subscription!.quantity })
        .where(and(eq(s.subscriptions.id, step.subscriptionId), eq(s.subscriptions.amapId, viewer.amapId)));
    }

    await event(tx, viewer, "member.import", null, { ...plan.counts, invalidLines });
    return { ok: true, value: { counts: plan.counts, invalidLines } };
  });
  return result as ImportResult;
}

// ---------------------------------------------------------------------------
// The CSV files.

/** Everyone the AMAP knows, one line per subscription in it (one line without a contract for someone with none), in the import's format. */
export async function exportMembersCsv(viewer: Viewer): Promise<string | null> {
  const db = await getDb();
  if (!(await isReferent(db, viewer))) return null;
  const contracts = await loadContracts(db, viewer.amapId);
  const names = contractNames(contracts);
  const rows = await db
    .select({
      email: s.users.email,
      firstName: s.users.firstName,
      lastName: s.users.lastName,
      phone: s.users.phone,
      contractId: s.subscriptions.contractId,
      quantity: s.subscriptions.quantity,
      startsOn: s.subscriptions.startsOn,
      endsOn: s.subscriptions.endsOn,
    })
    .from(s.users)
    .leftJoin(s.subscriptions, and(eq(s.subscriptions.userId, s.users.id), eq(s.subscriptions.amapId, viewer.amapId)))
    .where(knownIn(viewer.amapId))
    .orderBy(
      sql`lower(${s.users.lastName})`,
      sql`lower(${s.users.firstName})`,
      asc(s.users.email),
      asc(s.subscriptions.startsOn),
      asc(s.subscriptions.contractId),
      asc(s.subscriptions.id),
    );
  const lines = rows.map((r) => [
    r.email,
    r.firstName,
    r.lastName,
    r.phone ?? "",
    r.contractId === null ? "" : (names.get(r.contractId) ?? ""),
    r.quantity === null ? "" : String(r.quantity),
    r.startsOn ?? "",
    r.endsOn ?? "",
  ]);
  return toCsv([[...IMPORT_COLUMNS], ...lines]);
}

/** The import template, with this AMAP's contracts in its example lines (null for anyone but a référent). */
export async function memberTemplateCsv(viewer: Viewer, now = new Date()): Promise<string | null> {
  const db = await getDb();
  if (!(await isReferent(db, viewer))) return null;
  const contracts = await loadContracts(db, viewer.amapId);
  const names = contractNames(contracts);
  const active = contracts.filter((c) => c.isActive).map((c) => names.get(c.id)!);
  const [first = adminMembersFr.import.templateExample.contracts[0], ...others] = active;
  const examples = active.length > 0 ? ([first, ...others.slice(0, 1)] as const) : adminMembersFr.import.templateExample.contracts;
  const today = parisDate(now);
  return toCsv(
    importTemplate({ contracts: examples, people: adminMembersFr.import.templateExample.people, startsOn: today, endsOn: addDays(today, 182) }),
  );
}
