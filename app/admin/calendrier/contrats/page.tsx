import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ActionForm } from "@/components/action-form";
import { FieldsForm, type FormField } from "@/components/fields-form";
import { Card, PageTitle } from "@/components/ui";
import { CALENDAR_LIMITS, priceInput } from "@/lib/domain/calendar";
import { formatPrice } from "@/lib/domain/time";
import { adminCalendarFr } from "@/lib/i18n/admin-calendar-fr";
import { listContracts, type ContractDTO } from "@/lib/server/admin/calendar/calendar";
import { requireViewer } from "@/lib/server/auth/auth";
import { CalendarNav, Disclosure } from "../calendar-parts";
import { addContractAction, editContractAction, setContractActiveAction } from "./actions";

const t = adminCalendarFr.contracts;
const f = adminCalendarFr.fields;
const h = adminCalendarFr.hints;

export const metadata: Metadata = { title: t.title };

function contractFields(contract?: ContractDTO): FormField[] {
  return [
    { kind: "input", name: "product", label: f.product, hint: h.product, required: true, maxLength: CALENDAR_LIMITS.product, defaultValue: contract?.product },
    { kind: "input", name: "producer", label: f.producer, required: true, maxLength: CALENDAR_LIMITS.producer, defaultValue: contract?.producer },
    { kind: "input", name: "size", label: f.size, hint: h.size, maxLength: CALENDAR_LIMITS.size, defaultValue: contract?.size },
    {
      kind: "input",
      name: "price",
      label: f.price,
      hint: h.price,
      required: true,
      inputMode: "decimal",
      maxLength: 12,
      defaultValue: contract ? priceInput(contract.unitPriceCents) : undefined,
    },
  ];
}

export default async function ContractsPage() {
  const viewer = await requireViewer();
  const contracts = await listContracts(viewer);
  // The read answers null for anyone but a référent.
  if (!contracts) notFound();
  return (
    <>
      <PageTitle>{t.title}</PageTitle>
      <CalendarNav current="contracts" />
      <p className="mb-4">{t.intro}</p>
      {contracts.length === 0 ? <Card>{t.empty}</Card> : null}
      <ul className="flex flex-col gap-3">
        {contracts.map((contract) => (
          <li key={contract.id}>
            <article
              aria-label={`${contract.label}, ${contract.producer}`}
              className={`rounded-lg border border-leaf-100 p-4 shadow-sm ${contract.isActive ? "bg-white" : "bg-leaf-50"}`}
            >
              <h2 className="text-lg font-semibold text-leaf-800">
                {contract.label} <span className="whitespace-nowrap font-normal text-ink">· {formatPrice(contract.unitPriceCents)}</span>
              </h2>
              <p>{t.producer(contract.producer)}</p>
              {!contract.isActive ? (
                <p className="mt-1 inline-block rounded bg-amber-100 px-2 py-0.5 text-sm font-semibold text-amber-900">{t.inactive}</p>
              ) : null}
              <Disclosure summary={t.edit}>
                <FieldsForm
                  action={editContractAction}
                  hidden={{ contractId: contract.id }}
                  fields={contractFields(contract)}
                  submit={t.editSubmit}
                  idPrefix={`contrat-${contract.id}`}
                />
              </Disclosure>
              <ActionForm
                action={setContractActiveAction}
                hidden={{ contractId: contract.id, active: contract.isActive ? "0" : "1" }}
                label={contract.isActive ? t.deactivate : t.reactivate}
                variant="secondary"
              />
            </article>
          </li>
        ))}
      </ul>
      <section aria-labelledby="ajouter-contrat" className="mt-8">
        <h2 id="ajouter-contrat" className="mb-3 text-xl font-bold text-leaf-800">
          {t.addTitle}
        </h2>
        <Card>
          <FieldsForm action={addContractAction} fields={contractFields()} submit={t.addSubmit} idPrefix="nouveau-contrat" />
        </Card>
      </section>
    </>
  );
}
