import type { Metadata } from "next";
import Link from "@/components/space-link";
import { notFound } from "next/navigation";
import { FieldsForm, type FormField } from "@/components/fields-form";
import { Alert, buttonClass, Card, PageTitle } from "@/components/ui";
import {
  addMonths,
  CALENDAR_LIMITS,
  CALENDAR_WINDOW_MONTHS as WINDOW,
  formatMonth,
  monthOf,
  monthsPeriod,
  parseMonth,
} from "@/lib/domain/calendar";
import { formatSlot, parisDate } from "@/lib/domain/time";
import { adminCalendarFr } from "@/lib/i18n/admin-calendar-fr";
import {
  listContracts,
  listDistributions,
  listPlaces,
  type ContractDTO,
  type DistributionDTO,
  type PlaceDTO,
} from "@/lib/server/admin/calendar/calendar";
import { requireViewer } from "@/lib/server/auth/auth";
import {
  addDateAction,
  cancelAction,
  cancelRemainingAction,
  deliveredContractsAction,
  generateSeriesAction,
  moveAction,
} from "./actions";
import { MonthSection } from "@/components/month-section";
import { CalendarNav, Disclosure } from "./calendar-parts";
import { flashFor } from "./flash";

const c = adminCalendarFr;
const t = adminCalendarFr.distributions;
const f = adminCalendarFr.fields;

export const metadata: Metadata = { title: t.title };

type Params = Promise<Record<string, string | string[] | undefined>>;

const contractOption = (contract: ContractDTO) => ({
  value: String(contract.id),
  label: contract.isActive ? `${contract.label} · ${contract.producer}` : c.distributions.inactiveContract(contract.label),
});

function slotFields(defaults: { date?: string; start?: string; end?: string }): FormField[] {
  return [
    { kind: "input", type: "date", name: "date", label: f.date, required: true, defaultValue: defaults.date },
    { kind: "input", type: "time", name: "start", label: f.start, required: true, half: true, defaultValue: defaults.start },
    { kind: "input", type: "time", name: "end", label: f.end, required: true, half: true, defaultValue: defaults.end },
  ];
}

function placeField(places: PlaceDTO[]): FormField {
  return {
    kind: "select",
    name: "placeId",
    label: f.placeId,
    required: true,
    placeholder: c.choosePlace,
    defaultValue: places.length === 1 ? String(places[0]!.id) : "",
    options: places.map((p) => ({ value: String(p.id), label: p.name })),
  };
}

function contractsField(options: ContractDTO[], checked: number[], hideLabel = false): FormField {
  return {
    kind: "checkboxes",
    hideLabel,
    name: "contractIds",
    label: f.contractIds,
    options: options.map(contractOption),
    defaultValues: checked.map(String),
  };
}

