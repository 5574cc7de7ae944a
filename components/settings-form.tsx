"use client";
// The référents' settings form. Plain fields; works without JavaScript.
import { useActionState } from "react";
import { adminFr } from "@/lib/i18n/admin-fr";
import type { PersonFormState } from "./person-form";
import { LabelledField } from "./labelled-field";
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
        const [label, hint] = labels[f.name] ?? [f.name, ""];
        return (
          <LabelledField
            key={f.name}
            id={`reglage-${f.name}`}
            name={f.name}
            label={label}
            hint={hint}
            kind={f.kind}
            defaultValue={state.values?.[f.name] ?? f.value}
            invalid={bad.has(f.name)}
          />
        );
      })}
      {state.status !== "idle" ? <Alert kind={state.status === "error" ? "error" : "info"}>{state.message}</Alert> : null}
      <Button type="submit" disabled={pending} className="w-full sm:w-auto">
        {adminFr.settings.save}
      </Button>
    </form>
  );
}
