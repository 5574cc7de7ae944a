import type { Metadata } from "next";
import { ActionForm } from "@/components/action-form";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { Flash } from "@/components/flash";
import { PersonForm } from "@/components/person-form";
import { Card, PageTitle } from "@/components/ui";
import { fr } from "@/lib/i18n/fr";
import { formatLongDate } from "@/lib/domain/time";
import { hasRole, requireViewer } from "@/lib/server/auth/auth";
import { getListStatus } from "@/lib/server/list/intermittents";
import { getPartnerBasketsChoice, type PartnerBasketsChoice } from "@/lib/server/list/partner-baskets";
import { inviteSomeoneAction, joinListAction, leaveListAction, partnerBasketsAction } from "./actions";

export const metadata: Metadata = { title: fr.list.title };

const t = fr.list;

export default async function ListPage({ searchParams }: { searchParams: Promise<{ ok?: string }> }) {
  const viewer = await requireViewer();
  const { ok } = await searchParams;
  const [status, partners] = await Promise.all([getListStatus(viewer), getPartnerBasketsChoice(viewer)]);
  const canRegister = hasRole(viewer, "member") || hasRole(viewer, "referent");
  return (
    <>
      <PageTitle>{t.title}</PageTitle>
      <Flash message={ok === "joined" ? t.joined : ok === "partners-on" ? t.partners.on : ok === "partners-off" ? t.partners.off : null} />
      <div className="flex flex-col gap-6">
        <Card>
          <p className="mb-2 text-lg font-semibold">
            {status.active ? t.statusActive(formatLongDate(status.active.since)) : t.statusInactive}
          </p>
          {status.active && !status.active.addedBySelf && status.active.addedByName ? (
            <p className="mb-2 text-sm text-muted">{t.statusAddedBy(status.active.addedByName)}</p>
          ) : null}
          <p className="mb-4 text-sm">{t.explain}</p>
          {status.active ? (
            <ConfirmDialog
              fallbackHref="/inscription/desinscription"
              trigger={t.unsubscribe}
              title={t.confirmTitle}
              body={<p>{t.confirmBody}</p>}
              confirm={t.confirm}
              cancel={t.keep}
              action={leaveListAction}
            />
          ) : (
            <ActionForm action={joinListAction} hidden={{}} label={t.subscribe} />
          )}
          {status.history.length > 1 || (status.history.length === 1 && !status.active) ? (
            <details className="mt-4">
              <summary className="flex min-h-11 cursor-pointer items-center font-semibold">{t.history}</summary>
              <ul className="list-disc pl-5 text-sm">
                {status.history.map((stay, i) => (
                  <li key={i}>
                    {t.historyLine(formatLongDate(stay.joinedAt), stay.leftAt ? formatLongDate(stay.leftAt) : null)}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </Card>
        {status.active && partners.partners.length > 0 ? <PartnerBasketsCard choice={partners} /> : null}
        {canRegister ? (
          <section aria-labelledby="inscrire">
            <h2 id="inscrire" className="mb-2 text-xl font-bold text-leaf-800">
              {t.registerTitle}
            </h2>
            <p className="mb-3">{fr.join.invite.intro}</p>
            <Card>
              <PersonForm action={inviteSomeoneAction} submit={fr.join.invite.submit} idPrefix="autre" ownDetails={false} />
            </Card>
          </section>
        ) : null}
      </div>
    </>
  );
}

/** The partner AMAPs' baskets: whether the intermittent receives them too, and the button to change it. */
function PartnerBasketsCard({ choice }: { choice: PartnerBasketsChoice }) {
  const p = t.partners;
  const names = choice.partners.map((amap) => amap.name);
  const left = choice.partners.filter((amap) => amap.left).map((amap) => amap.name);
  return (
    <section aria-labelledby="partenaires">
      <h2 id="partenaires" className="mb-2 text-xl font-bold text-leaf-800">
        {p.title}
      </h2>
      <Card>
        <p className="mb-2">{p.explain(names)}</p>
        <p className="mb-4 font-semibold">{choice.optedIn ? p.statusOn : p.statusOff}</p>
        {choice.optedIn && left.length > 0 ? <p className="mb-4 text-sm text-muted">{p.left(left)}</p> : null}
        {choice.optedIn && left.length > 0 ? (
          <div className="mb-3">
            <ActionForm action={partnerBasketsAction} hidden={{ on: "1" }} label={p.back} variant="secondary" />
          </div>
        ) : null}
        <ActionForm
          action={partnerBasketsAction}
          hidden={{ on: choice.optedIn ? "0" : "1" }}
          label={choice.optedIn ? p.turnOff : p.turnOn}
          variant={choice.optedIn ? "secondary" : "primary"}
        />
      </Card>
    </section>
  );
}
