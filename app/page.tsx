import Link from "@/components/space-link";
import { buttonClass, Card, PageTitle } from "@/components/ui";
import { fr } from "@/lib/i18n/fr";
import { ROLES } from "@/lib/domain/roles";
import { getViewer } from "@/lib/server/auth/auth";
import { amapsOfPerson } from "@/lib/server/core/request-amap";
import { countPendingRequests } from "@/lib/server/list/join-requests";
import { getHomeSummary } from "@/lib/server/exchange/home-summary";

export default async function HomePage() {
  const viewer = await getViewer();
  const t = fr.home;
  if (viewer) {
    const roles = ROLES.filter((r) => viewer.roles.has(r));
    const [summary, requestsToReview, amaps] = await Promise.all([
      getHomeSummary(viewer),
      countPendingRequests(viewer),
      amapsOfPerson(viewer.userId),
    ]);
    const h = fr.exchange.home;
    return (
      <>
        <PageTitle>{t.signedInAs(viewer.firstName || viewer.displayName)}</PageTitle>
        <div className="flex flex-col gap-4">
          {amaps.length > 1 ? (
            <Card>
              <h2 className="mb-1 text-lg font-bold">{t.yourAmaps}</h2>
              <p className="mb-2 text-sm">{t.yourAmapsHint}</p>
              <ul className="flex flex-col gap-1">
                {amaps.map((amap) => (
                  <li key={amap.slug}>
                    {/* A whole page load: another AMAP's space is another header, menu and roles (components/space-link.tsx). */}
                    <a
                      href={`/${amap.slug}`}
                      aria-current={amap.current ? "page" : undefined}
                      className={`block min-h-11 py-2 underline ${amap.current ? "font-bold" : ""}`}
                    >
                      {amap.name}
                    </a>
                  </li>
                ))}
              </ul>
            </Card>
          ) : null}
          <Card>
            {roles.length > 0 ? (
              <>
                <p className="mb-2">{t.yourRoles}</p>
                <ul className="flex flex-wrap gap-2" aria-label={t.yourRoles}>
                  {roles.map((role) => (
                    <li key={role} className="rounded-full bg-leaf-100 px-3 py-1 text-sm font-semibold text-leaf-800">
                      {fr.roles[role]}
                    </li>
                  ))}
                </ul>
              </>
            ) : (
              <p>{t.noRole}</p>
            )}
          </Card>
          {requestsToReview ? (
            <Link href="/admin/intermittents#demandes" className="block rounded-lg bg-amber-100 p-4 text-lg font-bold text-amber-900 underline">
              {fr.join.toReview(requestsToReview)}
            </Link>
          ) : null}
          {summary.toDecide > 0 ? (
            <Link href="/mes-paniers" className="block rounded-lg bg-amber-100 p-4 text-lg font-bold text-amber-900 underline">
              {h.toDecide(summary.toDecide)}
            </Link>
          ) : null}
          {summary.nextPickup ? (
            <Link href="/mes-paniers" className="block rounded-lg bg-leaf-700 p-4 font-semibold text-white underline">
              {h.nextPickup(summary.nextPickup.slot, summary.nextPickup.placeName, summary.nextPickup.memberFirstName)}
            </Link>
          ) : null}
          {viewer.roles.has("member") ? (
            <Card>
              {summary.myActiveOffers > 0 ? <p className="mb-3">{h.activeOffers(summary.myActiveOffers)}</p> : null}
              <div className="flex flex-wrap gap-2">
                <Link href="/absence" className={`${buttonClass()} w-full sm:w-auto`}>
                  {h.offerCta}
                </Link>
                <Link href="/mes-paniers" className={`${buttonClass("secondary")} w-full sm:w-auto`}>
                  {h.myCta}
                </Link>
              </div>
            </Card>
          ) : null}
          {viewer.roles.has("intermittent") ? (
            <Card>
              <p className="mb-3 font-semibold">{h.available(summary.availableBaskets)}</p>
              {summary.waiting > 0 ? <p className="mb-3">{h.waiting(summary.waiting)}</p> : null}
              <Link href="/paniers" className={`${buttonClass()} w-full sm:w-auto`}>
                {h.reserveCta}
              </Link>
            </Card>
          ) : null}
        </div>
      </>
    );
  }
  return (
    <>
      <PageTitle>{t.title}</PageTitle>
      <p className="mb-4 text-lg">{t.intro}</p>
      <p className="mb-6">{fr.join.homeInvite}</p>
      <div className="mb-8 flex flex-col gap-2 sm:flex-row">
        <Link href="/connexion" className={`${buttonClass()} w-full sm:w-auto`}>
          {t.signInCta}
        </Link>
        <Link href="/devenir-intermittent" className={`${buttonClass("secondary")} w-full sm:w-auto`}>
          {fr.join.cta}
        </Link>
      </div>
      <div className="grid gap-4">
        <Card>
          <h2 className="mb-2 text-xl font-bold text-leaf-800">{t.forWhom}</h2>
          <ul className="list-disc space-y-2 pl-5">
            <li>{t.forMembers}</li>
            <li>{t.forIntermittents}</li>
            <li>{t.forReferents}</li>
          </ul>
        </Card>
        <Card>
          <h2 className="mb-2 text-xl font-bold text-leaf-800">{t.howItWorks}</h2>
          <ol className="list-decimal space-y-2 pl-5">
            {t.steps.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
        </Card>
      </div>
    </>
  );
}
