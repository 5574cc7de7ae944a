"use client";
import { useActionState } from "react";
import { signInFr } from "@/lib/i18n/sign-in-fr";
import { Alert, Button } from "./ui";

type State = { status: "idle" } | { status: "error"; message: string; email: string };

export function SignInForm({ action }: { action: (state: State, formData: FormData) => Promise<State> }) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  const error = state.status === "error" ? state : null;
  return (
    <form action={formAction} className="flex flex-col gap-3" noValidate>
      <label htmlFor="email" className="font-semibold">
        {signInFr.emailLabel}
      </label>
      <input
        id="email"
        name="email"
        type="email"
        inputMode="email"
        autoComplete="email"
        required
        defaultValue={error?.email ?? ""}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? "email-error" : undefined}
        className="min-h-11 rounded-md border border-muted/40 px-3 text-base"
      />
      {error ? (
        <div id="email-error">
          <Alert kind="error">{error.message}</Alert>
        </div>
      ) : null}
      <Button type="submit" disabled={pending}>
        {signInFr.submit}
      </Button>
    </form>
  );
}
