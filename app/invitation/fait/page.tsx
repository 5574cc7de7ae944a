import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass, Card, PageTitle } from "@/components/ui";
import { fr } from "@/lib/i18n/fr";

const t = fr.join.invitationPage;

type Props = { searchParams: Promise<{ r?: string }> };

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const { r } = await searchParams;
  return { title: r === "joined" ? t.joinedTitle : t.declinedTitle, robots: { index: false } };
}

/** Where an invitation's button lands: joined, or declined. */
export default async function InvitationDonePage({ searchParams }: Props) {
  const { r } = await searchParams;
  const joined = r === "joined";
  return (
    <>
      <PageTitle>{joined ? t.joinedTitle : t.declinedTitle}</PageTitle>
      <Card>
        <p role="status" className="mb-4">
          {joined ? t.joinedBody : t.declinedBody}
        </p>
        {joined ? (
          <Link href="/paniers" className={buttonClass()}>
            {t.baskets}
          </Link>
        ) : null}
      </Card>
    </>
  );
}
