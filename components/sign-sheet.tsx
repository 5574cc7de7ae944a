// The sign sheet's table, for the screen and for paper: one group of rows per
// member (sorted by the caller), one row per signer — the member, or the taker
// of an exchange signing in the member's name. The signature column shows on
// paper only; on a phone three columns fit in 360 px.
import { signingRows, type Leftover, type SheetLine, type SheetLineState } from "@/lib/domain/sign-sheet";
import { adminSheetFr } from "@/lib/i18n/admin-sheet-fr";

const t = adminSheetFr.sheet;

export type SheetMemberView = { memberId: string; name: string; lines: SheetLine[] };

function StateText({ state, memberName }: { state: SheetLineState; memberName: string }) {
  switch (state.kind) {
    case "sign":
      return <span className="text-muted">{t.state.sign}</span>;
    case "taken":
      return <strong className="font-semibold">{t.state.taken(state.takerName, memberName)}</strong>;
    case "offered":
      return <em className="text-amber-900">{t.state.offered}</em>;
    case "unclaimed":
      return <em className="font-semibold text-red-800">{t.state.unclaimed}</em>;
  }
}

const cellClass = "border border-leaf-100 px-2 py-2 align-top print:border-gray-400 print:py-3";

export function SignSheetTable({ caption, members }: { caption: string; members: SheetMemberView[] }) {
  return (
    <table className="w-full table-fixed border-collapse bg-white text-sm print:text-[10pt]">
      <caption className="sr-only">{caption}</caption>
      <thead className="bg-leaf-50 text-left">
        <tr>
          <th scope="col" className={`${cellClass} w-[30%] print:w-[24%]`}>
            {t.columns.member}
          </th>
          <th scope="col" className={`${cellClass} w-[35%] print:w-[28%]`}>
            {t.columns.baskets}
          </th>
          <th scope="col" className={`${cellClass} w-[35%] print:w-[28%]`}>
            {t.columns.takenBy}
          </th>
          <th scope="col" className={`${cellClass} hidden print:table-cell print:w-[20%]`}>
            {t.columns.signature}
          </th>
        </tr>
      </thead>
      {members.map((member) => {
        const rows = signingRows(member.lines);
        return (
          <tbody key={member.memberId} className="break-inside-avoid">
            {rows.map((row, i) => (
              <tr key={i} className="print:h-[11mm]">
                {i === 0 ? (
                  <th scope="rowgroup" rowSpan={rows.length} className={`${cellClass} text-left font-semibold`}>
                    {member.name}
                  </th>
                ) : null}
                <td className={cellClass}>
                  <ul>
                    {row.baskets.map((b, j) => (
                      <li key={j}>{t.basketLine(b.quantity, b.label)}</li>
                    ))}
                  </ul>
                </td>
                <td className={cellClass}>
                  <StateText state={row.state} memberName={member.name} />
                </td>
                <td className={`${cellClass} hidden print:table-cell`} />
              </tr>
            ))}
          </tbody>
        );
      })}
    </table>
  );
}

/** The baskets nobody took; `showState` tells unclaimed ones from those still on offer (once both are to give away). */
export function LeftoverList({ leftovers, showState }: { leftovers: Leftover[]; showState: boolean }) {
  return (
    <ul className="list-disc pl-6">
      {leftovers.map((l, i) => (
        <li key={i}>
          {t.leftoverLine(l.quantity, l.label, l.memberName)}
          {showState ? <span className="text-muted"> ({l.state === "unclaimed" ? t.state.unclaimed : t.state.offered})</span> : null}
        </li>
      ))}
    </ul>
  );
}
