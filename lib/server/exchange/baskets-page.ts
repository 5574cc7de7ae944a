import "server-only";
// /paniers: the baskets an intermittent may reserve, a page at a time, and the one a link points at.
// What a page may show, and to whom: views.ts.
import { and, asc, eq, gt, inArray, isNotNull, isNull, ne, sql, type Placeholder, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "@/db/client";
import type { Db } from "@/db/types";
import { preparedPerDb } from "@/db/prepared";
import * as s from "@/db/schema";
import { queuePosition } from "@/lib/domain/offer";
import { reserveStanding, type Standstill } from "@/lib/domain/offer-standing";
import { formatSlot } from "@/lib/domain/time";
import type { Viewer } from "../auth";
import { basketLabel, lineTotalCents } from "@/lib/domain/basket";
import type { BasketLineDTO } from "./offer-rows";
import { offerViewOf, actorOf, total, type PlaceDTO } from "./views";
import { inOfferContext, offerMember } from "./offer-context";
import { partnersOf } from "../core";


export type AvailableOfferDTO = {
  offerId: number;
  memberFirstName: string;
  message: string;
  lines: BasketLineDTO[];
  totalCents: number;
  status: "open" | "reserved";
  /** The first reservation is accepted at once: the basket is the intermittent's without waiting for an answer. */
  autoAccept: boolean;
  /** People in line (awaiting the answer + waiting behind). */
  queueLength: number;
  /** The viewer's own place in this offer's line. */
  mine: null | { reservationId: number; status: "pending" | "queued"; position: number };
};

export type DistributionGroupDTO = {
  distributionId: number;
  slot: string;
  place: PlaceDTO;
  offers: AvailableOfferDTO[];
};

export type AvailableBasketsDTO = {
  groups: DistributionGroupDTO[];
  /** Offers listed in all (every page). */
  total: number;
  page: number;
  pageCount: number;
  /** What to say about the offer asked for (?offre=), or null: nothing more than its card. */
  focus: FocusDTO | null;
};

/**
 * The offer an email's link asked for (?offre=): listed, but reserved by
 * someone else meanwhile (the viewer may join the queue); or no longer
 * listed, and why.
 */
export type FocusDTO =
  | { kind: "reserved"; memberFirstName: string }
  | { kind: "gone"; why: "gone" | "taken" | "cancelled" | "distribution_cancelled" | "past" | "own_offer" | "mine_accepted" };

const FOCUS_GONE: readonly Standstill[] = ["taken", "cancelled", "distribution_cancelled", "past", "own_offer", "mine_accepted"];

async function focusOf(viewer: Viewer, offerId: number, listed: boolean, now: Date): Promise<FocusDTO | null> {
  const offer = await offerViewOf(offerId, viewer.amapId);
  const standing = reserveStanding(offer, actorOf(viewer), now);
  if (listed) {
    return offer && standing.ready && standing.step.as === "queued" ? { kind: "reserved", memberFirstName: offer.memberFirstName } : null;
  }
  // Cancelling a distribution cancels its offers; said first, whatever the offer's own state.
  const why = offer?.distributionCancelled
    ? "distribution_cancelled"
    : !standing.ready && FOCUS_GONE.includes(standing.standstill)
      ? standing.standstill
      : "gone";
  return { kind: "gone", why: why as Extract<FocusDTO, { kind: "gone" }>["why"] };
}

/**
 * Offers per page of /paniers: about what a phone shows in a few swipes (a
 * distribution or two of an ordinary AMAP); the page stays light (HTML,
 * server time, work for the phone) however many are offered.
 */
export const BASKETS_PAGE_SIZE = 20;

/**
 * What /paniers lists for a viewer: open or reserved offers of others in the
 * viewer's AMAP, for distributions still to come and not cancelled.
 */
export function listedForViewer(viewer: Pick<Viewer, "userId" | "amapId">, now: Date): SQL {
  return listedWhere(viewer.amapId, viewer.userId, now);
}

/** listedForViewer's condition, its values given or left to fill (a prepared statement's placeholders). */
function listedWhere(amapId: number | Placeholder, userId: string | Placeholder, now: Date | SQL): SQL {
  const viewer = { amapId, userId };
  return and(
    eq(s.offers.amapId, viewer.amapId),
    // Said of the distributions too: the planner then reads the AMAP's distributions only (its index leads with the AMAP).
    eq(s.distributions.amapId, viewer.amapId),
    inArray(s.offers.status, ["open", "reserved"]),
    gt(s.distributions.startsAt, now),
    isNull(s.distributions.cancelledAt),
    ne(s.offers.memberId, viewer.userId),
  )!;
}

/**
 * The page of /paniers an offer is on (they are listed by distribution, then
 * by offer), or null when it is not listed for the viewer any more. Email
 * links land there (`/paniers?offre=12`), whichever page it is.
 */
async function pageOfOffer(viewer: Viewer, offerId: number, now: Date): Promise<number | null> {
  const db = await getDb();
  const target = alias(s.offers, "target");
  const targetDistribution = alias(s.distributions, "target_distribution");
  // The listed offers up to the target in the page's order; the target is among them when it is listed.
  const [row] = await db
    .select({
      upTo: sql<number>`count(*)::int`,
      listed: sql<boolean>`coalesce(bool_or(${s.offers.id} = ${target.id}), false)`,
    })
    .from(s.offers)
    .innerJoin(s.distributions, eq(s.distributions.id, s.offers.distributionId))
    .innerJoin(target, eq(target.id, offerId))
    .innerJoin(targetDistribution, eq(targetDistribution.id, target.distributionId))
    .where(
      and(
        listedForViewer(viewer, now),
        sql`(${s.distributions.startsAt}, ${s.offers.id}) <= (${targetDistribution.startsAt}, ${target.id})`,
      ),
    );
  if (!row?.listed) return null;
  return Math.floor((row.upTo - 1) / BASKETS_PAGE_SIZE) + 1;
}

/**
 * Whether the viewer is on their AMAP's list and receives the partners'
 * baskets, and whether the AMAP has partners: what the partners' section
 * starts from (listPartnerBaskets). Uncorrelated subqueries: Postgres runs
 * them once per query (InitPlans), whatever the rows.
 */
function partnerStandingColumns(viewer: { amapId: number | Placeholder; userId: string | Placeholder }) {
  return {
    optedIn: sql<boolean | null>`(select m.partner_baskets from ${s.intermittentMemberships} m
      where m.amap_id = ${viewer.amapId} and m.user_id = ${viewer.userId} and m.left_at is null limit 1)`,
    hasPartners: sql<boolean>`exists (select 1 from ${s.amapPartnerships} p
      where p.accepted_at is not null and p.ended_at is null and (p.amap_id = ${viewer.amapId} or p.partner_amap_id = ${viewer.amapId}))`,
  };
}

/** What partnerStandingColumns read; optedIn null: not on the AMAP's list. */
export type PartnerStanding = { optedIn: boolean | null; hasPartners: boolean };

export async function listAvailableBaskets(
  viewer: Viewer,
  {
    page = 1,
    offerId,
    now = new Date(),
    withPartnerStanding = false,
  }: {
    page?: number;
    offerId?: number;
    now?: Date;
    /** Read the partners' standing in the same query (the page hands it to listPartnerBaskets): one round trip less. */
    withPartnerStanding?: boolean;
  } = {},
): Promise<AvailableBasketsDTO & { partnerStanding?: PartnerStanding | null }> {
  const db = await getDb();
  const focusPage = offerId === undefined ? undefined : await pageOfOffer(viewer, offerId, now);
  const current = Math.max(1, Math.floor(focusPage ?? page));
  // One round trip: the page of offers, with the total count alongside.
  const offers = await basketsPageQuery(db, withPartnerStanding).execute({
    amapId: viewer.amapId,
    userId: viewer.userId,
    now: now.toISOString(),
    offset: (current - 1) * BASKETS_PAGE_SIZE,
  });
  const listed = offers[0]?.total ?? (current > 1 ? await countAvailable(viewer, now) : 0);
  const groups = groupByDistribution(viewer, offers);
  const first = offers[0] as (typeof offers)[number] & Partial<PartnerStanding>;
  return {
    groups,
    total: listed,
    page: current,
    pageCount: Math.max(1, Math.ceil(listed / BASKETS_PAGE_SIZE)),
    focus: offerId === undefined ? null : await focusOf(viewer, offerId, focusPage !== null, now),
    // No row, no standing: listPartnerBaskets reads it itself.
    ...(withPartnerStanding ? { partnerStanding: first ? { optedIn: first.optedIn ?? null, hasPartners: first.hasPartners ?? false } : null } : {}),
  };
}

/**
 * The page of offers, as a prepared statement, built once per database
 * handle: Drizzle does not build its SQL again, and Postgres neither parses
 * it again nor, once its generic plan is as good as a fresh one (after five
 * runs), plans it again — per request, the web process and Postgres each
 * spend less CPU (BENCHMARKS.md, « The basket list near the floor (issue 14) »).
 * postgres.js keeps a named statement per connection; PGlite runs it as is.
 */
function basketsPageQuery(db: Db, withPartnerStanding: boolean): PreparedPage {
  const prepared = preparedPages(db);
  return withPartnerStanding ? prepared.withStanding : prepared.plain;
}

const preparedPages = preparedPerDb((db): { plain: PreparedPage; withStanding: PreparedPage } => {
  const build = (standing: boolean) => {
    const amapId = sql.placeholder("amapId");
    const userId = sql.placeholder("userId");
    return inOfferContext(
      db
        .select({
          ...LISTED_COLUMNS,
          total: sql<number>`(count(*) over ())::int`,
          ...(standing ? partnerStandingColumns({ amapId, userId }) : {}),
        })
        .from(s.offers)
        .$dynamic(),
    )
      // NOTE: the moment as text, cast by Postgres: as a timestamptz parameter of a named statement, the
      // value Drizzle hands postgres.js fails its serializer (ERR_INVALID_ARG_TYPE, seen on Postgres only).
      .where(listedWhere(amapId, userId, sql`${sql.placeholder("now")}::text::timestamptz`))
      .orderBy(asc(s.distributions.startsAt), asc(s.offers.id))
      .limit(BASKETS_PAGE_SIZE)
      .offset(sql.placeholder("offset"))
      .prepare(standing ? "baskets_page_with_partner_standing" : "baskets_page");
  };
  return { plain: build(false), withStanding: build(true) };
});

type PreparedPage = { execute: (values: Record<string, unknown>) => Promise<(ListedRow & { total: number } & Partial<PartnerStanding>)[]> };

/** How many offers /paniers lists for the viewer (for a page past the end). */
async function countAvailable(viewer: Viewer, now: Date): Promise<number> {
  const db = await getDb();
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(s.offers)
    .innerJoin(s.distributions, eq(s.distributions.id, s.offers.distributionId))
    .where(listedForViewer(viewer, now));
  return row?.n ?? 0;
}

/**
 * An offer's basket lines and its line (pending and queued reservations),
 * read with its row: correlated subqueries, which Postgres runs above the
 * sort and the window, row by row as LIMIT pulls them (the page's rows, and
 * the earlier pages' that OFFSET skips: index lookups, microseconds each on
 * 2,000 offers). One round trip instead of three: each query costs the
 * web process more CPU than its rows (BENCHMARKS.md, « The basket list near
 * the floor (issue 14) »). What linesOf and reservationsOf (offer-rows.ts) read.
 */
const offerLinesJson = sql<JsonLine[] | string>`(select coalesce(json_agg(json_build_object(
    'product', c.product, 'size', c.size, 'quantity', l.quantity, 'unitPriceCents', l.unit_price_cents) order by l.id), '[]'::json)
  from ${s.offerLines} l join ${s.contracts} c on c.id = l.contract_id where l.offer_id = ${s.offers.id})`;
const offerQueueJson = sql<JsonReservation[] | string>`(select coalesce(json_agg(json_build_object(
    'id', r.id, 'intermittentId', r.intermittent_id, 'status', r.status, 'position', r.position)), '[]'::json)
  from ${s.reservations} r where r.offer_id = ${s.offers.id} and r.status in ('pending', 'queued'))`;

type JsonLine = { product: string; size: string; quantity: number; unitPriceCents: number };
type JsonReservation = { id: number; intermittentId: string; status: "pending" | "queued"; position: number };

/** A json column as the driver hands it: parsed (postgres.js, PGlite), or text should a driver not parse it. */
const parsed = <T>(value: T[] | string): T[] => (typeof value === "string" ? (JSON.parse(value) as T[]) : value);

/** What a listed offer's card shows, read with the offer in its context (inOfferContext). */
const LISTED_COLUMNS = {
  lines: offerLinesJson,
  queue: offerQueueJson,
  offerId: s.offers.id,
  status: s.offers.status,
  autoAccept: s.offers.autoAccept,
  message: s.offers.message,
  memberFirstName: offerMember.firstName,
  distributionId: s.distributions.id,
  startsAt: s.distributions.startsAt,
  endsAt: s.distributions.endsAt,
  placeName: s.places.name,
  placeAddress: s.places.address,
  placeAccess: s.places.accessNotes,
};

type ListedRow = {
  lines: JsonLine[] | string;
  queue: JsonReservation[] | string;
  offerId: number;
  status: s.OfferStatus;
  autoAccept: boolean;
  message: string;
  memberFirstName: string;
  distributionId: number;
  startsAt: Date;
  endsAt: Date;
  placeName: string;
  placeAddress: string;
  placeAccess: string;
};

/** Listed offers (in their order) as the page shows them: by distribution, each with its lines and its queue. */
function groupByDistribution(viewer: Pick<Viewer, "userId">, offers: readonly ListedRow[]): DistributionGroupDTO[] {
  const groups = new Map<number, DistributionGroupDTO>();
  for (const o of offers) {
    let group = groups.get(o.distributionId);
    if (!group) {
      group = {
        distributionId: o.distributionId,
        slot: formatSlot(o.startsAt, o.endsAt),
        place: { name: o.placeName, address: o.placeAddress, accessNotes: o.placeAccess },
        offers: [],
      };
      groups.set(o.distributionId, group);
    }
    const line = parsed(o.queue);
    const mine = line.find((r) => r.intermittentId === viewer.userId);
    const offerLines: BasketLineDTO[] = parsed(o.lines).map((l) => ({
      label: basketLabel(l.product, l.size),
      quantity: l.quantity,
      priceCents: lineTotalCents(l),
    }));
    group.offers.push({
      offerId: o.offerId,
      memberFirstName: o.memberFirstName,
      message: o.message,
      lines: offerLines,
      totalCents: total(offerLines),
      status: o.status as "open" | "reserved",
      autoAccept: o.autoAccept,
      queueLength: line.length,
      mine: mine
        ? {
            reservationId: mine.id,
            status: mine.status as "pending" | "queued",
            position: queuePosition(line, mine.id) ?? 0,
          }
        : null,
    });
  }
  return [...groups.values()];
}

/** « Paniers des AMAP partenaires »: one partner AMAP's baskets offered to the viewer's AMAP's intermittents. */
export type PartnerBasketsDTO = { amapName: string; groups: DistributionGroupDTO[] };

/**
 * What the partners' section of /paniers shows: `opted` says whether the
 * viewer (an intermittent of their AMAP, which has partners) receives the
 * partners' baskets ("in") or could ("out"); "none" when the AMAP has no
 * partner or the viewer is not on its list. At most PARTNER_BASKETS_SHOWN
 * baskets, the soonest first.
 */
export type PartnersSectionDTO = { opted: "in" | "out" | "none"; amaps: PartnerBasketsDTO[] };

export const PARTNER_BASKETS_SHOWN = 30;

export async function listPartnerBaskets(viewer: Viewer, now = new Date(), known?: PartnerStanding | null): Promise<PartnersSectionDTO> {
  const db = await getDb();
  const standing = known ?? (await db.select(partnerStandingColumns(viewer)).from(sql`(select 1) as one`))[0]!;
  // Not on the AMAP's list, or an AMAP without partners: no section.
  if (standing.optedIn === null || !standing.hasPartners) return { opted: "none", amaps: [] };
  if (!standing.optedIn) return { opted: "out", amaps: [] };
  // The partners first (a handful, open ones only), then their offers by their index: not every AMAP's offers tested one by one.
  const partners = await partnersOf(db, viewer.amapId);
  if (partners.length === 0) return { opted: "in", amaps: [] };
  const nameOf = new Map(partners.map((p) => [p.id, p.name]));
  const rows = await inOfferContext(
    db
      .select({
        ...LISTED_COLUMNS,
        amapId: s.offers.amapId,
      })
      .from(s.offers)
      .$dynamic(),
  )
    .where(
      and(
        inArray(
          s.offers.amapId,
          partners.map((p) => p.id),
        ),
        isNotNull(s.offers.partnersAnnouncedAt),
        inArray(s.offers.status, ["open", "reserved"]),
        gt(s.distributions.startsAt, now),
        isNull(s.distributions.cancelledAt),
        ne(s.offers.memberId, viewer.userId),
        sql`not exists (select 1 from ${s.partnerListDepartures} d where d.user_id = ${viewer.userId} and d.amap_id = ${s.offers}.amap_id)`,
      ),
    )
    .orderBy(asc(s.distributions.startsAt), asc(s.offers.id))
    .limit(PARTNER_BASKETS_SHOWN);
  const byAmap = new Map<string, ListedRow[]>();
  for (const row of rows) {
    const name = nameOf.get(row.amapId)!;
    const list = byAmap.get(name);
    if (list) list.push(row);
    else byAmap.set(name, [row]);
  }
  const amaps: PartnerBasketsDTO[] = [];
  for (const [name, listed] of byAmap) amaps.push({ amapName: name, groups: groupByDistribution(viewer, listed) });
  return { opted: "in", amaps };
}
