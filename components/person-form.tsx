"use client";
// Email, first name, last name, phone — for registering someone on the list,
// a référent adding someone, or the public request form.
import { useActionState, type ReactNode } from "react";
import { fr } from "@/lib/i18n/fr";
import type { ActionState } from "./action-state";
import { Alert, Button } from "./ui";

/** On error the typed values come back, so the form (reset by React after each action) keeps them. */
export type PersonFormState = ActionState & { fields?: string[]; values?: Record<string, string> };

type Props = {
  action: (state: PersonFormState, formData: FormData) => Promise<PersonFormState>;
  submit: string;
  /** Extra fields (a message, a honeypot). */
  children?: ReactNode;
  idPrefix: string;
};

const t = fr.list;

export function PersonForm({ action, submit, children, idPrefix }: Props) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  const bad = new Set(state.status === "error" ? (state.fields ?? []) : []);
  const field = (name: "email" | "firstName" | "lastName" | "phone", type: string, autoComplete: string, required: boolean) => {
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
          defaultValue={state.values?.[name] ?? ""}
          aria-invalid={bad.has(name) || undefined}
          aria-describedby={bad.has(name) ? `${id}-error` : undefined}
          className="min-h-11 rounded-md border border-muted/40 px-3 text-base"
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
