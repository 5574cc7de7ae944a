// The state machine (lib/domain/offer.ts) against the schema: every decision
// the machine can make, from every state it can reach, written to a real
// database by the commands' own writer (applyDecision). The machine must never
// produce what the schema refuses — two reservations pending or accepted at
// once, two live places for one person, one position twice — nor a change
// list that passes through such a state row by row (the « Attribuer » bug:
// the assignee accepted before the pending one stepped back).
//
// First systematically (breadth-first from an open offer, three
// intermittents, up to four reservations), then as random command sequences
// (fast-check) through the real commands, batching included.
import fc from "fast-check";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, type Db } from "@/db/client";
import { createIntermittent, createUser } from "@/db/factories";
import * as s from "@/db/schema";
import type { OfferSnapshot } from "@/lib/domain/offer";
import { enumerate, keyOf, next, PEOPLE, type Accepted } from "@/test/offer-machine-states";
import { memberWithBasket, vegetablesContract, viewerOf } from "@/test/exchange-fixtures";
import type { Viewer } from "../auth/auth";
import {
  acceptReservation,
  applyDecision,
  assignOffer,
  autoAcceptPending,
  cancelOffer,
  createOffers,
  declineReservation,
  reserveOffer,
  withdrawReservation,
} from "./offers";
import { amapOfDistribution, firstAmapId } from "@/db/queries";

class Rollback extends Error {}

let db: Db;
let contract: s.Contract;

beforeAll(async () => {
  db = await getDb();
  contract = await vegetablesContract(db);
});

