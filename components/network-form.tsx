"use client";
// « Créer une AMAP », for the network's administrator. Plain fields; works without JavaScript.
import { useActionState } from "react";
import { networkFr } from "@/lib/i18n/network-fr";
import type { PersonFormState } from "./person-form";
import { LabelledField } from "./labelled-field";
import { Alert, Button } from "./ui";

const FIELDS = [
  { name: "name", kind: "text" },
  { name: "slug", kind: "text" },
  { name: "referentEmails", kind: "textarea" },
] as const;

export function NetworkAmapForm({ action }: { action: (state: PersonFormState, formData: FormData) => Promise<PersonFormState> }) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  const bad = new Set(state.status === "error" ? (state.fields ?? []) : []);
  const t = networkFr.create;
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      {FIELDS.map((f) => {
        const [label, hint] = t.fields[f.name]!;
        return (
          <LabelledField
            key={f.name}
            id={`amap-${f.name}`}
            name={f.name}
            label={label}
            hint={hint}
            kind={f.kind}
            defaultValue={state.status === "error" ? (state.values?.[f.name] ?? "") : ""}
            invalid={bad.has(f.name)}
            rows={3}
            autoCapitalize={f.name === "slug" ? "none" : undefined}
          />
        );
      })}
      {state.status !== "idle" ? <Alert kind={state.status === "error" ? "error" : "info"}>{state.message}</Alert> : null}
      <Button type="submit" disabled={pending} className="w-full sm:w-auto">
        {t.submit}
      </Button>
    </form>
  );
}