export default async function CalendarPage({ searchParams }: { searchParams: Params }) {
  const viewer = await requireViewer();
  const params = await searchParams;
  const today = parisDate(new Date());
  const month = parseMonth([params.mois].flat()[0]) ?? monthOf(today);
  const [places, contracts, distributions] = await Promise.all([
    listPlaces(viewer),
    listContracts(viewer),
    listDistributions(viewer, monthsPeriod(month, WINDOW)),
  ]);
  // Each read answers null for anyone but a référent.
  if (!places || !contracts || !distributions) notFound();

  const active = contracts.filter((contract) => contract.isActive);
  const canCreate = places.length > 0 && active.length > 0;
  const months = Array.from({ length: WINDOW }, (_, i) => addMonths(month, i));
  const lastMonth = months.at(-1)!;

  return (
    <>
      <PageTitle>{t.title}</PageTitle>
      <CalendarNav current="distributions" />
      <p className="mb-4">{t.intro}</p>

      {canCreate ? (
        <div className="mb-6 flex flex-col gap-3">
          <section aria-labelledby="saison" className="rounded-lg border border-leaf-100 bg-white px-4 shadow-sm">
            <details>
              <summary className="flex min-h-12 cursor-pointer items-center text-lg font-bold text-leaf-800">
                <h2 id="saison">{t.seriesTitle}</h2>
              </summary>
              <p className="mb-3">{t.seriesIntro}</p>
              <div className="pb-4">
                <FieldsForm
                  action={generateSeriesAction}
                  idPrefix="saison"
                  submit={t.seriesSubmit}
                  fields={[
                    placeField(places),
                    {
                      kind: "select",
                      name: "weekday",
                      label: f.weekday,
                      required: true,
                      placeholder: c.chooseWeekday,
                      options: c.weekOrder.map((day) => ({ value: String(day), label: c.weekdays[day]! })),
                    },
                    { kind: "input", type: "date", name: "from", label: f.from, required: true, half: true, defaultValue: today },
                    { kind: "input", type: "date", name: "to", label: f.to, required: true, half: true },
                    { kind: "input", type: "time", name: "start", label: f.start, required: true, half: true, defaultValue: "18:30" },
                    { kind: "input", type: "time", name: "end", label: f.end, required: true, half: true, defaultValue: "20:00" },
                    contractsField(active, active.map((contract) => contract.id)),
                  ]}
                />
              </div>
            </details>
          </section>
          <section aria-labelledby="ajout-date" className="rounded-lg border border-leaf-100 bg-white px-4 shadow-sm">
            <details>
              <summary className="flex min-h-12 cursor-pointer items-center text-lg font-bold text-leaf-800">
                <h2 id="ajout-date">{t.addTitle}</h2>
              </summary>
              <p className="mb-3">{t.addIntro}</p>
              <div className="pb-4">
                <FieldsForm
                  action={addDateAction}
                  idPrefix="ajout"
                  submit={t.addSubmit}
                  fields={[
                    placeField(places),
                    ...slotFields({ start: "18:30", end: "20:00" }),
                    contractsField(active, active.map((contract) => contract.id)),
                  ]}
                />
              </div>
            </details>
          </section>
        </div>
      ) : (
        <Card className="mb-6">
          <p className="mb-3">{t.needSetup}</p>
          <div className="flex flex-wrap gap-2">
            <Link href="/admin/calendrier/lieux" className={buttonClass("secondary")}>
              {t.setupPlaces}
            </Link>
            <Link href="/admin/calendrier/contrats" className={buttonClass("secondary")}>
              {t.setupContracts}
            </Link>
          </div>
        </Card>
      )}

      <nav aria-label={t.period(formatMonth(month), formatMonth(lastMonth))} className="mb-4 grid grid-cols-2 gap-2">
        <Link href={`/admin/calendrier?mois=${addMonths(month, -WINDOW)}`} className={buttonClass("secondary")}>
          {t.earlier}
        </Link>
        <Link href={`/admin/calendrier?mois=${addMonths(month, WINDOW)}`} className={buttonClass("secondary")}>
          {t.later}
        </Link>
      </nav>

      <div className="flex flex-col gap-4">
        {months.map((m, i) => {
          const inMonth = distributions.filter((d) => monthOf(d.date) === m);
          const flashes = new Map(inMonth.map((d) => [d.id, flashFor(params, d.id, formatSlot(d.startsAt, d.endsAt))]));
          // The first two months open; a later one too when it holds the date a form just changed.
          const isOpen = i < 2 || [...flashes.values()].some((flash) => flash !== null);
          return (
            <MonthSection key={m} id={`mois-${m}`} title={formatMonth(m)} count={t.monthCount(inMonth.length)} isOpen={isOpen}>
              {inMonth.length === 0 ? <Card>{t.emptyMonth}</Card> : null}
              <ul className="flex flex-col gap-3">
                {inMonth.map((d) => (
                  <li key={d.id}>
                    <DistributionCard distribution={d} contracts={contracts} month={month} flash={flashes.get(d.id) ?? null} />
                  </li>
                ))}
              </ul>
            </MonthSection>
          );
        })}
      </div>
    </>
  );
}

type CardProps = {
  distribution: DistributionDTO;
  contracts: ContractDTO[];
  /** The first month shown, sent back by forms that reload the page at this card. */
  month: string;
  flash: string | null;
};

