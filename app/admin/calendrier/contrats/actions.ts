"use server";
import { z } from "zod";
import type { ActionState } from "@/lib/action-state";
import type { FieldsFormState } from "@/components/fields-form";
import { adminCalendarFr } from "@/lib/i18n/admin-calendar-fr";
import { formId, handleAction } from "@/lib/server/runtime/action-kit";
import { addContract, editContract, setContractActive } from "@/lib/server/admin/calendar/calendar";
import { calendarAnswer, text } from "../form-answer";

const t = adminCalendarFr.contracts;
const contractFields = z.object({ product: text, producer: text, size: text, price: text });

export async function addContractAction(_prev: FieldsFormState, formData: FormData): Promise<FieldsFormState> {
  return handleAction(formData, contractFields, async (viewer, input) =>
    calendarAnswer(await addContract(viewer, input), formData, () => t.added),
  );
}

export async function editContractAction(_prev: FieldsFormState, formData: FormData): Promise<FieldsFormState> {
  return handleAction(formData, contractFields.extend({ contractId: formId }), async (viewer, { contractId, ...input }) =>
    calendarAnswer(await editContract(viewer, contractId, input), formData, () => t.saved),
  );
}

export async function setContractActiveAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const schema = z.object({ contractId: formId, active: z.enum(["0", "1"]) });
  return handleAction(formData, schema, async (viewer, { contractId, active }) =>
    calendarAnswer(await setContractActive(viewer, contractId, active === "1"), formData, () =>
      active === "1" ? t.reactivated : t.deactivated,
    ),
  );
}
