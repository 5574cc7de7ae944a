// What the calendar's actions share: lenient form fields (the rules, in the
// data layer, name what is wrong), and the answer to a form — a French
// message, each faulty field's message, and the typed values to show again.
import { parseId } from "@/lib/domain/ids";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { FieldsFormState } from "@/components/fields-form";
import type { CalendarField } from "@/lib/domain/calendar";
import { adminCalendarFr } from "@/lib/i18n/admin-calendar-fr";
import { textFr } from "@/lib/i18n/text-fr";
import type { CalendarResult } from "@/lib/server/admin/calendar/calendar";

const t = adminCalendarFr;

/** A text field: checked by the calendar rules, only bounded here. */
export const text = z.string().max(5000).default("");

/** A <select> of ids: null when nothing (or nonsense) is chosen. */
export const optionalId = z
  .string()
  .default("")
  .transform((raw) => parseId(raw));

/** Checked boxes of ids: none, one (a string) or several; nonsense becomes 0, which matches nothing. */
export const idList = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((raw) => [raw ?? []].flat().map((v) => parseId(v) ?? 0));

function typedValues(formData: FormData): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const key of new Set(formData.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const all = formData.getAll(key).filter((v): v is string => typeof v === "string").map((v) => v.slice(0, 2000));
    values[key] = all.length > 1 || key === "contractIds" ? all : (all[0] ?? "");
  }
  return values;
}

export function calendarAnswer<T>(
  result: CalendarResult<T>,
  formData: FormData,
  message: (value: T) => string,
): FieldsFormState {
  if (!result.ok) {
    const fields = Object.fromEntries(
      Object.entries(result.fields ?? {}).map(([field, error]) => [
        field,
        // An invisible character: the message names the field, since nobody can see what is wrong.
        error === "invalid_text" ? textFr.invalidCharacter(t.fields[field as CalendarField]) : t.fieldErrors[error],
      ]),
    );
    return { status: "error", message: t.refusals[result.refusal], fields, values: typedValues(formData) };
  }
  // Places and contracts show on every calendar page.
  revalidatePath("/admin/calendrier", "layout");
  return { status: "ok", message: message(result.value) };
}
