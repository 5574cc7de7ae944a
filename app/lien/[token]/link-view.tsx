// What an email link's page says, from what describeLink read: a dead link
// (used, tampered, expired, someone else's), the confirmation of an action
// that still applies, or — when it no longer does — what happened instead and
// the next useful step, never a button that would fail.
import Link from "@/components/space-link";
import { ActionForm } from "@/components/action-form";
import { BasketLines, Quote } from "@/components/basket";
import { DeclineReasonField } from "@/components/decline-reason";
import { buttonClass, Card, PageTitle } from "@/components/ui";
import type { Standing, Standstill } from "@/lib/domain/offer-standing";
import { fr } from "@/lib/i18n/fr";
import type { LinkSituation, LinkView } from "@/lib/server/links/link-actions";
import { performLinkAction } from "./actions";

const t = fr.links;
const states = t.states;

type Next = "baskets" | "mine" | "list";
const NEXT_HREF: Record<Next, string> = { baskets: "/paniers", mine: "/mes-paniers", list: "/inscription" };

type Content =
  | { kind: "ready"; title: string; explain: string[]; button: string; primary: boolean; reasonFor: string | null }
  | { kind: "standstill"; title: string; body: string; next: Next[] };

type Names = { member: string; intermittent: string };
type Stopped = Extract<Standing<unknown>, { ready: false }>;

/** Where to go instead of the button. */
function nextSteps(action: LinkSituation["action"], standstill: Standstill): Next[] {
  if (action === "accept" || action === "decline") return ["mine"];
  if (action === "withdraw") return ["baskets", "mine"];
  if (standstill === "not_intermittent") return ["list"];
  if (standstill === "own_offer" || standstill.startsWith("mine_")) return ["mine"];
  return ["baskets"];
}

function stopped(action: LinkSituation["action"], standing: Stopped, names: Names): Content {
  const words = states.standstills[standing.standstill];
  const body =
    standing.standstill === "refused" ? fr.exchange.refusals[standing.refusal] : words.body({ ...names, position: standing.position });
  return { kind: "standstill", title: words.title, body, next: nextSteps(action, standing.standstill) };
}

function contentOf(situation: LinkSituation, names: Names): Content {
  const { member, intermittent } = names;
  const base = { kind: "ready" as const, title: t.titles[situation.action], button: t.buttons[situation.action], reasonFor: null };
  switch (situation.action) {
    case "reserve": {
      const standing = situation.standing;
      if (!standing.ready) return stopped(situation.action, standing, names);
      const { as, waiting } = standing.step;
      if (as === "queued") {
        return {
          ...base,
          title: states.joinQueue.title,
          explain: [states.joinQueue.explain(member), fr.exchange.baskets.queueLength(waiting)],
          button: states.joinQueue.button,
          primary: true,
        };
      }
      return { ...base, explain: [as === "accepted" ? states.reserveAuto(member) : t.explain.reserve(member)], primary: true };
    }
    case "accept":
    case "decline": {
      const standing = situation.standing;
      if (!standing.ready) return stopped(situation.action, standing, names);
      return situation.action === "accept"
        ? { ...base, explain: [t.explain.accept(intermittent)], primary: true }
        : { ...base, explain: [t.explain.decline(intermittent)], primary: false, reasonFor: intermittent };
    }
    case "withdraw": {
      const standing = situation.standing;
      if (!standing.ready) return stopped(situation.action, standing, names);
      const { from } = standing.step;
      const explain = from === "queued" ? states.withdrawQueued : from === "accepted" ? states.withdrawAccepted(member) : t.explain.withdraw;
      return { ...base, explain: [explain], primary: false };
    }
    case "unsubscribe":
      return situation.standing.ready
        ? { ...base, explain: [t.explain.unsubscribe(situation.amapName)], primary: false }
        : { kind: "standstill", title: states.standstills.not_intermittent.title, body: t.notOnList(situation.amapName), next: [] };
    case "leave-partner":
      return situation.standing.ready
        ? { ...base, title: t.leavePartner.title(situation.amapName), explain: [t.leavePartner.explain(situation.amapName)], primary: false }
        : { kind: "standstill", title: t.leavePartner.title(situation.amapName), body: t.leavePartner.notReceiving, next: ["list"] };
  }
}

const DEAD = {
  invalid: [t.invalidTitle, t.invalidBody],
  expired: [t.expiredTitle, t.expiredBody],
  used: [t.usedTitle, t.usedBody],
  foreign: [t.foreignTitle, t.foreignBody],
} as const;

function namesOf(view: Extract<LinkView, { state: "ok" }>): Names {
  return { member: view.subject?.memberFirstName ?? "", intermittent: view.subject?.intermittentName ?? "" };
}

/** The page's title (the same as its heading). */
export function linkPageTitle(view: LinkView): string {
  return view.state === "ok" ? contentOf(view, namesOf(view)).title : DEAD[view.state][0];
}

export function LinkPageBody({ view, token }: { view: LinkView; token: string }) {
  if (view.state !== "ok") {
    const [title, body] = DEAD[view.state];
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
  const content = contentOf(view, namesOf(view));
  const subject = view.subject;
  return (
    <>
      <PageTitle>{content.title}</PageTitle>
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
        {content.kind === "ready" ? (
          <>
            {content.explain.map((line, i) => (
              <p key={i} className="mb-2">
                {line}
              </p>
            ))}
            <p className="mb-4 text-sm text-muted">{t.nothingYet}</p>
            <ActionForm
              action={performLinkAction}
              hidden={{ token }}
              label={content.button}
              variant={content.primary ? "primary" : "secondary"}
            >
              {content.reasonFor !== null ? <DeclineReasonField id="reason" name={content.reasonFor} /> : null}
            </ActionForm>
          </>
        ) : (
          <>
            <p role="status" className="mb-4">
              {content.body}
            </p>
            {content.next.length > 0 ? (
              <div className="flex flex-col gap-2 sm:flex-row">
                {content.next.map((next, i) => (
                  <Link key={next} href={NEXT_HREF[next]} className={buttonClass(i === 0 ? "primary" : "secondary")}>
                    {states.next[next]}
                  </Link>
                ))}
              </div>
            ) : null}
          </>
        )}
      </Card>
    </>
  );
}
