"use client";
// A destructive action asks first, in an accessible modal dialog (<dialog>:
// focus moves in, Escape closes, the page behind is inert). Without
// JavaScript the trigger is a plain link to a confirmation page. Several may
// sit on one page (one « Refuser » per reservation to answer).
import { useActionState, useId, useRef, type ReactNode } from "react";
import type { ActionState } from "../lib/action-state";
import { Alert, Button, buttonClass } from "./ui";

type Props = {
  /** Where the trigger leads without JavaScript: a page asking the same question. */
  fallbackHref: string;
  trigger: string;
  title: string;
  /** What the dialog says, and any fields its form sends (a reason). */
  body: ReactNode;
  /** Ids the action needs, sent with the form. */
  hidden?: Record<string, string | number>;
  confirm: string;
  cancel: string;
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
};

export function ConfirmDialog({ fallbackHref, trigger, title, body, hidden = {}, confirm, cancel, action }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
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
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-body`}
        className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg p-0 shadow-xl backdrop:bg-black/40"
      >
        <form action={formAction} className="flex flex-col gap-3 p-5">
          {Object.entries(hidden).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <h2 id={`${id}-title`} className="text-lg font-bold text-leaf-800">
            {title}
          </h2>
          <div id={`${id}-body`} className="flex flex-col gap-3">
            {body}
          </div>
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