describe("the offer state machine against the schema", () => {
  it("every decision from every reachable state writes to the database, row by row, and gives the state the machine expects", async () => {
    const cases = enumerate();
    // Coverage of the bug this test stands for: « Attribuer » to someone in line while another awaits an answer.
    expect(
      cases.some(
        (c) =>
          c.name.startsWith("assign") &&
          c.state.reservations.some((r) => r.status === "pending") &&
          c.state.reservations.some((r) => r.status === "queued" && `assign ${r.intermittentId}` === c.name),
      ),
    ).toBe(true);
    expect(cases.length).toBeGreaterThan(300);

    const { user: member, distribution } = await memberWithBasket(db, contract, { daysAhead: 5 });
    const people = new Map<string, string>([["owner", member.id]]);
    for (const p of PEOPLE) people.set(p, (await createIntermittent(db, { firstName: p })).id);
    people.set("rose", (await createUser(db, { firstName: "Rose", isReferent: true })).id);
    const real = (id: string) => people.get(id)!;

    const failures: string[] = [];
    for (const c of cases) {
      try {
        await db.transaction(async (tx) => {
          const [offer] = await tx
            .insert(s.offers)
            .values({ amapId: amapOfDistribution(distribution.id), memberId: member.id, distributionId: distribution.id, status: c.state.status, autoAccept: c.state.autoAccept })
            .returning({ id: s.offers.id });
          const ids = new Map<number, number>();
          for (const r of c.state.reservations) {
            const [row] = await tx
              .insert(s.reservations)
              .values({ offerId: offer!.id, intermittentId: real(r.intermittentId), status: r.status, position: r.position })
              .returning({ id: s.reservations.id });
            ids.set(r.id, row!.id);
          }
          const realId = (id: number) => ids.get(id)!;
          const snapshot: OfferSnapshot = {
            ...c.state,
            id: offer!.id,
            memberId: member.id,
            reservations: c.state.reservations.map((r) => ({ ...r, id: realId(r.id), intermittentId: real(r.intermittentId) })),
          };
          const decision: Accepted = {
            ...c.decision,
            reservationChanges: c.decision.reservationChanges.map((ch) => ({ ...ch, id: realId(ch.id) })),
            ...(c.decision.newReservation
              ? { newReservation: { ...c.decision.newReservation, intermittentId: real(c.decision.newReservation.intermittentId) } }
              : {}),
            notices: c.decision.notices.map((n) =>
              "reservation" in n && typeof n.reservation === "number" ? { ...n, reservation: realId(n.reservation) } : n,
            ),
          };
          await applyDecision(tx, { ...snapshot, amapId: await firstAmapId(tx) }, decision, c.actor.userId ? real(c.actor.userId) : null, "motif");
          const expected = next(c.state, c.decision);
          const [after] = await tx.select({ status: s.offers.status }).from(s.offers).where(eq(s.offers.id, offer!.id));
          const rows = await tx
            .select({ status: s.reservations.status, position: s.reservations.position })
            .from(s.reservations)
            .where(eq(s.reservations.offerId, offer!.id))
            .orderBy(s.reservations.position);
          expect(after!.status).toBe(expected.status);
          expect(rows).toEqual(
            [...expected.reservations].sort((a, b) => a.position - b.position).map((r) => ({ status: r.status, position: r.position })),
          );
          throw new Rollback();
        });
      } catch (error) {
        if (!(error instanceof Rollback)) {
          failures.push(`${keyOf(c.state)} → ${c.name}: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 600_000);

  it("random sequences of the real commands never meet a database refusal", async () => {
    const { user: member, sub, distribution } = await memberWithBasket(db, contract, { daysAhead: 6 });
    const memberViewer = await viewerOf(db, member.id);
    const referentViewer = await viewerOf(db, (await createUser(db, { firstName: "Rose", isReferent: true })).id);
    const takers: Viewer[] = [];
    for (const p of PEOPLE) takers.push(await viewerOf(db, (await createIntermittent(db, { firstName: p })).id));

    const step = fc.record({
      kind: fc.constantFrom("reserve", "accept", "decline", "declineReferent", "withdraw", "assign", "auto", "cancel"),
      who: fc.integer({ min: 0, max: PEOPLE.length - 1 }),
      pick: fc.nat(),
    });
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.array(step, { minLength: 1, maxLength: 10 }), async (autoAccept, steps) => {
        const created = await createOffers(memberViewer, {
          distributionIds: [distribution.id],
          subscriptionIds: [sub.id],
          message: "",
          autoAccept,
        });
        expect(created.ok).toBe(true);
        const offerId = created.ok ? created.value.offerIds[0]! : 0;
        for (const { kind, who, pick } of steps) {
          const rows = await db.select().from(s.reservations).where(eq(s.reservations.offerId, offerId)).orderBy(s.reservations.id);
          const chosen = rows.length > 0 ? rows[pick % rows.length]! : null;
          const taker = takers[who]!;
          // Each command answers with a result (done, or a refusal): never a thrown database error.
          if (kind === "reserve") await reserveOffer(taker, offerId);
          else if (kind === "assign") await assignOffer(referentViewer, offerId, taker.userId, "Arrangement");
          else if (kind === "cancel") await cancelOffer(memberViewer, offerId, "Je reste");
          else if (chosen && kind === "accept") await acceptReservation(memberViewer, chosen.id);
          else if (chosen && kind === "decline") await declineReservation(memberViewer, chosen.id);
          else if (chosen && kind === "declineReferent") await declineReservation(referentViewer, chosen.id, "Absente");
          else if (chosen && kind === "auto") await autoAcceptPending(chosen.id);
          else if (chosen && kind === "withdraw") {
            const holder = takers.find((t) => t.userId === chosen.intermittentId)!;
            await withdrawReservation(holder, chosen.id);
          }
        }
        // Free the basket for the next run (an active offer holds its line).
        await cancelOffer(memberViewer, offerId, "Fin de l'essai");
        await db.update(s.offers).set({ status: "cancelled" }).where(eq(s.offers.id, offerId));
        await db.update(s.offerLines).set({ releasedAt: new Date() }).where(eq(s.offerLines.offerId, offerId));
      }),
      { numRuns: 40 },
    );
  }, 240_000);
});
