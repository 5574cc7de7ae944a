"use server";
import { z } from "zod";
import type { FieldsFormState } from "@/components/fields-form";
import { adminCalendarFr } from "@/lib/i18n/admin-calendar-fr";
import { formId, handleAction } from "@/lib/server/runtime/action-kit";
import { addPlace, editPlace } from "@/lib/server/admin/calendar/calendar";
import { calendarAnswer, text } from "../form-answer";

const t = adminCalendarFr.places;
const placeFields = z.object({ name: text, address: text, accessNotes: text });

export async function addPlaceAction(_prev: FieldsFormState, formData: FormData): Promise<FieldsFormState> {
  return handleAction(formData, placeFields, async (viewer, input) =>
    calendarAnswer(await addPlace(viewer, input), formData, () => t.added),
  );
}

export async function editPlaceAction(_prev: FieldsFormState, formData: FormData): Promise<FieldsFormState> {
  return handleAction(formData, placeFields.extend({ placeId: formId }), async (viewer, { placeId, ...input }) =>
    calendarAnswer(await editPlace(viewer, placeId, input), formData, () => t.saved),
  );
}
