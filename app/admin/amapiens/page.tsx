import type { Metadata } from "next";
import Link from "@/components/space-link";
import { notFound } from "next/navigation";
import { Alert, buttonClass, Card, PageTitle } from "@/components/ui";
import { parseSearchText } from "@/lib/domain/admin-filters";
import { adminMembersFr } from "@/lib/i18n/admin-members-fr";
import { requireViewer } from "@/lib/server/auth/auth";
import { listMembers, MEMBER_LIST_LIMIT } from "@/lib/server/admin/members/members";
import { inRequestSpace } from "@/lib/server/core/request-amap";

export const metadata: Metadata = { title: adminMembersFr.title };

const t = adminMembersFr.list;
const ts = adminMembersFr.subscriptions;

export default async function AdminMembersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireViewer();
  const { q } = await searchParams;
  // Null for anyone but a référent (checked in the data layer), which also refuses a search holding a control character.
  const list = await listMembers(viewer, Array.isArray(q) ? q[0] : q);
  if (!list) notFound();
  const search = parseSearchText(q);
  const query = search.ok ? search.value : "";
  const exportHref = await inRequestSpace("/admin/amapiens/export.csv");
  const searchHref = await inRequestSpace("/admin/amapiens");
  return (
    <>
      <PageTitle>{adminMembersFr.title}</PageTitle>
      <div className="mb-4 grid grid-cols-1 gap-2 sm:grid-cols-3">
        <Link href="/admin/amapiens/nouveau" className={buttonClass()}>
          {t.add}
        </Link>
        <Link href="/admin/amapiens/import" className={buttonClass("secondary")}>
          {t.import}
        </Link>
        <a href={exportHref} className={buttonClass("secondary")} download>
          {t.export}
        </a>
      </div>

      <form action={searchHref} method="get" role="search" className="mb-4 flex flex-col gap-2">
        <label htmlFor="recherche" className="font-semibold">
          {t.searchLabel}
        </label>
        <div className="flex gap-2">
          <input
            id="recherche"
            name="q"
            type="search"
            defaultValue={query}
            maxLength={100}
            className="min-h-11 min-w-0 flex-1 rounded-md border border-muted/40 px-3 text-base"
          />
          <button type="submit" className={buttonClass()}>
            {t.searchSubmit}
          </button>
        </div>
        {query ? (
          <Link href="/admin/amapiens" className="flex min-h-11 items-center font-semibold text-leaf-800 underline">
            {t.showAll}
          </Link>
        ) : null}
      </form>

      {list.refusedCharacter ? (
        <div className="mb-2">
          <Alert kind="error">{t.invalidSearch(list.refusedCharacter)}</Alert>
        </div>
      ) : (
        <p className="mb-2 text-muted" role="status">
          {t.count(list.members.length, query)}
        </p>
      )}
      {list.truncated ? <p className="mb-2 text-amber-900">{t.truncated(MEMBER_LIST_LIMIT)}</p> : null}
      {list.members.length === 0 && !list.refusedCharacter ? <Card>{query ? t.noMatch : t.empty}</Card> : null}
      <ul aria-label={t.label} className="flex flex-col divide-y divide-leaf-100 rounded-lg border border-leaf-100 bg-white">
        {list.members.map((m) => (
          <li key={m.userId} className="p-3">
            <Link href={`/admin/amapiens/${m.userId}`} className="flex min-h-11 items-center font-semibold text-leaf-800 underline [overflow-wrap:anywhere]">
              {m.fullName}
            </Link>
            <p className="text-sm [overflow-wrap:anywhere]">
              {m.email}
              {m.phone ? ` · ${m.phone}` : ""}
            </p>
            {m.subscriptions.length === 0 ? (
              <p className="text-sm text-muted">{t.noCurrent}</p>
            ) : (
              <ul className="text-sm text-muted">
                {m.subscriptions.map((sub) => (
                  <li key={sub.id}>
                    {ts.line(sub.contract, sub.quantity)}
                    {sub.state === "upcoming" ? ` (${ts.states.upcoming}, ${ts.period(sub.startsOn, sub.endsOn)})` : ""}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
