import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { FieldsForm, type FormField } from "@/components/fields-form";
import { Card, PageTitle } from "@/components/ui";
import { CALENDAR_LIMITS } from "@/lib/domain/calendar";
import { adminCalendarFr } from "@/lib/i18n/admin-calendar-fr";
import { listPlaces, type PlaceDTO } from "@/lib/server/admin/calendar/calendar";
import { requireViewer } from "@/lib/server/auth/auth";
import { CalendarNav, Disclosure } from "../calendar-parts";
import { addPlaceAction, editPlaceAction } from "./actions";

const t = adminCalendarFr.places;
const f = adminCalendarFr.fields;
const h = adminCalendarFr.hints;

export const metadata: Metadata = { title: t.title };

function placeFields(place?: PlaceDTO): FormField[] {
  return [
    { kind: "input", name: "name", label: f.name, required: true, maxLength: CALENDAR_LIMITS.name, defaultValue: place?.name },
    {
      kind: "input",
      name: "address",
      label: f.address,
      hint: h.address,
      maxLength: CALENDAR_LIMITS.address,
      defaultValue: place?.address,
      autoComplete: "street-address",
    },
    { kind: "textarea", name: "accessNotes", label: f.accessNotes, hint: h.accessNotes, maxLength: CALENDAR_LIMITS.accessNotes, defaultValue: place?.accessNotes },
  ];
}

export default async function PlacesPage() {
  const viewer = await requireViewer();
  const places = await listPlaces(viewer);
  // The read answers null for anyone but a référent.
  if (!places) notFound();
  return (
    <>
      <PageTitle>{t.title}</PageTitle>
      <CalendarNav current="places" />
      <p className="mb-4">{t.intro}</p>
      {places.length === 0 ? <Card>{t.empty}</Card> : null}
      <ul className="flex flex-col gap-3">
        {places.map((place) => (
          <li key={place.id}>
            <article aria-label={place.name} className="rounded-lg border border-leaf-100 bg-white p-4 shadow-sm">
              <h2 className="text-lg font-semibold text-leaf-800">{place.name}</h2>
              {place.address ? <p>{place.address}</p> : null}
              {place.accessNotes ? <p className="whitespace-pre-line text-sm text-muted">{place.accessNotes}</p> : null}
              <p className="text-sm text-muted">{t.upcoming(place.upcoming)}</p>
              <Disclosure summary={t.edit}>
                <FieldsForm
                  action={editPlaceAction}
                  hidden={{ placeId: place.id }}
                  fields={placeFields(place)}
                  submit={t.editSubmit}
                  idPrefix={`lieu-${place.id}`}
                />
              </Disclosure>
            </article>
          </li>
        ))}
      </ul>
      <section aria-labelledby="ajouter-lieu" className="mt-8">
        <h2 id="ajouter-lieu" className="mb-3 text-xl font-bold text-leaf-800">
          {t.addTitle}
        </h2>
        <Card>
          <FieldsForm action={addPlaceAction} fields={placeFields()} submit={t.addSubmit} idPrefix="nouveau-lieu" />
        </Card>
      </section>
    </>
  );
}
