// The dates of « Céder mon panier », grouped by month: the next weeks at once,
// the later ones behind « Voir plus de dates » (a native <details>, so it opens
// without JavaScript). With JavaScript, a date where none of the ticked
// baskets is delivered is hidden and its checkbox disabled (not sent).
import { exchangeFr } from "@/lib/i18n/exchange-fr";
import type { OfferFormDate } from "./offer-form";

const t = exchangeFr.absence;

type Props = {
  dates: OfferFormDate[];
  /** Whether the date has a ticked basket delivered that day. */
  isShown: (date: OfferFormDate) => boolean;
  ticked: ReadonlySet<number>;
  onToggle: (distributionId: number, checked: boolean) => void;
};

/** Consecutive dates of the same month, in order. */
function byMonth(dates: OfferFormDate[]): { month: string; dates: OfferFormDate[] }[] {
  const groups: { month: string; dates: OfferFormDate[] }[] = [];
  for (const date of dates) {
    const last = groups.at(-1);
    if (last && last.month === date.month) last.dates.push(date);
    else groups.push({ month: date.month, dates: [date] });
  }
  return groups;
}

export function OfferDates({ dates, isShown, ticked, onToggle }: Props) {
  const soon = dates.filter((d) => !d.isLater);
  const later = dates.filter((d) => d.isLater);
  const shownLater = later.filter(isShown).length;
  return (
    <>
      {dates.some(isShown) ? null : <p className="text-amber-900">{t.noDatesForBaskets}</p>}
      <Months dates={soon} isShown={isShown} ticked={ticked} onToggle={onToggle} />
      {later.length > 0 ? (
        <details className="group" hidden={shownLater === 0}>
          <summary className="flex min-h-11 cursor-pointer items-center font-semibold text-leaf-800 underline underline-offset-4">
            {t.moreDates(shownLater)}
          </summary>
          <Months dates={later} isShown={isShown} ticked={ticked} onToggle={onToggle} />
        </details>
      ) : null}
    </>
  );
}

function Months({ dates, isShown, ticked, onToggle }: Props) {
  return byMonth(dates).map((group) => (
    <fieldset key={group.month} hidden={!group.dates.some(isShown)} className="mt-1 min-w-0">
      <legend className="pt-1 text-xs font-bold uppercase tracking-wide text-muted">{group.month}</legend>
      <ul className="divide-y divide-leaf-100">
        {group.dates.map((date) => (
          <DateRow
            key={date.distributionId}
            date={date}
            isShown={isShown(date)}
            checked={ticked.has(date.distributionId)}
            onToggle={onToggle}
          />
        ))}
      </ul>
    </fieldset>
  ));
}

/** « jeudi 10 décembre, 18 h 30 – 20 h » → « jeudi 10 » and the hours, side by side under the month's heading. */
function splitSlot(slot: string): [string, string] {
  const comma = slot.indexOf(", ");
  const day = comma === -1 ? slot : slot.slice(0, comma);
  return [day.split(/[ \u00a0]/).slice(0, 2).join("\u00a0"), comma === -1 ? "" : slot.slice(comma + 2)];
}

/**
 * One date, two lines of 44 px in all: the day and its hours, then what is
 * delivered and where (cut with « … » rather than wrapped; the whole of it is
 * the checkbox's description). A date already offered or closed says so in full.
 */
function DateRow({
  date,
  isShown,
  checked,
  onToggle,
}: {
  date: OfferFormDate;
  isShown: boolean;
  checked: boolean;
  onToggle: Props["onToggle"];
}) {
  const allOffered = date.lines.every((l) => l.offered);
  const disabled = date.closed !== null || allOffered;
  const id = `date-${date.distributionId}`;
  const [day, hours] = splitSlot(date.slot);
  const isPlain = date.closed === null && date.lines.every((l) => !l.offered);
  return (
    <li hidden={!isShown}>
      <label htmlFor={id} className={`flex min-h-11 items-center gap-3 ${disabled ? "text-muted" : ""}`}>
        <input
          id={id}
          type="checkbox"
          name="distributionId"
          value={date.distributionId}
          // Hidden (no ticked basket delivered that day) means not sent either.
          disabled={disabled || !isShown}
          checked={checked && !disabled}
          onChange={(event) => onToggle(date.distributionId, event.target.checked)}
          // The full date and place, as the rest of the site writes them; the row shows them shorter.
          aria-label={`${date.slot} — ${date.placeName}`}
          aria-describedby={`${id}-details`}
          className="h-5 w-5 shrink-0 accent-leaf-700"
        />
        <span className="min-w-0 flex-1">
          <span className="flex flex-wrap items-baseline gap-x-2 leading-snug">
            <span className="font-semibold first-letter:uppercase">{day}</span>
            <span className="text-sm">{hours}</span>
          </span>
          <span id={`${id}-details`} className={`block text-sm leading-snug text-muted ${isPlain ? "truncate" : ""}`}>
            {isPlain ? (
              `${date.lines.map((line) => exchangeFr.quantityLine(line.quantity, line.product)).join(", ")} · ${date.placeName}`
            ) : (
              <>
                <span className="text-leaf-800">
                  {date.lines
                    .map((line) =>
                      line.offered
                        ? t.lineOffered(line.label, exchangeFr.offerStatus[line.offered.status])
                        : exchangeFr.quantityLine(line.quantity, line.label),
                    )
                    .join(" · ")}
                </span>
                {date.closed ? (
                  <span className="block text-amber-900">
                    {date.closed.reason === "cancelled" ? t.closedCancelled : t.closedTooLate(date.closed.closedAt)}
                  </span>
                ) : null}
              </>
            )}
          </span>
        </span>
      </label>
    </li>
  );
}
