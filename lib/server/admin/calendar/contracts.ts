import "server-only";
// The contracts (a producer's basket at a price): listed, added, edited,
// switched off by the référents (one transaction each, with its audit event).
import { and, asc, desc, eq } from "drizzle-orm";
import * as s from "@/db/schema";
import { basketLabel } from "@/lib/domain/basket";
import { checkContract } from "@/lib/domain/calendar";
import type { Viewer } from "../../auth";
import { audit, command, invalid, refused, type CalendarResult } from "./calendar-kit";
import { referentRead } from "../../auth";

export type ContractDTO = {
  id: number;
  product: string;
  producer: string;
  size: string;
  unitPriceCents: number;
  isActive: boolean;
  /** "Légumes — grand panier". */
  label: string;
};

/** A contract as the référents' pages show it (the calendar lists each date's too). */
export const contractColumns = {
  id: s.contracts.id,
  product: s.contracts.product,
  producer: s.contracts.producer,
  size: s.contracts.size,
  unitPriceCents: s.contracts.unitPriceCents,
  isActive: s.contracts.isActive,
};

/** Active contracts first, then by product and size. */
export function listContracts(viewer: Viewer | null): Promise<ContractDTO[] | null> {
  return referentRead(viewer, async (ex) => {
    const rows = await ex
      .select(contractColumns)
      .from(s.contracts)
      .where(eq(s.contracts.amapId, viewer!.amapId))
      .orderBy(desc(s.contracts.isActive), asc(s.contracts.product), asc(s.contracts.size), asc(s.contracts.id));
    return rows.map((r) => ({ ...r, label: basketLabel(r.product, r.size) }));
  });
}

export type ContractFields = { product: string; producer: string; size: string; price: string };

export function addContract(viewer: Viewer, raw: ContractFields): Promise<CalendarResult<{ contractId: number }>> {
  return command(viewer, async (tx) => {
    const checked = checkContract(raw);
    if (!checked.ok) return invalid(checked.fields);
    const [contract] = await tx.insert(s.contracts).values({ ...checked.value, amapId: viewer.amapId }).returning({ id: s.contracts.id });
    await audit(tx, viewer, "contract.create", { contractId: contract!.id, ...checked.value });
    return { ok: true, value: { contractId: contract!.id } };
  });
}

/**
 * A new price applies to baskets offered from now on: an offer keeps the
 * price of its day (offer_lines.unit_price_cents).
 */
export function editContract(viewer: Viewer, contractId: number, raw: ContractFields): Promise<CalendarResult> {
  return command(viewer, async (tx) => {
    const checked = checkContract(raw);
    if (!checked.ok) return invalid(checked.fields);
    const mine = and(eq(s.contracts.id, contractId), eq(s.contracts.amapId, viewer.amapId));
    const [before] = await tx.select(contractColumns).from(s.contracts).where(mine).for("update");
    if (!before) return refused("not_found");
    await tx.update(s.contracts).set(checked.value).where(mine);
    const { id: _id, isActive: _active, ...was } = before;
    await audit(tx, viewer, "contract.update", { contractId, before: was, after: checked.value });
    return { ok: true, value: null };
  });
}

/**
 * An inactive contract is no longer offered for new dates; the dates that
 * already deliver it, and the members' subscriptions, are left as they are.
 */
export function setContractActive(viewer: Viewer, contractId: number, active: boolean): Promise<CalendarResult> {
  return command(viewer, async (tx) => {
    const mine = and(eq(s.contracts.id, contractId), eq(s.contracts.amapId, viewer.amapId));
    const [contract] = await tx.select({ isActive: s.contracts.isActive }).from(s.contracts).where(mine).for("update");
    if (!contract) return refused("not_found");
    if (contract.isActive !== active) {
      await tx.update(s.contracts).set({ isActive: active }).where(mine);
      await audit(tx, viewer, active ? "contract.reactivate" : "contract.deactivate", { contractId });
    }
    return { ok: true, value: null };
  });
}
