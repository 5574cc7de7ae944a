import type { Metadata } from "next";
import Link from "@/components/space-link";
import { notFound } from "next/navigation";
import { ActionForm } from "@/components/action-form";
import { MemberForm } from "@/components/member-form";
import { SubscriptionForm } from "@/components/subscription-form";
import { Alert, Card, PageTitle } from "@/components/ui";
import { parisDate } from "@/lib/domain/time";
import { adminMembersFr } from "@/lib/i18n/admin-members-fr";
import { requireViewer } from "@/lib/server/auth/auth";
import { getMember } from "@/lib/server/admin/members/members";
import { addSubscriptionAction, endSubscriptionAction, updateMemberAction, updateSubscriptionAction } from "./actions";

export const metadata: Metadata = { title: adminMembersFr.title };

const t = adminMembersFr;
const ts = adminMembersFr.subscriptions;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const stateStyle = {
  current: "bg-leaf-50 text-leaf-800",
  upcoming: "bg-amber-50 text-amber-900",
  ended: "bg-gray-100 text-muted",
} as const;

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function AdminMemberPage({ params, searchParams }: Props) {
  const viewer = await requireViewer();
  const [{ id }, { ok }] = await Promise.all([params, searchParams]);
  if (!UUID.test(id)) notFound();
  // Null for anyone but a référent (checked in the data layer), or an unknown person.
  const member = await getMember(viewer, id);
  if (!member) notFound();
  const name = `${member.firstName} ${member.lastName}`.trim() || member.email;
  const today = parisDate(new Date());
  return (
    <>
      <Link href="/admin/amapiens" className="mb-2 flex min-h-11 items-center font-semibold text-leaf-800 underline">
        {t.backToList}
      </Link>
      <PageTitle>{name}</PageTitle>
      {ok === "cree" ? (
        <div className="mb-4">
          <Alert kind="info">{t.person.created}</Alert>
        </div>
      ) : null}
      <div className="flex flex-col gap-8">
        <section aria-labelledby="coordonnees">
          <h2 id="coordonnees" className="mb-3 text-xl font-bold text-leaf-800">
            {t.person.detailsTitle}
            {member.isReferent ? <span className="ml-2 rounded bg-leaf-50 px-2 py-0.5 text-sm font-semibold">{t.person.referent}</span> : null}
          </h2>
          <Card>
            <MemberForm
              action={updateMemberAction}
              submit={t.person.save}
              idPrefix="fiche"
              hidden={{ userId: member.userId }}
              initial={{ email: member.email, firstName: member.firstName, lastName: member.lastName, phone: member.phone }}
            />
          </Card>
        </section>

        <section aria-labelledby="souscriptions">
          <h2 id="souscriptions" className="mb-3 text-xl font-bold text-leaf-800">
            {ts.title}
          </h2>
          {member.subscriptions.length === 0 ? <Card>{ts.none}</Card> : null}
          <ul className="flex flex-col gap-3">
            {member.subscriptions.map((sub) => (
              <li key={sub.id}>
                <article aria-label={ts.line(sub.contract, sub.quantity)} className="rounded-lg border border-leaf-100 bg-white p-4">
                  <h3 className="font-semibold [overflow-wrap:anywhere]">{ts.line(sub.contract, sub.quantity)}</h3>
                  <p className="text-sm">
                    {ts.period(sub.startsOn, sub.endsOn)}{" "}
                    <span className={`ml-1 rounded px-2 py-0.5 text-xs font-semibold ${stateStyle[sub.state]}`}>{ts.states[sub.state]}</span>
                  </p>
                  <details className="mt-2">
                    <summary className="flex min-h-11 cursor-pointer items-center font-semibold text-leaf-800">{ts.edit}</summary>
                    <SubscriptionForm
                      action={updateSubscriptionAction}
                      submit={ts.save}
                      idPrefix={`souscription-${sub.id}`}
                      hidden={{ subscriptionId: sub.id }}
                      initial={{ quantity: String(sub.quantity), startsOn: sub.startsOn, endsOn: sub.endsOn }}
                    />
                  </details>
                  {sub.state !== "ended" ? (
                    <details className="mt-1">
                      <summary className="flex min-h-11 cursor-pointer items-center font-semibold text-red-800">{ts.end}</summary>
                      <ActionForm action={endSubscriptionAction} hidden={{ subscriptionId: sub.id }} label={ts.endSubmit} variant="secondary">
                        <label htmlFor={`fin-${sub.id}`} className="font-semibold">
                          {ts.endLabel}
                        </label>
                        <p id={`fin-${sub.id}-aide`} className="text-sm text-muted">
                          {ts.endHelp}
                        </p>
                        <input
                          id={`fin-${sub.id}`}
                          name="endsOn"
                          type="date"
                          required
                          min={sub.startsOn}
                          max={sub.endsOn}
                          defaultValue={today < sub.startsOn ? sub.startsOn : today > sub.endsOn ? sub.endsOn : today}
                          aria-describedby={`fin-${sub.id}-aide`}
                          className="min-h-11 w-full rounded-md border border-muted/40 bg-white px-3 text-base"
                        />
                      </ActionForm>
                    </details>
                  ) : null}
                </article>
              </li>
            ))}
          </ul>
        </section>

        <section aria-labelledby="ajouter-souscription">
          <h2 id="ajouter-souscription" className="mb-3 text-xl font-bold text-leaf-800">
            {ts.addTitle}
          </h2>
          <Card>
            {member.contracts.length === 0 ? (
              <p>{ts.noContracts}</p>
            ) : (
              <SubscriptionForm
                action={addSubscriptionAction}
                submit={ts.add}
                idPrefix="nouvelle-souscription"
                hidden={{ userId: member.userId }}
                contracts={member.contracts}
              />
            )}
          </Card>
        </section>
      </div>
    </>
  );
}
