"use client";
// A person's details for the référents: adding someone to the AMAP, or
// correcting an address, a name or a phone. Works without JavaScript.
import { useActionState } from "react";
import { adminMembersFr } from "@/lib/i18n/admin-members-fr";
import type { ActionState } from "./action-state";
import { Alert, Button } from "./ui";

type Field = "email" | "firstName" | "lastName" | "phone";

/** On error the typed values come back, so the form (reset by React after each action) keeps them. */
export type MemberFormState = ActionState & { fields?: string[]; values?: Partial<Record<Field, string>> };

type Props = {
  action: (state: MemberFormState, formData: FormData) => Promise<MemberFormState>;
  submit: string;
  idPrefix: string;
  initial?: Partial<Record<Field, string>>;
  hidden?: Record<string, string>;
};

const t = adminMembersFr.person;

export function MemberForm({ action, submit, idPrefix, initial = {}, hidden = {} }: Props) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  const bad = new Set(state.status === "error" ? (state.fields ?? []) : []);
  const values = state.status === "error" && state.values ? state.values : initial;
  const field = (name: Field, type: string, autoComplete: string, required: boolean) => {
    const id = `${idPrefix}-${name}`;
    return (
      <div className="flex flex-col gap-1">
        <label htmlFor={id} className="font-semibold">
          {t.fields[name]}
        </label>
        <input
          id={id}
          name={name}
          type={type}
          autoComplete={autoComplete}
          required={required}
          maxLength={name === "email" ? 254 : 80}
          defaultValue={values[name] ?? ""}
          aria-invalid={bad.has(name) || undefined}
          aria-describedby={bad.has(name) ? `${id}-error` : undefined}
          className="min-h-11 w-full rounded-md border border-muted/40 px-3 text-base"
        />
        {bad.has(name) ? (
          <p id={`${id}-error`} className="text-sm text-red-800">
            {t.fieldErrors[name]}
          </p>
        ) : null}
      </div>
    );
  };
  return (
    <form action={formAction} className="flex flex-col gap-3" noValidate>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {field("email", "email", "off", true)}
      {field("firstName", "text", "off", true)}
      {field("lastName", "text", "off", false)}
      {field("phone", "tel", "off", false)}
      {state.status !== "idle" ? <Alert kind={state.status === "error" ? "error" : "info"}>{state.message}</Alert> : null}
      <Button type="submit" disabled={pending} className="w-full sm:w-auto">
        {submit}
      </Button>
    </form>
  );
}
