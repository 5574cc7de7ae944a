"use server";
import { parseId } from "@/lib/domain/ids";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import type { ActionState } from "@/lib/action-state";
import type { MemberFormState } from "@/components/member-form";
import type { SubscriptionFormState } from "@/components/subscription-form";
import { adminMembersFr } from "@/lib/i18n/admin-members-fr";
import { formId, handleAction } from "@/lib/server/runtime/action-kit";
import {
  addSubscription,
  endSubscription,
  updateMember,
  updateSubscription,
  type MemberResult,
} from "@/lib/server/admin/members/members";
import type { OffersWithdrawn } from "@/lib/server/admin/members/member-notices";
import { refusalMessage } from "../refusal-message";

const t = adminMembersFr;

const text = z.string().max(400).default("");
const userId = z.string().uuid();

/** The typed values, sent back on error so the form keeps them. */
function typed(formData: FormData, names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((k) => [k, String(formData.get(k) ?? "").slice(0, 400)]));
}

function answer<T>(result: MemberResult<T>, message: (value: T) => string, values: Record<string, string>) {
  if (!result.ok) {
    const fields = result.fields ?? (result.refusal === "email_taken" ? ["email"] : result.refusal === "overlap" ? ["startsOn", "endsOn"] : []);
    return { status: "error" as const, message: refusalMessage(result), fields, values };
  }
  // The list shows names and current subscriptions, the person's page all of it.
  revalidatePath("/admin/amapiens", "layout");
  return { status: "ok" as const, message: message(result.value) };
}

/** What changed beyond the subscription: baskets withdrawn, people emailed. */
const withdrawn = (done: string) => (v: OffersWithdrawn) => [done, t.subscriptions.offersWithdrawn(v.offersCancelled, v.peopleNotified)].filter(Boolean).join(" ");

const personFields = ["email", "firstName", "lastName", "phone"];

export async function updateMemberAction(_prev: MemberFormState, formData: FormData): Promise<MemberFormState> {
  const schema = z.object({ userId, email: text, firstName: text, lastName: text, phone: text });
  return handleAction(formData, schema, async (viewer, { userId, ...person }) =>
    answer(
      await updateMember(viewer, userId, person),
      (v) => (v.emailChanged ? `${t.person.saved} ${t.person.emailChanged}` : t.person.saved),
      typed(formData, personFields),
    ),
  );
}

const subscriptionFields = ["contractId", "quantity", "startsOn", "endsOn"];
/** Numbers stay text here: checkSubscription names a bad one as a field to fix. A quantity may come with spaces around it; an id (a <select>'s value) not. */
const toNumber = (value: string) => (/^\d{1,9}$/.test(value.trim()) ? Number(value.trim()) : NaN);
const toId = (value: string) => parseId(value) ?? NaN;

export async function addSubscriptionAction(_prev: SubscriptionFormState, formData: FormData): Promise<SubscriptionFormState> {
  const schema = z.object({ userId, contractId: text, quantity: text, startsOn: text, endsOn: text });
  return handleAction(formData, schema, async (viewer, input) =>
    answer(
      await addSubscription(viewer, input.userId, {
        contractId: toId(input.contractId),
        quantity: toNumber(input.quantity),
        startsOn: input.startsOn,
        endsOn: input.endsOn,
      }),
      () => t.subscriptions.added,
      typed(formData, subscriptionFields),
    ),
  );
}

export async function updateSubscriptionAction(_prev: SubscriptionFormState, formData: FormData): Promise<SubscriptionFormState> {
  const schema = z.object({ subscriptionId: formId, quantity: text, startsOn: text, endsOn: text });
  return handleAction(formData, schema, async (viewer, input) =>
    answer(
      await updateSubscription(viewer, input.subscriptionId, {
        quantity: toNumber(input.quantity),
        startsOn: input.startsOn,
        endsOn: input.endsOn,
      }),
      withdrawn(t.subscriptions.updated),
      typed(formData, subscriptionFields),
    ),
  );
}

export async function endSubscriptionAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const schema = z.object({ subscriptionId: formId, endsOn: text });
  return handleAction(formData, schema, async (viewer, input) => {
    const result = await endSubscription(viewer, input.subscriptionId, input.endsOn);
    if (!result.ok && result.refusal === "invalid_subscription") return { status: "error", message: t.subscriptions.endInvalid };
    const { status, message } = answer(result, withdrawn(t.subscriptions.ended), {});
    return { status, message };
  });
}
