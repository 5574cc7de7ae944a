import "server-only";
// The places of distribution: listed, added and edited by the référents
// (a command is one transaction with its audit event: calendar-kit.ts).
import { and, asc, count, eq, gt, isNull } from "drizzle-orm";
import * as s from "@/db/schema";
import { checkPlace } from "@/lib/domain/calendar";
import type { Viewer } from "../../auth";
import { audit, command, invalid, refused, type CalendarResult } from "./calendar-kit";
import { referentRead } from "../../auth";

export type PlaceDTO = {
  id: number;
  name: string;
  address: string;
  accessNotes: string;
  /** Distributions still to come there (cancelled ones aside). */
  upcoming: number;
};

export function listPlaces(viewer: Viewer | null, now = new Date()): Promise<PlaceDTO[] | null> {
  return referentRead(viewer, async (ex) => {
    const [rows, upcoming] = await Promise.all([
      ex
        .select({ id: s.places.id, name: s.places.name, address: s.places.address, accessNotes: s.places.accessNotes })
        .from(s.places)
        .where(eq(s.places.amapId, viewer!.amapId))
        .orderBy(asc(s.places.name), asc(s.places.id)),
      ex
        .select({ placeId: s.distributions.placeId, n: count() })
        .from(s.distributions)
        .where(and(eq(s.distributions.amapId, viewer!.amapId), isNull(s.distributions.cancelledAt), gt(s.distributions.startsAt, now)))
        .groupBy(s.distributions.placeId),
    ]);
    const counts = new Map(upcoming.map((u) => [u.placeId, Number(u.n)]));
    return rows.map((r) => ({ ...r, upcoming: counts.get(r.id) ?? 0 }));
  });
}

export type PlaceFields = { name: string; address: string; accessNotes: string };

export function addPlace(viewer: Viewer, raw: PlaceFields): Promise<CalendarResult<{ placeId: number }>> {
  return command(viewer, async (tx) => {
    const checked = checkPlace(raw);
    if (!checked.ok) return invalid(checked.fields);
    const [place] = await tx.insert(s.places).values({ ...checked.value, amapId: viewer.amapId }).returning({ id: s.places.id });
    await audit(tx, viewer, "place.create", { placeId: place!.id, ...checked.value });
    return { ok: true, value: { placeId: place!.id } };
  });
}

export function editPlace(viewer: Viewer, placeId: number, raw: PlaceFields): Promise<CalendarResult> {
  return command(viewer, async (tx) => {
    const checked = checkPlace(raw);
    if (!checked.ok) return invalid(checked.fields);
    const mine = and(eq(s.places.id, placeId), eq(s.places.amapId, viewer.amapId));
    const [before] = await tx.select().from(s.places).where(mine).for("update");
    if (!before) return refused("not_found");
    await tx.update(s.places).set(checked.value).where(mine);
    await audit(tx, viewer, "place.update", {
      placeId,
      before: { name: before.name, address: before.address, accessNotes: before.accessNotes },
      after: checked.value,
    });
    return { ok: true, value: null };
  });
}
