"use client";
// A form described as data (text, date and time inputs, a select, a text
// area, checkboxes) bound to one server action, with each field's error shown
// under it and the typed values kept when the action refuses. Works without
// JavaScript: the form posts and the page comes back with the answer.
import { useActionState } from "react";
import type { ActionState } from "../lib/action-state";
import { Alert, Button } from "./ui";

/** What the action answers: on refusal, French messages by field and the values to show again. */
export type FieldsFormState = ActionState & { fields?: Record<string, string>; values?: Record<string, string | string[]> };

type Option = { value: string; label: string };

type Common = {
  name: string;
  label: string;
  hint?: string;
  /** Half the width from the smallest screens (two times side by side). */
  half?: boolean;
  /** The label is read by screen readers only (the form's title already says it). */
  hideLabel?: boolean;
};

export type FormField =
  | (Common & {
      kind: "input";
      type?: "text" | "date" | "time";
      required?: boolean;
      maxLength?: number;
      defaultValue?: string;
      inputMode?: "text" | "decimal";
      autoComplete?: string;
    })
  | (Common & { kind: "textarea"; required?: boolean; maxLength?: number; defaultValue?: string; rows?: number })
  | (Common & { kind: "select"; options: Option[]; placeholder?: string; defaultValue?: string; required?: boolean })
  | (Common & { kind: "checkboxes"; options: Option[]; defaultValues?: string[] });

type Props = {
  action: (state: FieldsFormState, formData: FormData) => Promise<FieldsFormState>;
  fields: FormField[];
  hidden?: Record<string, string | number>;
  submit: string;
  /** Makes ids unique when the page holds several forms. */
  idPrefix: string;
  variant?: "primary" | "secondary";
};

const inputClass = "min-h-11 w-full min-w-0 rounded-md border border-muted/40 bg-white px-3 text-base";

export function FieldsForm({ action, fields, hidden = {}, submit, idPrefix, variant = "primary" }: Props) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  const errors = state.status === "error" ? (state.fields ?? {}) : {};
  const typed = state.status === "error" ? state.values : undefined;
  const valueOf = (name: string, fallback = "") => {
    const value = typed?.[name];
    return typeof value === "string" ? value : fallback;
  };
  return (
    <form action={formAction} className="grid grid-cols-2 gap-3" noValidate>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {fields.map((field) => {
        const id = `${idPrefix}-${field.name}`;
        const error = errors[field.name];
        const described = [field.hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
        const hint = field.hint ? (
          <p id={`${id}-hint`} className="text-sm text-muted">
            {field.hint}
          </p>
        ) : null;
        const message = error ? (
          <p id={`${id}-error`} className="text-sm font-semibold text-red-800">
            {error}
          </p>
        ) : null;
        const span = field.half ? "col-span-1" : "col-span-2";
        if (field.kind === "checkboxes") {
          const checked = typed ? [typed[field.name] ?? []].flat() : (field.defaultValues ?? []);
          return (
            <fieldset key={field.name} className={`${span} flex min-w-0 flex-col gap-1`} aria-describedby={described}>
              <legend className={field.hideLabel ? "sr-only" : "mb-1 font-semibold"}>{field.label}</legend>
              {hint}
              {field.options.map((option) => (
                <label key={option.value} className="flex min-h-11 items-center gap-3">
                  <input
                    type="checkbox"
                    name={field.name}
                    value={option.value}
                    defaultChecked={checked.includes(option.value)}
                    aria-invalid={error ? true : undefined}
                    className="h-5 w-5 shrink-0 accent-leaf-700"
                  />
                  <span>{option.label}</span>
                </label>
              ))}
              {message}
            </fieldset>
          );
        }
        const common = {
          id,
          name: field.name,
          "aria-invalid": error ? true : undefined,
          "aria-describedby": described,
        };
        return (
          <div key={field.name} className={`${span} flex min-w-0 flex-col gap-1`}>
            <label htmlFor={id} className={field.hideLabel ? "sr-only" : "font-semibold"}>
              {field.label}
            </label>
            {field.kind === "input" ? (
              <input
                {...common}
                type={field.type ?? "text"}
                required={field.required}
                maxLength={field.maxLength}
                inputMode={field.inputMode}
                autoComplete={field.autoComplete ?? "off"}
                defaultValue={valueOf(field.name, field.defaultValue)}
                className={inputClass}
              />
            ) : field.kind === "textarea" ? (
              <textarea
                {...common}
                required={field.required}
                maxLength={field.maxLength}
                rows={field.rows ?? 3}
                defaultValue={valueOf(field.name, field.defaultValue)}
                className={`${inputClass} py-2`}
              />
            ) : (
              <select
                {...common}
                required={field.required}
                defaultValue={valueOf(field.name, field.defaultValue)}
                className={inputClass}
              >
                {field.placeholder !== undefined ? <option value="">{field.placeholder}</option> : null}
                {field.options.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </select>
            )}
            {hint}
            {message}
          </div>
        );
      })}
      {state.status !== "idle" ? (
        <div className="col-span-2">
          <Alert kind={state.status === "error" ? "error" : "info"}>{state.message}</Alert>
        </div>
      ) : null}
      <div className="col-span-2">
        <Button type="submit" variant={variant} disabled={pending} className="w-full sm:w-auto">
          {submit}
        </Button>
      </div>
    </form>
  );
}
