"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ImportPreviewRow, ImportState } from "@/components/member-import";
import { CSV_MAX_CHARS, decodeCsvBytes } from "@/lib/domain/csv";
import { ERROR_COLUMN, planChangesSomething, type PlannedLine } from "@/lib/domain/member-import";
import { adminMembersFr } from "@/lib/i18n/admin-members-fr";
import { answerFailures, hasNulByte, redirectToSignIn } from "@/lib/server/runtime/action-kit";
import { getViewer } from "@/lib/server/auth/auth";
import { importMembers, previewImport } from "@/lib/server/admin/members/members";

const t = adminMembersFr.import;

const schema = z.object({
  intent: z.enum(["verifier", "importer"]),
  // Over the cap by a little, so the parser names the problem instead of the form.
  csv: z.string().max(CSV_MAX_CHARS + 10).default(""),
});

/** The file if one was chosen, else the pasted text. */
async function readInput(formData: FormData, pasted: string): Promise<string | { tooLarge: true }> {
  const file = formData.get("file");
  if (file instanceof File && file.size > 0) {
    // Four bytes a character at most in UTF-8: beyond that it cannot fit the cap.
    if (file.size > CSV_MAX_CHARS * 4) return { tooLarge: true };
    return decodeCsvBytes(new Uint8Array(await file.arrayBuffer()));
  }
  return pasted;
}

function describe(line: PlannedLine): ImportPreviewRow {
  const { cells, subscription } = line;
  const name = `${cells.prenom} ${cells.nom}`.trim();
  const who = name ? `${name} — ${cells.email}` : cells.email;
  const what = subscription
    ? `${adminMembersFr.subscriptions.line(subscription.contract, subscription.quantity)}, ${adminMembersFr.subscriptions.period(subscription.startsOn, subscription.endsOn)}`
    : cells.contrat
      ? [cells.contrat, cells.quantite, cells.debut, cells.fin].filter(Boolean).join(" · ")
      : t.withoutContract;
  if (!line.steps) {
    return { line: line.line, who, what, ok: false, messages: line.errors.map((e) => ({ column: ERROR_COLUMN[e.code], text: t.rowError(e) })) };
  }
  const { person, subscription: step } = line.steps;
  const personText =
    person.kind === "fill"
      ? `${t.personSteps.fill} (${(Object.keys(person.fill) as (keyof typeof t.filledFields)[]).map((f) => t.filledFields[f]).join(", ")})`
      : t.personSteps[person.kind];
  const stepText = step.kind === "quantity" ? `${t.subscriptionSteps.quantity} (${step.from} → ${subscription!.quantity})` : t.subscriptionSteps[step.kind];
  return { line: line.line, who, what, ok: true, messages: [{ column: null, text: [personText, stepText].filter(Boolean).join(" · ") }] };
}

// Not handleAction(): the answer here is the import's own state, with the text kept.
export async function importAction(_prev: ImportState, formData: FormData): Promise<ImportState> {
  const pasted = formData.get("csv");
  // On failure the pasted text stays in the box, to send again.
  const csv = typeof pasted === "string" && pasted.length <= CSV_MAX_CHARS ? pasted : "";
  return answerFailures(() => importForm(formData), (message) => ({ status: "error", message, csv }));
}

async function importForm(formData: FormData): Promise<ImportState> {
  const viewer = await getViewer();
  if (!viewer) return redirectToSignIn();
  if (hasNulByte(formData)) return { status: "error", message: t.invalidInput, csv: "" };
  const pasted = formData.get("csv");
  const parsed = schema.safeParse({ intent: formData.get("intent"), csv: typeof pasted === "string" ? pasted : undefined });
  if (!parsed.success) return { status: "error", message: t.invalidInput, csv: "" };
  const input = parsed.data;
  const text = input.intent === "verifier" ? await readInput(formData, input.csv) : input.csv;
  if (typeof text !== "string") return { status: "error", message: t.fileTooLarge, csv: "" };
  if (!text.trim()) return { status: "error", message: t.noInput, csv: "" };

  if (input.intent === "verifier") {
    const preview = await previewImport(viewer, text);
    if (!preview) return { status: "error", message: adminMembersFr.refusals.not_referent, csv: "" };
    // The text goes back with every answer: shown in the box, and sent again by "Importer".
    const csv = text.length <= CSV_MAX_CHARS ? text : "";
    if (!preview.ok) return { status: "error", message: t.fileError(preview.error), csv };
    const hasValid = preview.counts.invalid < preview.counts.lines;
    return {
      status: "preview",
      csv,
      summary: t.summary(preview.counts),
      notes: preview.ignoredColumns.length ? [t.ignoredColumns(preview.ignoredColumns)] : [],
      rows: preview.lines.map(describe),
      blocked: planChangesSomething(preview.counts) ? null : hasValid ? t.nothingNew : t.noValidLine,
    };
  }

  const result = await importMembers(viewer, text);
  if (!result.ok) {
    const message = result.refusal === "invalid_file" ? t.fileError(result.error) : adminMembersFr.refusals[result.refusal];
    return { status: "error", message, csv: text };
  }
  revalidatePath("/admin/amapiens");
  const { counts, invalidLines } = result.value;
  const message = planChangesSomething(counts) ? t.done(counts, invalidLines) : t.doneNothing;
  return { status: "done", message, csv: text };
}
