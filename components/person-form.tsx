"use client";
// Email, first name, last name, phone — for registering someone on the list,
// the public request form, and the référents' member records.
import { useActionState, type ReactNode } from "react";
import { listFr } from "@/lib/i18n/list-fr";
import type { ActionState } from "../lib/action-state";
import { Alert, Button } from "./ui";

type Field = "email" | "firstName" | "lastName" | "phone";

/** On error the typed values come back, so the form (reset by React after each action) keeps them. */
export type PersonFormState = ActionState & { fields?: string[]; values?: Partial<Record<string, string>> };

type Labels = { fields: Record<Field, string>; fieldErrors: Record<Field, string> };

type Props = {
  action: (state: PersonFormState, formData: FormData) => Promise<PersonFormState>;
  submit: string;
  /** Extra fields (a message, a honeypot). */
  children?: ReactNode;
  idPrefix: string;
  /** Values to start from (editing someone). */
  initial?: Partial<Record<Field, string>>;
  hidden?: Record<string, string>;
  labels?: Labels;
  /** False when someone types another person's details: the browser must not offer its own. */
  ownDetails?: boolean;
};

export function PersonForm({ action, submit, children, idPrefix, initial = {}, hidden = {}, labels = listFr, ownDetails = true }: Props) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  const bad = new Set(state.status === "error" ? (state.fields ?? []) : []);
  const values = state.status === "error" && state.values ? state.values : initial;
  const field = (name: Field, type: string, autoComplete: string, required: boolean) => {
    const id = `${idPrefix}-${name}`;
    return (
      <div className="flex flex-col gap-1">
        <label htmlFor={id} className="font-semibold">
          {labels.fields[name]}
        </label>
        <input
          id={id}
          name={name}
          type={type}
          autoComplete={ownDetails ? autoComplete : "off"}
          required={required}
          maxLength={name === "email" ? 254 : 80}
          defaultValue={values[name] ?? ""}
          aria-invalid={bad.has(name) || undefined}
          aria-describedby={bad.has(name) ? `${id}-error` : undefined}
          className="min-h-11 w-full rounded-md border border-muted/40 px-3 text-base"
        />
        {bad.has(name) ? (
          <p id={`${id}-error`} className="text-sm text-red-800">
            {labels.fieldErrors[name]}
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
      {field("email", "email", "email", true)}
      {field("firstName", "text", "given-name", true)}
      {field("lastName", "text", "family-name", false)}
      {field("phone", "tel", "tel", false)}
      {children}
      {state.status !== "idle" ? <Alert kind={state.status === "error" ? "error" : "info"}>{state.message}</Alert> : null}
      <Button type="submit" disabled={pending} className="w-full sm:w-auto">
        {submit}
      </Button>
    </form>
  );
}
