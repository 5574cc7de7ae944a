"use client";
// A destructive action asks first, in an accessible modal dialog (<dialog>:
// focus moves in, Escape closes, the page behind is inert). Without
// JavaScript the trigger is a plain link to a confirmation page.
import { useActionState, useRef, type ReactNode } from "react";
import type { ActionState } from "./action-state";
import { Alert, Button, buttonClass } from "./ui";

type Props = {
  /** Where the trigger leads without JavaScript: a page asking the same question. */
  fallbackHref: string;
  trigger: string;
  title: string;
  body: ReactNode;
  confirm: string;
  cancel: string;
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
};

export function ConfirmDialog({ fallbackHref, trigger, title, body, confirm, cancel, action }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  return (
    <>
      <a
        href={fallbackHref}
        className={`${buttonClass("secondary")} w-full sm:w-auto`}
        onClick={(event) => {
          event.preventDefault();
          dialog.current?.showModal();
        }}
      >
        {trigger}
      </a>
      <dialog
        ref={dialog}
        aria-labelledby="confirm-title"
        aria-describedby="confirm-body"
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg p-0 shadow-xl backdrop:bg-black/40"
      >
        <form action={formAction} className="flex flex-col gap-3 p-5">
          <h2 id="confirm-title" className="text-lg font-bold text-leaf-800">
            {title}
          </h2>
          <div id="confirm-body">{body}</div>
          {state.status === "error" ? <Alert kind="error">{state.message}</Alert> : null}
          <div className="flex flex-col gap-2 sm:flex-row-reverse">
            <Button type="submit" disabled={pending}>
              {confirm}
            </Button>
            <Button type="button" variant="secondary" onClick={() => dialog.current?.close()} autoFocus>
              {cancel}
            </Button>
          </div>
        </form>
      </dialog>
    </>
  );
}
