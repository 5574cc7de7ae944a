"use client";
import { useActionState } from "react";
import { signInFr } from "@/lib/i18n/sign-in-fr";
import { Alert, Button } from "./ui";

type State = { status: "idle" } | { status: "error"; message: string; email: string };

type Props = {
  action: (state: State, formData: FormData) => Promise<State>;
  /** The page to come back to once signed in (a path of this site), carried to the emailed link. */
  returnTo: string | null;
};

export function SignInForm({ action, returnTo }: Props) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  const error = state.status === "error" ? state : null;
  return (
    <form action={formAction} className="flex flex-col gap-3" noValidate>
      {returnTo ? <input type="hidden" name="retour" value={returnTo} /> : null}
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
