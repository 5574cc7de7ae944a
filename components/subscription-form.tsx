"use client";
// A subscription for the référents: a new one (contract, quantity, period)
// or a correction of one (quantity, period). Works without JavaScript.
import { useActionState } from "react";
import { adminMembersFr } from "@/lib/i18n/admin-members-fr";
import type { ActionState } from "../lib/action-state";
import { Alert, Button } from "./ui";

type Field = "contractId" | "quantity" | "startsOn" | "endsOn";

export type SubscriptionFormState = ActionState & { fields?: string[]; values?: Partial<Record<Field, string>> };

type Props = {
  action: (state: SubscriptionFormState, formData: FormData) => Promise<SubscriptionFormState>;
  submit: string;
  idPrefix: string;
  hidden: Record<string, string | number>;
  /** Offered only when adding: the contract cannot change afterwards. */
  contracts?: { id: number; name: string }[];
  initial?: Partial<Record<Field, string>>;
};

const t = adminMembersFr.subscriptions;
const inputClass = "min-h-11 w-full rounded-md border border-muted/40 bg-white px-3 text-base";

export function SubscriptionForm({ action, submit, idPrefix, hidden, contracts, initial = {} }: Props) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  const bad = new Set(state.status === "error" ? (state.fields ?? []) : []);
  const values = state.status === "error" && state.values ? state.values : initial;
  const described = (name: Field) => ({
    "aria-invalid": bad.has(name) || undefined,
    "aria-describedby": bad.has(name) ? `${idPrefix}-${name}-error` : undefined,
  });
  const label = (name: Field) => (
    <label htmlFor={`${idPrefix}-${name}`} className="font-semibold">
      {t.fields[name]}
    </label>
  );
  const error = (name: Field) =>
    bad.has(name) ? (
      <p id={`${idPrefix}-${name}-error`} className="text-sm text-red-800">
        {t.fieldErrors[name]}
      </p>
    ) : null;
  return (
    <form action={formAction} className="flex flex-col gap-3" noValidate>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {contracts ? (
        <div className="flex flex-col gap-1">
          {label("contractId")}
          <select id={`${idPrefix}-contractId`} name="contractId" required defaultValue={values.contractId ?? ""} className={inputClass} {...described("contractId")}>
            <option value="">{t.chooseContract}</option>
            {contracts.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
          {error("contractId")}
        </div>
      ) : null}
      <div className="flex flex-col gap-1">
        {label("quantity")}
        <input
          id={`${idPrefix}-quantity`}
          name="quantity"
          type="number"
          inputMode="numeric"
          min={1}
          max={99}
          required
          defaultValue={values.quantity ?? "1"}
          className={inputClass}
          {...described("quantity")}
        />
        {error("quantity")}
      </div>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        {(["startsOn", "endsOn"] as const).map((name) => (
          <div key={name} className="flex min-w-0 flex-col gap-1">
            {label(name)}
            <input id={`${idPrefix}-${name}`} name={name} type="date" required defaultValue={values[name] ?? ""} className={inputClass} {...described(name)} />
            {error(name)}
          </div>
        ))}
      </div>
      {state.status !== "idle" ? <Alert kind={state.status === "error" ? "error" : "info"}>{state.message}</Alert> : null}
      <Button type="submit" disabled={pending} className="w-full sm:w-auto">
        {submit}
      </Button>
    </form>
  );
}
