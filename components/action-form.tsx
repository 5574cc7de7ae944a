"use client";
// A small form bound to one server action: hidden ids, optional fields, one
// button, and the action's answer shown next to it. Works without JavaScript
// (the form posts and the page comes back with the answer).
import { useActionState, type ReactNode } from "react";
import type { ActionState } from "../lib/action-state";
import { Alert, Button } from "./ui";

type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  hidden: Record<string, string | number>;
  label: string;
  variant?: "primary" | "secondary";
  children?: ReactNode;
  className?: string;
};

export function ActionForm({ action, hidden, label, variant = "primary", children, className = "" }: Props) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  return (
    <form action={formAction} className={`flex flex-col gap-2 ${className}`}>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
      <Button type="submit" variant={variant} disabled={pending} className="w-full sm:w-auto">
        {label}
      </Button>
      {state.status !== "idle" ? <Alert kind={state.status === "error" ? "error" : "info"}>{state.message}</Alert> : null}
    </form>
  );
}
