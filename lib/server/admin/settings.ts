import "server-only";
// The AMAP's settings, edited by référents: one row, one transaction, one audit event.
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { events, settings, type Settings } from "@/db/schema";
import { parseReminderSlots } from "@/lib/domain/reminders";
import { forbiddenCharacter, trimEnds } from "@/lib/domain/text";
import type { Viewer } from "../auth";
import { isReferent, referentRead } from "../auth";

export type SettingsInput = Record<
  | "amapName"
  | "contactEmail"
  | "replyTo"
  | "offerCloseHours"
  | "decisionReminderHours"
  | "autoAcceptHours"
  | "intermittentReminders"
  | "practicalRules"
  | "retentionMonths"
  | "emailLogRetentionDays"
  | "usedLinkRetentionDays"
  | "joinRequestRetentionDays"
  | "partnerDelayHours",
  string
>;

export type SettingsField = keyof SettingsInput;

const EMAIL = /^[^\s@<>()[\],;:"\\]+@[^\s@<>()[\],;:"\\]+\.[^\s@<>()[\],;:"\\]{2,}$/;

function whole(text: string, min: number, max: number): number | null {
  if (!/^\d{1,4}$/.test(text.trim())) return null;
  const n = Number(text.trim());
  return n >= min && n <= max ? n : null;
}

export function checkSettings(input: SettingsInput):
  | { ok: true; values: Omit<Settings, "id" | "amapId" | "updatedAt"> }
  | { ok: false; fields: SettingsField[] } {
  const fields: SettingsField[] = [];
  // Text shown to everyone holds no control, format or separator character (lib/domain/text.ts).
  for (const [field, multiline] of [["amapName", false], ["contactEmail", false], ["replyTo", false], ["practicalRules", true]] as const) {
    if (forbiddenCharacter(trimEnds(input[field]), { multiline })) fields.push(field);
  }
  const amapName = input.amapName.trim().replace(/\s+/g, " ");
  if (!amapName || amapName.length > 120) fields.push("amapName");
  const contactEmail = input.contactEmail.trim().toLowerCase();
  if (contactEmail && !EMAIL.test(contactEmail)) fields.push("contactEmail");
  const replyTo = input.replyTo.trim().toLowerCase();
  if (replyTo && !EMAIL.test(replyTo)) fields.push("replyTo");
  const offerCloseHours = whole(input.offerCloseHours, 0, 336);
  if (offerCloseHours === null) fields.push("offerCloseHours");
  const decisionReminderHours = whole(input.decisionReminderHours, 1, 168);
  if (decisionReminderHours === null) fields.push("decisionReminderHours");
  const autoAcceptHours = input.autoAcceptHours.trim() === "" ? null : whole(input.autoAcceptHours, 1, 72);
  if (input.autoAcceptHours.trim() !== "" && autoAcceptHours === null) fields.push("autoAcceptHours");
  const intermittentReminders = parseReminderSlots(input.intermittentReminders);
  if (!intermittentReminders) fields.push("intermittentReminders");
  const practicalRules = input.practicalRules.replace(/\r\n/g, "\n").trim();
  if (practicalRules.length > 4000) fields.push("practicalRules");
  const partnerDelayHours = whole(input.partnerDelayHours, 1, 336);
  if (partnerDelayHours === null) fields.push("partnerDelayHours");
  const retentionMonths = whole(input.retentionMonths, 1, 120);
  if (retentionMonths === null) fields.push("retentionMonths");
  const days = {
    emailLogRetentionDays: whole(input.emailLogRetentionDays, 7, 3650),
    usedLinkRetentionDays: whole(input.usedLinkRetentionDays, 7, 3650),
    joinRequestRetentionDays: whole(input.joinRequestRetentionDays, 7, 3650),
  };
  for (const [field, value] of Object.entries(days)) if (value === null) fields.push(field as SettingsField);
  if (fields.length > 0) return { ok: false, fields: [...new Set(fields)] };
  return {
    ok: true,
    values: {
      amapName,
      contactEmail,
      replyTo,
      offerCloseHours: offerCloseHours!,
      decisionReminderHours: decisionReminderHours!,
      autoAcceptHours,
      intermittentReminders: intermittentReminders!,
      practicalRules,
      retentionMonths: retentionMonths!,
      emailLogRetentionDays: days.emailLogRetentionDays!,
      usedLinkRetentionDays: days.usedLinkRetentionDays!,
      joinRequestRetentionDays: days.joinRequestRetentionDays!,
      partnerDelayHours: partnerDelayHours!,
    },
  };
}

export function readSettingsForEdit(viewer: Viewer | null): Promise<Settings | null> {
  return referentRead(viewer, async (ex) => (await ex.select().from(settings).where(eq(settings.amapId, viewer!.amapId)))[0] ?? null);
}

export type SettingsResult = { ok: true } | { ok: false; refusal: "not_referent" } | { ok: false; refusal: "invalid"; fields: SettingsField[] };

export async function updateSettings(viewer: Viewer, input: SettingsInput): Promise<SettingsResult> {
  const checked = checkSettings(input);
  const db = await getDb();
  return db.transaction(async (tx) => {
    if (!(await isReferent(tx, viewer))) return { ok: false, refusal: "not_referent" } as const;
    if (!checked.ok) return { ok: false, refusal: "invalid", fields: checked.fields } as const;
    const [before] = await tx.select().from(settings).where(eq(settings.amapId, viewer.amapId)).for("update");
    await tx.update(settings).set({ ...checked.values, updatedAt: sql`now()` }).where(eq(settings.amapId, viewer.amapId));
    const changed = Object.keys(checked.values).filter(
      (key) => JSON.stringify(before?.[key as keyof Settings]) !== JSON.stringify(checked.values[key as keyof typeof checked.values]),
    );
    await tx.insert(events).values({ amapId: viewer.amapId, actorId: viewer.userId, action: "settings.update", data: { changed } });
    return { ok: true } as const;
  });
}
