import type { Metadata } from "next";
import Link from "next/link";
import { cache } from "react";
import { ActionForm } from "@/components/action-form";
import { buttonClass, Card, PageTitle } from "@/components/ui";
import { fr } from "@/lib/i18n/fr";
import { describeInvitation, type InvitationView } from "@/lib/server/list/invitations";
import { answerInvitationAction } from "./actions";

type Props = { params: Promise<{ token: string }> };

const t = fr.join.invitationPage;

const read = cache((token: string) => describeInvitation(token));

const stopped = {
  invalid: { title: t.invalidTitle, body: t.invalidBody },
  expired: { title: t.expiredTitle, body: t.expiredBody },
  accepted: { title: t.acceptedTitle, body: t.acceptedBody },
  declined: { title: t.declinedTitle, body: t.declinedBody },
  on_list: { title: t.onListTitle, body: t.onListBody },
} as const;

function titleOf(view: InvitationView): string {
  return view.state === "ready" ? t.title(view.inviterName, view.amapName) : stopped[view.state].title;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { token } = await params;
  return { title: titleOf(await read(decodeURIComponent(token))), robots: { index: false } };
}

/**
 * An invitation to the intermittents list. Opening it (a mail scanner, a
 * preview) changes nothing: only « Rejoindre la liste » or « Non merci » act.
 */
export default async function InvitationPage({ params }: Props) {
  const token = decodeURIComponent((await params).token);
  const view = await read(token);
  if (view.state !== "ready") {
    const words = stopped[view.state];
    const joined = view.state === "accepted" || view.state === "on_list";
    return (
      <>
        <PageTitle>{words.title}</PageTitle>
        <Card>
          <p className="mb-4">{words.body}</p>
          <Link href={joined ? "/paniers" : "/devenir-intermittent"} className={buttonClass()}>
            {joined ? t.baskets : t.request}
          </Link>
        </Card>
      </>
    );
  }
  return (
    <>
      <PageTitle>{titleOf(view)}</PageTitle>
      <Card>
        <p className="mb-2">{t.hello(view.firstName)}</p>
        <p className="mb-4">{t.explain}</p>
        <p className="mb-4 text-sm text-muted">{t.nothingYet}</p>
        <div className="flex flex-col gap-3 sm:flex-row">
          <ActionForm action={answerInvitationAction} hidden={{ token, answer: "accept" }} label={t.accept} />
          <ActionForm action={answerInvitationAction} hidden={{ token, answer: "decline" }} label={t.decline} variant="secondary" />
        </div>
        <p className="mt-3 text-sm text-muted">{t.declineNote}</p>
      </Card>
    </>
  );
}
