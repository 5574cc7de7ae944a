"use client";
// The référents' settings form. Plain fields; works without JavaScript.
import { useActionState } from "react";
import { adminFr } from "@/lib/i18n/admin-fr";
import type { PersonFormState } from "./person-form";
import { Alert, Button } from "./ui";

type Field = { name: string; kind: "text" | "email" | "number" | "textarea"; value: string };

export function SettingsForm({
  action,
  fields,
}: {
  action: (state: PersonFormState, formData: FormData) => Promise<PersonFormState>;
  fields: Field[];
}) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  const bad = new Set(state.status === "error" ? (state.fields ?? []) : []);
  const labels = adminFr.settings.fields;
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      {fields.map((f) => {
        const id = `reglage-${f.name}`;
        const [label, hint] = labels[f.name] ?? [f.name, ""];
        const value = state.values?.[f.name] ?? f.value;
        const common = {
          id,
          name: f.name,
          defaultValue: value,
          "aria-invalid": bad.has(f.name) || undefined,
          "aria-describedby": `${id}-hint`,
        };
        return (
          <div key={f.name} className="flex flex-col gap-1">
            <label htmlFor={id} className="font-semibold">
              {label}
            </label>
            {f.kind === "textarea" ? (
              <textarea {...common} rows={6} className="rounded-md border border-muted/40 p-3 text-base" />
            ) : (
              <input
                {...common}
                type={f.kind === "number" ? "text" : f.kind}
                inputMode={f.kind === "number" ? "numeric" : undefined}
                className="min-h-11 rounded-md border border-muted/40 px-3 text-base"
              />
            )}
            <p id={`${id}-hint`} className={`text-sm ${bad.has(f.name) ? "text-red-800" : "text-muted"}`}>
              {hint}
            </p>
          </div>
        );
      })}
      {state.status !== "idle" ? <Alert kind={state.status === "error" ? "error" : "info"}>{state.message}</Alert> : null}
      <Button type="submit" disabled={pending} className="w-full sm:w-auto">
        {adminFr.settings.save}
      </Button>
    </form>
  );
}
