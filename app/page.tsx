import Link from "next/link";
import { buttonClass, Card, PageTitle } from "@/components/ui";
import { fr } from "@/lib/i18n/fr";
import { ROLES } from "@/lib/domain/roles";
import { getViewer } from "@/lib/server/auth";

export default async function HomePage() {
  const viewer = await getViewer();
  const t = fr.home;
  if (viewer) {
    const roles = ROLES.filter((r) => viewer.roles.has(r));
    return (
      <>
        <PageTitle>{t.signedInAs(viewer.firstName || viewer.displayName)}</PageTitle>
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
      </>
    );
  }
  return (
    <>
      <PageTitle>{t.title}</PageTitle>
      <p className="mb-6 text-lg">{t.intro}</p>
      <Link href="/connexion" className={`${buttonClass()} mb-8 w-full sm:w-auto`}>
        {t.signInCta}
      </Link>
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