function DistributionCard({ distribution: d, contracts, month, flash }: CardProps) {
  const slot = formatSlot(d.startsAt, d.endsAt);
  const isCancelled = d.cancelledAt !== null;
  const changeable = !isCancelled && !d.hasStarted;
  const delivered = d.contracts.map((contract) => contract.id);
  // Active contracts can be added; those delivered stay listed even once deactivated.
  const choices = contracts.filter((contract) => contract.isActive || delivered.includes(contract.id));
  return (
    <article
      id={`distribution-${d.id}`}
      aria-label={`${slot} — ${d.placeName}`}
      className={`scroll-mt-4 rounded-lg border p-4 shadow-sm ${isCancelled ? "border-red-200 bg-red-50" : "border-leaf-100 bg-white"} ${
        d.hasStarted ? "opacity-80" : ""
      }`}
    >
      {flash ? (
        <div className="mb-2">
          <Alert kind="info">{flash}</Alert>
        </div>
      ) : null}
      <h3 className={`font-semibold first-letter:uppercase ${isCancelled ? "line-through decoration-red-800" : ""}`}>
        {/* "18 h 30" never splits across lines. */}
        {slot.replace(/(\d) h(?: (\d))?/g, (_, hour: string, minutes?: string) => `${hour}\u00a0h${minutes ? `\u00a0${minutes}` : ""}`)}
      </h3>
      <p>{d.placeName}</p>
      {isCancelled ? (
        <p className="mt-1">
          <span className="mr-2 inline-block rounded bg-red-800 px-2 py-0.5 text-sm font-semibold text-white">{t.cancelled}</span>
          {d.cancelReason ? <span className="text-sm">{t.cancelledBecause(d.cancelReason)}</span> : null}
        </p>
      ) : d.hasStarted ? (
        <p className="mt-1 inline-block rounded bg-leaf-100 px-2 py-0.5 text-sm font-semibold text-leaf-800">{t.past}</p>
      ) : null}
      <p className="mt-1 text-sm">
        <span className="font-semibold">{f.contractIds}{"\u00a0: "}</span>
        {d.contracts.length === 0
          ? t.noContracts
          : d.contracts.map((contract) => (contract.isActive ? contract.label : t.inactiveContract(contract.label))).join(", ")}
      </p>
      {/* Once started, its offers are settled (done, unclaimed): the sign sheet tells what became of them. */}
      {d.hasStarted && !isCancelled ? null : <p className="text-sm text-muted">{t.offers(d.activeOffers)}</p>}

      {changeable ? (
        // The three actions share a row while closed; an open one takes the whole width.
        <div className="mt-2 flex flex-wrap gap-x-5 border-t border-leaf-100 pt-1">
          <Disclosure summary={t.move}>
            <p className="mb-2 text-sm text-muted">{c.distributions.moveHint}</p>
            <FieldsForm
              action={moveAction}
              hidden={{ distributionId: d.id, mois: month }}
              idPrefix={`deplacer-${d.id}`}
              submit={t.moveSubmit}
              fields={slotFields({ date: d.date, start: d.start, end: d.end })}
            />
          </Disclosure>
          <Disclosure summary={t.contracts}>
            <FieldsForm
              action={deliveredContractsAction}
              hidden={{ distributionId: d.id }}
              idPrefix={`contrats-${d.id}`}
              submit={t.contractsSubmit}
              fields={[contractsField(choices, delivered, true)]}
            />
          </Disclosure>
          <Disclosure summary={t.cancel} tone="danger">
            <p className="mb-2 text-sm text-muted">{t.cancelHint}</p>
            <FieldsForm
              action={cancelAction}
              hidden={{ distributionId: d.id, mois: month }}
              idPrefix={`annuler-${d.id}`}
              submit={t.cancelSubmit}
              variant="secondary"
              fields={[
                {
                  kind: "textarea",
                  name: "reason",
                  label: f.reason,
                  hint: c.hints.reason,
                  required: true,
                  maxLength: CALENDAR_LIMITS.reason,
                  rows: 2,
                },
              ]}
            />
          </Disclosure>
        </div>
      ) : null}

      {isCancelled && d.activeOffers > 0 && !d.hasStarted ? (
        <div className="mt-2">
          <p className="mb-2 text-sm font-semibold text-red-900">{t.remaining(d.activeOffers)}</p>
          <FieldsForm
            action={cancelRemainingAction}
            hidden={{ distributionId: d.id, mois: month }}
            idPrefix={`restants-${d.id}`}
            submit={t.remainingSubmit}
            variant="secondary"
            fields={[]}
          />
        </div>
      ) : null}
    </article>
  );
}
