import type { Metadata } from "next";
import Link from "next/link";
import { ActionForm } from "@/components/action-form";
import { BasketLines, Quote } from "@/components/basket";
import { buttonClass, Card, PageTitle } from "@/components/ui";
import { fr } from "@/lib/i18n/fr";
import { getViewer } from "@/lib/server/auth";
import { describeLink } from "@/lib/server/link-actions";
import { performLinkAction } from "./actions";

export const metadata: Metadata = { title: fr.app.name, robots: { index: false } };

const t = fr.links;

/**
 * An email link. Opening it (GET, HEAD — mail scanners prefetch links)
 * changes nothing: it asks for confirmation, and only the button acts.
 */
export default async function LinkPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const view = await describeLink(decodeURIComponent(token), await getViewer());
  if (view.state !== "ok") {
    const [title, body] = {
      invalid: [t.invalidTitle, t.invalidBody],
      expired: [t.expiredTitle, t.expiredBody],
      used: [t.usedTitle, t.usedBody],
      foreign: [t.foreignTitle, t.foreignBody],
    }[view.state];
    return (
      <>
        <PageTitle>{title}</PageTitle>
        <Card>
          <p className="mb-2">{body}</p>
          <p className="mb-4">{t.wayForward}</p>
          <div className="flex flex-col gap-2 sm:flex-row">
            <Link href="/connexion" className={buttonClass()}>
              {t.signIn}
            </Link>
            <Link href="/paniers" className={buttonClass("secondary")}>
              {t.baskets}
            </Link>
          </div>
        </Card>
      </>
    );
  }
  const subject = view.subject;
  const who = subject?.intermittentName ?? "";
  const explain =
    view.action === "reserve"
      ? t.explain.reserve(subject?.memberFirstName ?? "")
      : view.action === "accept"
        ? t.explain.accept(who)
        : view.action === "decline"
          ? t.explain.decline(who)
          : view.action === "withdraw"
            ? t.explain.withdraw
            : t.explain.unsubscribe;
  const nothingToDo = view.action === "unsubscribe" && view.onList === false;
  return (
    <>
      <PageTitle>{t.titles[view.action]}</PageTitle>
      <Card>
        <p className="mb-2">{t.hello(view.recipientFirstName)}</p>
        {subject ? (
          <div className="mb-3 rounded-md border border-leaf-100 p-3">
            <p className="font-semibold first-letter:uppercase">{subject.slot}</p>
            <p className="mb-2 text-sm text-muted">
              {fr.exchange.baskets.from(subject.memberFirstName)} — {subject.placeName}
            </p>
            <BasketLines lines={subject.lines} totalCents={subject.totalCents} />
            {view.action === "reserve" ? (
              <div className="mt-2">
                <Quote text={subject.message} />
              </div>
            ) : null}
          </div>
        ) : null}
        {nothingToDo ? (
          <p>{t.notOnList}</p>
        ) : (
          <>
            <p className="mb-2">{explain}</p>
            <p className="mb-4 text-sm text-muted">{t.nothingYet}</p>
            <ActionForm
              action={performLinkAction}
              hidden={{ token: decodeURIComponent(token) }}
              label={t.buttons[view.action]}
              variant={view.action === "reserve" || view.action === "accept" ? "primary" : "secondary"}
            />
          </>
        )}
      </Card>
    </>
  );
}
