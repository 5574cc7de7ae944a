"use server";
import { redirect } from "next/navigation";
import { z } from "zod";
import type { FieldsFormState } from "@/components/fields-form";
import { CALENDAR_WINDOW_MONTHS, isInMonths, monthOf, parseMonth } from "@/lib/domain/calendar";
import { formatSlot, parisDate } from "@/lib/domain/time";
import { adminCalendarFr } from "@/lib/i18n/admin-calendar-fr";
import { formId, handleAction } from "@/lib/server/runtime/action-kit";
import {
  addDistributionDate,
  cancelDistribution,
  cancelRemainingOffers,
  generateSeries,
  moveDistribution,
  setDeliveredContracts,
  type CalendarResult,
  type CancelOutcome,
} from "@/lib/server/admin/calendar/calendar";
import { calendarAnswer, idList, optionalId, text } from "./form-answer";
import { flashHref } from "./flash";
import { inRequestSpace } from "@/lib/server/core/request-amap";

const t = adminCalendarFr.distributions;

/** The month the page showed when the form was sent (hidden field), or this month. */
const shownMonth = z
  .string()
  .optional()
  .transform((raw) => parseMonth(raw) ?? monthOf(parisDate(new Date())));

export async function generateSeriesAction(_prev: FieldsFormState, formData: FormData): Promise<FieldsFormState> {
  const schema = z.object({ placeId: optionalId, weekday: text, from: text, to: text, start: text, end: text, contractIds: idList });
  return handleAction(formData, schema, async (viewer, input) =>
    calendarAnswer(await generateSeries(viewer, input), formData, (v) => t.seriesDone(v.created, v.skipped.length)),
  );
}

export async function addDateAction(_prev: FieldsFormState, formData: FormData): Promise<FieldsFormState> {
  const schema = z.object({ placeId: optionalId, date: text, start: text, end: text, contractIds: idList });
  return handleAction(formData, schema, async (viewer, input) =>
    calendarAnswer(await addDistributionDate(viewer, input), formData, (v) => t.added(formatSlot(v.startsAt, v.endsAt))),
  );
}

export async function deliveredContractsAction(_prev: FieldsFormState, formData: FormData): Promise<FieldsFormState> {
  const schema = z.object({ distributionId: formId, contractIds: idList });
  return handleAction(formData, schema, async (viewer, { distributionId, contractIds }) =>
    calendarAnswer(await setDeliveredContracts(viewer, distributionId, contractIds), formData, () => t.contractsSaved),
  );
}

/**
 * Runs a command whose success changes the card the form sits in beyond
 * recognition (cancelled, or moved out of the months shown): then the page is
 * loaded again at that card, which tells what was done (redirect() last,
 * outside any try).
 */
async function actThenShow<T>(
  formData: FormData,
  act: () => Promise<CalendarResult<T>>,
  target: (value: T) => string | null,
  message: (value: T) => string,
): Promise<FieldsFormState> {
  const result = await act();
  const state = calendarAnswer(result, formData, message);
  const href = result.ok ? target(result.value) : null;
  if (href) redirect(await inRequestSpace(href));
  return state;
}

export async function moveAction(_prev: FieldsFormState, formData: FormData): Promise<FieldsFormState> {
  const schema = z.object({ distributionId: formId, date: text, start: text, end: text, mois: shownMonth });
  return handleAction(formData, schema, async (viewer, { distributionId, mois, ...slot }) =>
    actThenShow(
      formData,
      () => moveDistribution(viewer, distributionId, slot),
      (v) => {
        const date = parisDate(v.startsAt);
        return isInMonths(date, mois, CALENDAR_WINDOW_MONTHS)
          ? null
          : flashHref(monthOf(date), distributionId, { kind: "moved", peopleNotified: v.peopleNotified });
      },
      ({ startsAt, endsAt, peopleNotified }) => t.moved(formatSlot(startsAt, endsAt), peopleNotified),
    ),
  );
}

const cancelMessage = (v: CancelOutcome) =>
  v.offersLeft > 0 ? t.cancelIncomplete(v.offersLeft, v.peopleNotified) : t.cancelDone(v.offersCancelled, v.peopleNotified);

export async function cancelAction(_prev: FieldsFormState, formData: FormData): Promise<FieldsFormState> {
  const schema = z.object({ distributionId: formId, reason: text, mois: shownMonth });
  return handleAction(formData, schema, async (viewer, { distributionId, reason, mois }) =>
    actThenShow(
      formData,
      () => cancelDistribution(viewer, distributionId, reason),
      (v) => flashHref(mois, distributionId, { kind: "cancelled", ...v }),
      cancelMessage,
    ),
  );
}

export async function cancelRemainingAction(_prev: FieldsFormState, formData: FormData): Promise<FieldsFormState> {
  const schema = z.object({ distributionId: formId, mois: shownMonth });
  return handleAction(formData, schema, async (viewer, { distributionId, mois }) =>
    actThenShow(
      formData,
      () => cancelRemainingOffers(viewer, distributionId),
      (v) => flashHref(mois, distributionId, { kind: "cancelled", ...v }),
      cancelMessage,
    ),
  );
}
