import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "@/components/space-link";
import { buttonClass, Card, PageTitle } from "@/components/ui";
import { AMAP_HEADER } from "@/lib/domain/amap-path";
import { fr } from "@/lib/i18n/fr";
import { getRequestSettings } from "@/lib/server/core/request-amap";

export const metadata: Metadata = { title: fr.links.doneTitle, robots: { index: false } };

const t = fr.links;

/** Where an email link's button lands once its action is done. */
export default async function LinkDonePage({ searchParams }: { searchParams: Promise<{ r?: string }> }) {
  const { r } = await searchParams;
  // Under /<slug>/…, an unsubscribe names the AMAP whose list it left.
  const space = (await headers()).get(AMAP_HEADER) ? await getRequestSettings() : null;
  const message =
    r === "unsubscribed" && space
      ? t.unsubscribedFrom(space.amapName)
      : r && Object.hasOwn(t.outcomes, r)
        ? t.outcomes[r as keyof typeof t.outcomes]
        : null;
  return (
    <>
      <PageTitle>{t.doneTitle}</PageTitle>
      <Card>
        {message ? (
          <p role="status" className="mb-4">
            {message}
          </p>
        ) : null}
        <p className="mb-4">{t.wayForward}</p>
        <div className="flex flex-col gap-2 sm:flex-row">
          <Link href="/mes-paniers" className={buttonClass()}>
            {fr.nav.myBaskets}
          </Link>
          <Link href="/paniers" className={buttonClass("secondary")}>
            {t.baskets}
          </Link>
        </div>
      </Card>
    </>
  );
}
