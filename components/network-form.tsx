"use client";
// « Créer une AMAP », for the network's administrator. Plain fields; works without JavaScript.
import { useActionState } from "react";
import { networkFr } from "@/lib/i18n/network-fr";
import type { PersonFormState } from "./person-form";
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
        const id = `amap-${f.name}`;
        const [label, hint] = t.fields[f.name]!;
        const common = {
          id,
          name: f.name,
          defaultValue: state.status === "error" ? (state.values?.[f.name] ?? "") : "",
          "aria-invalid": bad.has(f.name) || undefined,
          "aria-describedby": `${id}-hint`,
        };
        return (
          <div key={f.name} className="flex flex-col gap-1">
            <label htmlFor={id} className="font-semibold">
              {label}
            </label>
            {f.kind === "textarea" ? (
              <textarea {...common} rows={3} className="rounded-md border border-muted/40 p-3 text-base" />
            ) : (
              <input
                {...common}
                type="text"
                autoCapitalize={f.name === "slug" ? "none" : undefined}
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
        {t.submit}
      </Button>
    </form>
  );
}
