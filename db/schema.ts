// The whole domain of DESIGN.md in one Drizzle schema. One schema and one
// migration history serve both drivers (Postgres and embedded PGlite), so keep
// to SQL that PostgreSQL 15 accepts.
import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
const createdAt = () => tz("created_at").notNull().defaultNow();

// ---------------------------------------------------------------------------
// AMAPs (DESIGN.md §11): one deployment hosts a network of them. Every
// AMAP-owned row carries its AMAP; a person is one account across AMAPs.

export const amaps = pgTable(
  "amaps",
  {
    id: serial("id").primaryKey(),
    /** Its space's address: /<slug>/paniers. Lower-case letters, digits and dashes. */
    slug: text("slug").notNull(),
    createdAt: createdAt(),
    /** Set by the network's administrator: the AMAP's space is closed, its data kept. */
    suspendedAt: tz("suspended_at"),
  },
  (t) => [uniqueIndex("amaps_slug_key").on(t.slug), check("amaps_slug_format", sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`)],
);

const amapId = () =>
  integer("amap_id")
    .notNull()
    .references(() => amaps.id);

// ---------------------------------------------------------------------------
// People. `users` doubles as the Auth.js user table (id, name, email,
// emailVerified, image are the adapter's); roles are read from the data:
// member = holds a current subscription, intermittent = active on the list,
// référent = the flag below.

export const users = pgTable(
  "users",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    name: text("name"),
    email: text("email").notNull(),
    emailVerified: timestamp("email_verified", { mode: "date", withTimezone: true }),
    image: text("image"),
    firstName: text("first_name").notNull().default(""),
    lastName: text("last_name").notNull().default(""),
    phone: text("phone"),
    /** Administers the network: creates and suspends AMAPs, sees their numbers (NETWORK_ADMIN_EMAILS names them). */
    isNetworkAdmin: boolean("is_network_admin").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("users_email_key").on(sql`lower(${t.email})`)],
);

export const accounts = pgTable(
  "accounts",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text("type").$type<"email" | "oauth" | "oidc" | "webauthn">().notNull(),
    provider: text("provider").notNull(),
    providerAccountId: text("provider_account_id").notNull(),
    refresh_token: text("refresh_token"),
    access_token: text("access_token"),
    expires_at: integer("expires_at"),
    token_type: text("token_type"),
    scope: text("scope"),
    id_token: text("id_token"),
    session_state: text("session_state"),
  },
  (t) => [primaryKey({ columns: [t.provider, t.providerAccountId] })],
);

export const sessions = pgTable(
  "sessions",
  {
    sessionToken: text("session_token").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expires: timestamp("expires", { mode: "date", withTimezone: true }).notNull(),
    // When the person signed in: a session ends 30 days after, however much it is used (lib/server/auth/auth.ts).
    createdAt: createdAt(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const verificationTokens = pgTable(
  "verification_tokens",
  {
    identifier: text("identifier").notNull(),
    token: text("token").notNull(),
    expires: timestamp("expires", { mode: "date", withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);

/** Who administers an AMAP: its list, calendar and members (DESIGN.md §3). A role per AMAP. */
export const amapReferents = pgTable(
  "amap_referents",
  {
    amapId: integer("amap_id")
      .notNull()
      .references(() => amaps.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.amapId, t.userId] }), index("amap_referents_user_idx").on(t.userId)],
);

// ---------------------------------------------------------------------------
// Partner AMAPs (DESIGN.md §11): two AMAPs become partners when a référent of
// each agrees. The row is the request (asked by `amap_id`, of
// `partner_amap_id`); accepted it is the partnership; ended (refused,
// withdrawn or ended later) it stays as history. One live row per pair.

export const amapPartnerships = pgTable(
  "amap_partnerships",
  {
    id: serial("id").primaryKey(),
    /** The AMAP that asked. */
    amapId: amapId(),
    /** The AMAP asked. */
    partnerAmapId: integer("partner_amap_id")
      .notNull()
      .references(() => amaps.id),
    requestedById: text("requested_by_id").references(() => users.id, { onDelete: "set null" }),
    requestedAt: tz("requested_at").notNull().defaultNow(),
    acceptedById: text("accepted_by_id").references(() => users.id, { onDelete: "set null" }),
    acceptedAt: tz("accepted_at"),
    endedById: text("ended_by_id").references(() => users.id, { onDelete: "set null" }),
    endedAt: tz("ended_at"),
  },
  (t) => [
    uniqueIndex("amap_partnerships_live_pair_key")
      .on(sql`least(${t.amapId}, ${t.partnerAmapId})`, sql`greatest(${t.amapId}, ${t.partnerAmapId})`)
      .where(sql`${t.endedAt} is null`),
    index("amap_partnerships_amap_idx").on(t.amapId).where(sql`${t.endedAt} is null`),
    index("amap_partnerships_partner_idx").on(t.partnerAmapId).where(sql`${t.endedAt} is null`),
    check("amap_partnerships_two_amaps", sql`${t.amapId} <> ${t.partnerAmapId}`),
  ],
);

/**
 * An intermittent who left one partner AMAP's baskets (the one-click link of
 * its emails): that AMAP's baskets no longer reach them, the other partners' still do.
 */
export const partnerListDepartures = pgTable(
  "partner_list_departures",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The partner AMAP whose baskets they no longer receive. */
    amapId: amapId(),
    leftAt: tz("left_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.amapId] })],
);

// ---------------------------------------------------------------------------
// The calendar.

export const places = pgTable(
  "places",
  {
    id: serial("id").primaryKey(),
    amapId: amapId(),
    name: text("name").notNull(),
    address: text("address").notNull().default(""),
    accessNotes: text("access_notes").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [index("places_amap_idx").on(t.amapId)],
);

export const contracts = pgTable(
  "contracts",
  {
    id: serial("id").primaryKey(),
    amapId: amapId(),
    /** What the basket holds, e.g. "Légumes". */
    product: text("product").notNull(),
    producer: text("producer").notNull().default(""),
    /** e.g. "grand panier", "6 œufs"; empty when the contract has one size. */
    size: text("size").notNull().default(""),
    unitPriceCents: integer("unit_price_cents").notNull(),
    isActive: boolean("is_active").notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [index("contracts_amap_idx").on(t.amapId), check("contracts_price_positive", sql`${t.unitPriceCents} >= 0`)],
);

export const distributions = pgTable(
  "distributions",
  {
    id: serial("id").primaryKey(),
    amapId: amapId(),
    placeId: integer("place_id")
      .notNull()
      .references(() => places.id),
    startsAt: tz("starts_at").notNull(),
    endsAt: tz("ends_at").notNull(),
    cancelledAt: tz("cancelled_at"),
    note: text("note").notNull().default(""),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("distributions_place_start_key").on(t.placeId, t.startsAt),
    index("distributions_amap_starts_idx").on(t.amapId, t.startsAt),
    check("distributions_ends_after_start", sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

/** The contracts delivered at a distribution. */
export const distributionContracts = pgTable(
  "distribution_contracts",
  {
    distributionId: integer("distribution_id")
      .notNull()
      .references(() => distributions.id, { onDelete: "cascade" }),
    contractId: integer("contract_id")
      .notNull()
      .references(() => contracts.id),
  },
  (t) => [primaryKey({ columns: [t.distributionId, t.contractId] })],
);

export const subscriptions = pgTable(
  "subscriptions",
  {
    id: serial("id").primaryKey(),
    amapId: amapId(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    contractId: integer("contract_id")
      .notNull()
      .references(() => contracts.id),
    quantity: smallint("quantity").notNull().default(1),
    startsOn: date("starts_on", { mode: "string" }).notNull(),
    endsOn: date("ends_on", { mode: "string" }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("subscriptions_user_idx").on(t.userId),
    index("subscriptions_amap_idx").on(t.amapId, t.endsOn),
    check("subscriptions_quantity_positive", sql`${t.quantity} > 0`),
    check("subscriptions_period", sql`${t.endsOn} >= ${t.startsOn}`),
  ],
);

// ---------------------------------------------------------------------------
// The intermittents list, with history: one row per stay on the list; the
// row with no `left_at` is the active one (at most one per person).

export const intermittentMemberships = pgTable(
  "intermittent_memberships",
  {
    id: serial("id").primaryKey(),
    amapId: amapId(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    joinedAt: createdAt(),
    /** Who put them on the list (themselves, a member, a référent). */
    addedById: text("added_by_id").references(() => users.id, { onDelete: "set null" }),
    leftAt: tz("left_at"),
    leftReason: text("left_reason"),
    /** Also receives the baskets of the AMAP's partners (their second announcement, DESIGN.md §11). */
    partnerBaskets: boolean("partner_baskets").notNull().default(false),
  },
  (t) => [
    uniqueIndex("intermittent_memberships_active_key").on(t.amapId, t.userId).where(sql`${t.leftAt} is null`),
    index("intermittent_memberships_user_idx").on(t.userId),
  ],
);

export const requestStatus = pgEnum("request_status", ["pending", "approved", "refused"]);

/** A non-member asking to join the list from the public page; a référent decides. */
export const intermittentRequests = pgTable(
  "intermittent_requests",
  {
    id: serial("id").primaryKey(),
    amapId: amapId(),
    email: text("email").notNull(),
    firstName: text("first_name").notNull(),
    lastName: text("last_name").notNull(),
    phone: text("phone").notNull().default(""),
    message: text("message").notNull().default(""),
    status: requestStatus("status").notNull().default("pending"),
    /** A keyed hash of the sender's IP address, for rate limiting only. */
    ipHash: text("ip_hash").notNull().default(""),
    createdAt: createdAt(),
    decidedAt: tz("decided_at"),
    decidedById: text("decided_by_id").references(() => users.id, { onDelete: "set null" }),
    /** A refusal's reason, as the référent wrote it for the applicant; erased with the request. */
    decisionReason: text("decision_reason"),
  },
  (t) => [
    index("intermittent_requests_email_idx").on(sql`lower(${t.email})`, t.createdAt),
    index("intermittent_requests_ip_idx").on(t.ipHash, t.createdAt),
    index("intermittent_requests_amap_idx").on(t.amapId, t.status),
    uniqueIndex("intermittent_requests_one_pending_key")
      .on(t.amapId, sql`lower(${t.email})`)
      .where(sql`${t.status} = 'pending'`),
  ],
);

export const invitationStatus = pgEnum("invitation_status", ["pending", "accepted", "declined", "withheld"]);

/**
 * « Inscrire une autre personne »: a member invites someone, who joins only by
 * the button of the one email it sends (lib/server/list/invitations.ts). Every
 * attempt is a row — `withheld` when no email left (already on the list, left
 * or declined in the last 90 days, invited already) — so the daily limit
 * counts them all and tells the member nothing about the address.
 */
export const invitations = pgTable(
  "invitations",
  {
    id: serial("id").primaryKey(),
    amapId: amapId(),
    email: text("email").notNull(),
    firstName: text("first_name").notNull(),
    lastName: text("last_name").notNull().default(""),
    phone: text("phone").notNull().default(""),
    invitedById: text("invited_by_id").references(() => users.id, { onDelete: "set null" }),
    status: invitationStatus("status").notNull().default("pending"),
    /** Why no email left, for the audit (never shown to the member). */
    withheldReason: text("withheld_reason"),
    /** Random, part of what the link's signature covers. */
    nonce: text("nonce").notNull(),
    createdAt: createdAt(),
    decidedAt: tz("decided_at"),
  },
  (t) => [
    index("invitations_inviter_idx").on(t.invitedById, t.createdAt),
    index("invitations_email_idx").on(sql`lower(${t.email})`, t.createdAt),
    index("invitations_amap_idx").on(t.amapId, t.createdAt),
  ],
);

/**
 * Sign-in requests admitted in the last hour, for the per-address and per-IP
 * limits (lib/server/auth/auth.ts). Both keys are keyed hashes: the table tells
 * nobody who asked, or from where. Kept in the database so every instance
 * counts the same requests; rows older than a day are purged.
 */
export const signInAttempts = pgTable(
  "sign_in_attempts",
  {
    id: serial("id").primaryKey(),
    emailHash: text("email_hash").notNull(),
    ipHash: text("ip_hash").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("sign_in_attempts_email_idx").on(t.emailHash, t.createdAt), index("sign_in_attempts_ip_idx").on(t.ipHash, t.createdAt)],
);

/** Email action links that have done their action: each works once (DESIGN.md §6). */
export const usedLinks = pgTable("used_links", {
  nonce: text("nonce").primaryKey(),
  action: text("action").notNull(),
  userId: text("user_id").references(() => users.id, { onDelete: "cascade" }),
  usedAt: createdAt(),
  /** The link's own expiry: its row must outlive it (retention), or the link would work again. Null before it was recorded. */
  expiresAt: tz("expires_at"),
});

// ---------------------------------------------------------------------------
// The exchange (DESIGN.md §4).

export const offerStatus = pgEnum("offer_status", ["open", "reserved", "exchanged", "cancelled", "unclaimed", "done"]);

export const offers = pgTable(
  "offers",
  {
    id: serial("id").primaryKey(),
    amapId: amapId(),
    memberId: text("member_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    distributionId: integer("distribution_id")
      .notNull()
      .references(() => distributions.id, { onDelete: "cascade" }),
    status: offerStatus("status").notNull().default("open"),
    message: text("message").notNull().default(""),
    autoAccept: boolean("auto_accept").notNull().default(false),
    cancelReason: text("cancel_reason"),
    paidAt: tz("paid_at"),
    /** When it was announced to the partner AMAPs' intermittents (nobody had reserved it in time). */
    partnersAnnouncedAt: tz("partners_announced_at"),
    createdAt: createdAt(),
    updatedAt: tz("updated_at").notNull().defaultNow(),
  },
  (t) => [
    index("offers_distribution_status_idx").on(t.distributionId, t.status),
    index("offers_member_idx").on(t.memberId),
    index("offers_amap_status_idx").on(t.amapId, t.status),
    // The partners' announcement sweep: open offers not yet announced to them.
    index("offers_partners_due_idx").on(t.createdAt).where(sql`${t.status} = 'open' and ${t.partnersAnnouncedAt} is null`),
  ],
);

/**
 * One offered basket line (a subscription at a distribution). `released_at`
 * is set when the offer ends without an exchange, freeing the line to be
 * offered again; the partial unique index makes "one active offer per member,
 * distribution and basket line" a database guarantee.
 */
export const offerLines = pgTable(
  "offer_lines",
  {
    id: serial("id").primaryKey(),
    offerId: integer("offer_id")
      .notNull()
      .references(() => offers.id, { onDelete: "cascade" }),
    distributionId: integer("distribution_id")
      .notNull()
      .references(() => distributions.id, { onDelete: "cascade" }),
    subscriptionId: integer("subscription_id")
      .notNull()
      .references(() => subscriptions.id, { onDelete: "cascade" }),
    contractId: integer("contract_id")
      .notNull()
      .references(() => contracts.id),
    quantity: smallint("quantity").notNull(),
    unitPriceCents: integer("unit_price_cents").notNull(),
    releasedAt: tz("released_at"),
  },
  (t) => [
    index("offer_lines_offer_idx").on(t.offerId),
    uniqueIndex("offer_lines_active_key")
      .on(t.subscriptionId, t.distributionId)
      .where(sql`${t.releasedAt} is null`),
    check("offer_lines_quantity_positive", sql`${t.quantity} > 0`),
  ],
);

export const reservationStatus = pgEnum("reservation_status", [
  "pending", // awaiting the member's decision (at most one per offer)
  "queued", // waiting behind the pending one
  "accepted",
  "declined",
  "withdrawn", // the intermittent cancelled
  "cancelled", // the offer was cancelled under it
  "expired", // the distribution started undecided
]);

export const reservations = pgTable(
  "reservations",
  {
    id: serial("id").primaryKey(),
    offerId: integer("offer_id")
      .notNull()
      .references(() => offers.id, { onDelete: "cascade" }),
    intermittentId: text("intermittent_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    status: reservationStatus("status").notNull(),
    /** Arrival order within the offer: the queue is the live rows by position. */
    position: integer("position").notNull(),
    createdAt: createdAt(),
    /** When it last became the one awaiting the member's answer (reminders count from here). */
    pendingSince: tz("pending_since"),
    decidedAt: tz("decided_at"),
    /** A partner AMAP's intermittent: the AMAP whose list they came from (the sign sheet names it). Null: the offer's own. */
    viaAmapId: integer("via_amap_id").references(() => amaps.id),
  },
  (t) => [
    uniqueIndex("reservations_offer_position_key").on(t.offerId, t.position),
    uniqueIndex("reservations_one_pending_key").on(t.offerId).where(sql`${t.status} in ('pending', 'accepted')`),
    uniqueIndex("reservations_one_live_per_person_key")
      .on(t.offerId, t.intermittentId)
      .where(sql`${t.status} in ('pending', 'queued', 'accepted')`),
    index("reservations_intermittent_idx").on(t.intermittentId),
  ],
);

/** Audit trail: every transition, written in the transaction that makes it. */
export const events = pgTable(
  "events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** Null for the deployment's own events (the retention job's). */
    amapId: integer("amap_id").references(() => amaps.id),
    at: createdAt(),
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    /** e.g. "offer.reserve", "membership.join". */
    action: text("action").notNull(),
    offerId: integer("offer_id").references(() => offers.id, { onDelete: "cascade" }),
    reservationId: integer("reservation_id").references(() => reservations.id, { onDelete: "cascade" }),
    subjectUserId: text("subject_user_id").references(() => users.id, { onDelete: "set null" }),
    fromStatus: text("from_status"),
    toStatus: text("to_status"),
    reason: text("reason"),
    data: jsonb("data").$type<Record<string, unknown>>(),
  },
  (t) => [index("events_offer_idx").on(t.offerId), index("events_at_idx").on(t.at), index("events_amap_at_idx").on(t.amapId, t.at)],
);

// ---------------------------------------------------------------------------
// Mail.

export const outboxStatus = pgEnum("outbox_status", ["pending", "sending", "sent", "failed", "skipped"]);

/**
 * The outbox (DESIGN.md §5): rows are written in the transaction of the
 * change that causes them and carry ids, not content; the worker reloads,
 * renders and sends. `dedupe_key` makes scheduled mail idempotent.
 */
export const outbox = pgTable(
  "outbox",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** The AMAP whose mail this is; null for the deployment's own (a sign-in link). */
    amapId: integer("amap_id").references(() => amaps.id),
    kind: text("kind").notNull(),
    recipient: text("recipient").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    dedupeKey: text("dedupe_key"),
    status: outboxStatus("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: tz("next_attempt_at").notNull().defaultNow(),
    /** While `sending`: the claim's lease; a crashed worker's rows come back after it. */
    lockedUntil: tz("locked_until"),
    claimToken: text("claim_token"),
    lastError: text("last_error"),
    subject: text("subject"),
    messageId: text("message_id"),
    createdAt: createdAt(),
    sentAt: tz("sent_at"),
  },
  (t) => [
    uniqueIndex("outbox_dedupe_key").on(t.dedupeKey),
    index("outbox_due_idx").on(t.nextAttemptAt).where(sql`${t.status} in ('pending', 'sending')`),
    index("outbox_created_idx").on(t.createdAt),
    index("outbox_amap_created_idx").on(t.amapId, t.createdAt),
  ],
);

export type MailAttachment = { filename: string; contentType: string; content: string };

/** The development mailbox: where mail goes when no SMTP_URL is set. */
export const devMails = pgTable(
  "dev_mails",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    from: text("from").notNull(),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html").notNull(),
    headers: jsonb("headers").$type<Record<string, string>>().notNull().default({}),
    attachments: jsonb("attachments").$type<MailAttachment[]>().notNull().default([]),
    createdAt: createdAt(),
  },
  (t) => [index("dev_mails_created_idx").on(t.createdAt)],
);

// ---------------------------------------------------------------------------
// Statistics kept after retention deletes old offers: the retention job folds
// the offers it deletes into these monthly counts (in baskets: offer lines
// times quantities), and statistics read them plus the live offers.

export const monthlyStats = pgTable(
  "monthly_stats",
  {
    amapId: amapId(),
    /** "2026-11" (Europe/Paris month of the distribution). */
    month: text("month").notNull(),
    offered: integer("offered").notNull().default(0),
    exchanged: integer("exchanged").notNull().default(0),
    unclaimed: integer("unclaimed").notNull().default(0),
    cancelled: integer("cancelled").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.amapId, t.month] })],
);

export const intermittentMonthlyStats = pgTable(
  "intermittent_monthly_stats",
  {
    amapId: amapId(),
    month: text("month").notNull(),
    /** Null once the person's account is gone: the count stays, the name does not. */
    userId: text("user_id").references(() => users.id, { onDelete: "set null" }),
    /** The name at the time, for people whose account is gone. */
    label: text("label").notNull().default(""),
    taken: integer("taken").notNull().default(0),
  },
  (t) => [index("intermittent_monthly_stats_month_idx").on(t.amapId, t.month)],
);

// ---------------------------------------------------------------------------
// Settings: one row per AMAP, edited by its référents.

export const settings = pgTable(
  "settings",
  {
    amapId: integer("amap_id")
      .primaryKey()
      .references(() => amaps.id),
    amapName: text("amap_name").notNull().default("Mon AMAP"),
    contactEmail: text("contact_email").notNull().default(""),
    replyTo: text("reply_to").notNull().default(""),
    /** Offering closes this many hours before the distribution starts. */
    offerCloseHours: integer("offer_close_hours").notNull().default(12),
    /** A pending reservation undecided for this long triggers a reminder to the member. */
    decisionReminderHours: integer("decision_reminder_hours").notNull().default(12),
    /** When set, a pending reservation is accepted automatically this many hours before the start. */
    autoAcceptHours: integer("auto_accept_hours"),
    /** Reminder slots for the intermittents, "D-1 18:00" style: day offset and local time. */
    intermittentReminders: jsonb("intermittent_reminders")
      .$type<{ dayOffset: number; time: string }[]>()
      .notNull()
      .default([
        { dayOffset: -1, time: "18:00" },
        { dayOffset: 0, time: "10:00" },
      ]),
    practicalRules: text("practical_rules").notNull().default(""),
    /** Offers, and the history (events, with their reasons), are kept this long. */
    retentionMonths: integer("retention_months").notNull().default(24),
    /** The email log (outbox rows: addresses, subjects) is kept this long after sending. */
    emailLogRetentionDays: integer("email_log_retention_days").notNull().default(90),
    /** Used email links are remembered this long after use (and at least until they expire). */
    usedLinkRetentionDays: integer("used_link_retention_days").notNull().default(90),
    /** Join requests (a stranger's name, address, phone, message) are kept this long after the decision. */
    joinRequestRetentionDays: integer("join_request_retention_days").notNull().default(90),
    /** A basket nobody reserved this long after its announcement goes to the partners' intermittents. */
    partnerDelayHours: integer("partner_delay_hours").notNull().default(24),
    updatedAt: tz("updated_at").notNull().defaultNow(),
  },
  (t) => [
    check("settings_offer_close_hours", sql`${t.offerCloseHours} between 0 and 336`),
    check("settings_retention", sql`${t.retentionMonths} between 1 and 120`),
    check("settings_email_log_retention", sql`${t.emailLogRetentionDays} between 7 and 3650`),
    check("settings_used_link_retention", sql`${t.usedLinkRetentionDays} between 7 and 3650`),
    check("settings_join_request_retention", sql`${t.joinRequestRetentionDays} between 7 and 3650`),
    check("settings_partner_delay_hours", sql`${t.partnerDelayHours} between 1 and 336`),
  ],
);

export type Amap = typeof amaps.$inferSelect;
export type User = typeof users.$inferSelect;
export type Place = typeof places.$inferSelect;
export type Contract = typeof contracts.$inferSelect;
export type Distribution = typeof distributions.$inferSelect;
export type Subscription = typeof subscriptions.$inferSelect;
export type IntermittentMembership = typeof intermittentMemberships.$inferSelect;
export type Offer = typeof offers.$inferSelect;
export type OfferLine = typeof offerLines.$inferSelect;
export type Reservation = typeof reservations.$inferSelect;
export type Event = typeof events.$inferSelect;
export type OutboxRow = typeof outbox.$inferSelect;
export type DevMail = typeof devMails.$inferSelect;
export type Settings = typeof settings.$inferSelect;
export type IntermittentRequest = typeof intermittentRequests.$inferSelect;
export type Invitation = typeof invitations.$inferSelect;
export type AmapPartnership = typeof amapPartnerships.$inferSelect;
export type OfferStatus = (typeof offerStatus.enumValues)[number];
export type ReservationStatus = (typeof reservationStatus.enumValues)[number];
