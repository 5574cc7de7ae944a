// Shared pieces of the basket-exchange specs: a `test` that can open more
// signed-in browsers (one per person), a scene of the test's own (place,
// contracts, distribution), offers and reservations written straight into the
// database the way the commands leave them, and the mails the exchange sends.
import type { Browser, Page } from "@playwright/test";
import { createContract, createDistribution, createPlace } from "@/db/factories";
import { memberLinesAt } from "@/db/queries";
import * as s from "@/db/schema";
import type { Db } from "@/db/types";
import { addDays, formatDay, formatSlot, parisDate } from "@/lib/domain/time";
import { test as base } from "./fixtures";
import { signIn } from "./mailbox";
import { amapOfDistribution } from "@/db/queries";

export { expect } from "./fixtures";

type Context = Awaited<ReturnType<Browser["newContext"]>>;

type Fixtures = {
  /** A new browser context (no cookies) with the project's device settings; closed at the end of the test. */
  newContext: (options?: { javaScriptEnabled?: boolean }) => Promise<Context>;
  /**
   * A new browser (its own cookies) for someone else, signed in as `email`,
   * with the same device settings as `page`. Closed at the end of the test.
   */
  openSession: (email: string) => Promise<Page>;
  /**
   * A new browser with no cookies at all (someone who follows a link from
   * their mailbox), with the same device settings as `page`. Closed at the
   * end of the test.
   */
  openVisitor: (options?: { javaScriptEnabled?: boolean }) => Promise<Page>;
};

export const test = base.extend<Fixtures>({
  // A fresh context with the project's device settings: browser.newContext()
  // does not apply the project's `use` options, so they are passed on here.
  newContext: async (
    { browser, baseURL, viewport, isMobile, hasTouch, userAgent, deviceScaleFactor, locale, timezoneId, extraHTTPHeaders },
    // Named `provide`, not `use`: the React hooks lint rule would take it for a hook.
    provide,
  ) => {
    const opened: Context[] = [];
    await provide(async (options = {}) => {
      const context = await browser.newContext({
        baseURL,
        viewport,
        isMobile,
        hasTouch,
        userAgent,
        deviceScaleFactor,
        locale,
        timezoneId,
        // The test's client address (e2e/fixtures.ts), for the per-IP sign-in limit.
        extraHTTPHeaders,
        ...options,
      });
      opened.push(context);
      return context;
    });
    for (const context of opened) await context.close();
  },
  openSession: async ({ newContext }, provide) => {
    await provide(async (email) => {
      const page = await (await newContext()).newPage();
      await signIn(page, email);
      return page;
    });
  },
  openVisitor: async ({ newContext }, provide) => {
    await provide(async (options) => (await newContext(options)).newPage());
  },
});

/** A short random tag, to tell this test's rows from every other's. */
export function tag(): string {
  return Math.random().toString(36).slice(2, 8);
}

export type Scene = {
  place: s.Place;
  vegetables: s.Contract;
  eggs: s.Contract;
  distribution: s.Distribution;
  /** "jeudi 3 décembre": how mails name the day. */
  day: string;
  /** "jeudi 3 décembre, 18 h 30 – 20 h": how pages name the distribution. */
  slot: string;
};

/**
 * A place, two contracts (vegetables 22 €, eggs 3,50 €) and a distribution of
 * both, `daysAhead` days from today (offering closes 12 h before the start),
 * all of the test's own: no demo member subscribes to these contracts.
 */
export async function createScene(db: Db, { daysAhead = 4 }: { daysAhead?: number } = {}): Promise<Scene> {
  const place = await createPlace(db, {
    name: `Salle e2e ${tag()}`,
    address: "3 rue des Essais, 69000 Lyon",
    accessNotes: "Entrée par le portail vert.",
  });
  const vegetables = await createContract(db, {
    product: "Légumes",
    producer: "Ferme e2e",
    size: "grand panier",
    unitPriceCents: 2200,
  });
  const eggs = await createContract(db, { product: "Œufs", producer: "Poulailler e2e", size: "boîte de 6", unitPriceCents: 350 });
  const distribution = await createDistribution(db, {
    placeId: place.id,
    date: addDays(parisDate(new Date()), daysAhead),
    start: "18:30",
    end: "20:00",
    contractIds: [vegetables.id, eggs.id],
  });
  return {
    place,
    vegetables,
    eggs,
    distribution,
    day: formatDay(distribution.startsAt),
    slot: formatSlot(distribution.startsAt, distribution.endsAt),
  };
}

/** Another distribution of the scene's contracts at its place, `daysAhead` days from today. */
export async function addDistribution(db: Db, scene: Scene, daysAhead: number) {
  const distribution = await createDistribution(db, {
    placeId: scene.place.id,
    date: addDays(parisDate(new Date()), daysAhead),
    start: "18:30",
    end: "20:00",
    contractIds: [scene.vegetables.id, scene.eggs.id],
  });
  return { distribution, day: formatDay(distribution.startsAt), slot: formatSlot(distribution.startsAt, distribution.endsAt) };
}

/** Writes an offer as the commands would have left it: the offer, its lines, its reservations in arrival order. */
export async function seedOffer(
  db: Db,
  input: {
    memberId: string;
    distribution: s.Distribution;
    status: s.OfferStatus;
    message?: string;
    /** The first reservation is accepted at once (« Accepter automatiquement »). */
    autoAccept?: boolean;
    /** Only these contracts of the member's basket (default: all of it). */
    contractIds?: number[];
    reservations?: { intermittentId: string; status: s.ReservationStatus }[];
  },
): Promise<{ offerId: number; reservationIds: number[] }> {
  const [offer] = await db
    .insert(s.offers)
    .values({ amapId: amapOfDistribution(input.distribution.id),
      memberId: input.memberId,
      distributionId: input.distribution.id,
      status: input.status,
      message: input.message ?? "",
      autoAccept: input.autoAccept ?? false,
    })
    .returning({ id: s.offers.id });
  const lines = (await memberLinesAt(db, input.memberId, input.distribution)).filter(
    (l) => !input.contractIds || input.contractIds.includes(l.contractId),
  );
  if (lines.length === 0) throw new Error("seedOffer : ce membre n'a aucun panier à cette distribution.");
  await db
    .insert(s.offerLines)
    .values(lines.map((l) => ({ ...l, offerId: offer!.id, distributionId: input.distribution.id })));
  const reservationIds: number[] = [];
  let position = 0;
  for (const r of input.reservations ?? []) {
    const [row] = await db
      .insert(s.reservations)
      .values({ offerId: offer!.id, intermittentId: r.intermittentId, status: r.status, position: ++position })
      .returning({ id: s.reservations.id });
    reservationIds.push(row!.id);
  }
  return { offerId: offer!.id, reservationIds };
}
