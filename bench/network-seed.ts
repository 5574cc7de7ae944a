// Bulk data for the network part (`BENCH_ONLY=network`, issue 13): AMAPs of
// the size the issue names, written by set-based SQL (generate_series and
// INSERT … SELECT, a dozen statements for any number of AMAPs) on a
// connection of its own, so 300 AMAPs take seconds, not an hour.
//
// One AMAP ("banc-<i>"): one place, one contract (vegetables), 40 weekly
// distributions (20 past, 20 to come), 100 members each subscribed to the
// contract, 30 intermittents on its list of whom one in three opted in to the
// partners' baskets. Its baskets are the subscription × distribution pairs:
// 100 × 40 = 4,000, so 300 AMAPs hold 1.2 million — the count. A
// basket is not a row (DESIGN.md: it is a subscription delivered at a
// distribution); the rows are the offers. One basket in ten is offered (400
// offers an AMAP, 120,000 in the network): the 200 to come are what /paniers
// lists (one in ten reserved, with a pending reservation and two queued),
// the 200 past ones are done (60 %, an accepted reservation), unclaimed or
// cancelled (20 % each, their line released). Each offer has its
// « offer.create » event, each accepted reservation its « offer.accept ».
// The offers to come were made over the last 20 days; the open ones older
// than a day were announced to the partners (a day after they were made),
// and none is within hours of that (so a run finds no offer due but its own). The outbox's history (sent mail) is not seeded.
// AMAPs go by towns of five: in a town every pair is partners (accepted).
import type postgres from "postgres";

export const NETWORK_MEMBERS = 100;
export const NETWORK_INTERMITTENTS = 30;
export const NETWORK_DISTRIBUTIONS = 40;
/** AMAPs per town: every two AMAPs of a town are partners. */
export const TOWN = 5;

export const slugOf = (i: number) => `banc-${i}`;

const FIRST_NAMES = "array['Alice','Bruno','Chloé','David','Emma','Farid','Gaëlle','Henri']";
const INTERMITTENT_NAMES = "array['Inès','Jules','Hugo','Léa','Noé','Zoé','Malo','Lou']";
const MESSAGES = "array['', 'Je pars en vacances, bon appétit !', E'Panier à récupérer à l''heure s''il vous plaît.\\nMerci !', '', 'Les œufs sont extra cette saison.']";

/**
 * Seeds AMAPs number `from` to `to` (inclusive). `sql` must hold one
 * connection (`max: 1`): the statements share temporary tables.
 */
export async function seedAmaps(sql: postgres.Sql, from: number, to: number): Promise<void> {
  await sql.begin(async (tx) => {
    const run = (statement: string) => tx.unsafe(statement);
    await run(`insert into amaps (slug) select 'banc-' || i from generate_series(${from}, ${to}) i`);
    await run(`create temp table ba on commit drop as
      select id as amap_id, substr(slug, 6)::int as i from amaps where slug ~ '^banc-[0-9]+$' and substr(slug, 6)::int between ${from} and ${to}`);
    await run(`insert into settings (amap_id, amap_name, contact_email)
      select amap_id, 'AMAP du Banc ' || i, 'contact-' || i || '@banc.test' from ba`);
    await run(`insert into places (amap_id, name, address, access_notes)
      select amap_id, 'Salle du Banc ' || i, (i + 1) || ' rue des Mesures, 69000 Lyon', 'Entrée par la cour.' from ba`);
    await run(`insert into contracts (amap_id, product, producer, size, unit_price_cents)
      select amap_id, 'Légumes', 'Ferme du Banc ' || i, 'grand panier', 2200 from ba`);
    // Distribution d (0–39) of AMAP i: a weekday of its own, 18:00–20:00 in Paris; 0–19 past, 20–39 to come.
    await run(`create temp table bd on commit drop as
      select ba.amap_id, ba.i, d, p.id as place_id, c.id as contract_id, null::int as distribution_id,
             ((current_date + (7 * (d - 20) + 1 + ba.i % 6))::timestamp + time '18:00') at time zone 'Europe/Paris' as starts_at
        from ba join places p on p.amap_id = ba.amap_id join contracts c on c.amap_id = ba.amap_id,
             generate_series(0, ${NETWORK_DISTRIBUTIONS - 1}) d`);
    await run(`analyze ba`);
    await run(`analyze bd`);
    await run(`insert into distributions (amap_id, place_id, starts_at, ends_at)
      select amap_id, place_id, starts_at, starts_at + interval '2 hours' from bd`);
    await run(`update bd set distribution_id = x.id from distributions x where x.place_id = bd.place_id and x.starts_at = bd.starts_at`);
    await run(`insert into distribution_contracts (distribution_id, contract_id) select distribution_id, contract_id from bd`);
    // Members and intermittents: their ids made here, so each row knows its AMAP and number.
    await run(`create temp table bm on commit drop as
      select ba.amap_id, ba.i, k, gen_random_uuid()::text as user_id from ba, generate_series(0, ${NETWORK_MEMBERS - 1}) k`);
    await run(`create temp table bi on commit drop as
      select ba.amap_id, ba.i, k, gen_random_uuid()::text as user_id from ba, generate_series(0, ${NETWORK_INTERMITTENTS - 1}) k`);
    await run(`analyze bm`);
    await run(`analyze bi`);
    await run(`insert into users (id, email, first_name, last_name, name)
      select user_id, 'membre-' || i || '-' || k || '@banc.test', (${FIRST_NAMES})[1 + k % 8], 'Banc', (${FIRST_NAMES})[1 + k % 8] || ' Banc' from bm`);
    await run(`insert into users (id, email, first_name, last_name, name)
      select user_id, 'intermittent-' || i || '-' || k || '@banc.test', (${INTERMITTENT_NAMES})[1 + k % 8], 'Banc', (${INTERMITTENT_NAMES})[1 + k % 8] || ' Banc' from bi`);
    await run(`insert into subscriptions (amap_id, user_id, contract_id, quantity, starts_on, ends_on)
      select bm.amap_id, bm.user_id, c.id, 1, current_date - 160, current_date + 160 from bm join contracts c on c.amap_id = bm.amap_id`);
    await run(`insert into intermittent_memberships (amap_id, user_id, added_by_id, partner_baskets, created_at)
      select amap_id, user_id, user_id, k % 3 = 0, now() - interval '200 days' from bi`);
    // Offers: basket (member k, distribution d) of AMAP i is offered when (7k + 3d + i) mod 10 = 0, one in ten;
    // for one d that is k ≡ r (mod 10): ten members, told apart by k / 10.
    await run(`create temp table bo on commit drop as
      select nextval(pg_get_serial_sequence('offers', 'id'))::int as offer_id, bm.amap_id, bm.i, bm.k, bd.d, bm.user_id as member_id,
             bd.distribution_id, bd.contract_id, bd.starts_at, s.id as subscription_id,
             case when bd.d >= 20 then (case when bm.k / 10 = 5 then 'reserved' else 'open' end)
                  when bm.k / 10 <= 5 then 'done' when bm.k / 10 <= 7 then 'unclaimed' else 'cancelled' end as status,
             case when bd.d >= 20 then now() - (case when (7 * bm.k + bd.d) % 480 + 1 between 20 and 26 then (7 * bm.k + bd.d) % 480 + 8
                                                     else (7 * bm.k + bd.d) % 480 + 1 end) * interval '1 hour'
                  else bd.starts_at - interval '6 days' end as created_at
        from bm join bd on bd.amap_id = bm.amap_id join subscriptions s on s.user_id = bm.user_id
       where (7 * bm.k + 3 * bd.d + bm.i) % 10 = 0`);
    await run(`analyze bo`);
    await run(`insert into offers (id, amap_id, member_id, distribution_id, status, message, partners_announced_at, created_at, updated_at)
      select offer_id, amap_id, member_id, distribution_id, status::offer_status, (${MESSAGES})[1 + (k + d) % 5],
             case when status = 'open' and created_at < now() - interval '24 hours' then created_at + interval '24 hours' end,
             created_at, created_at
        from bo`);
    await run(`insert into offer_lines (offer_id, distribution_id, subscription_id, contract_id, quantity, unit_price_cents, released_at)
      select offer_id, distribution_id, subscription_id, contract_id, 1, 2200,
             case when status in ('unclaimed', 'cancelled') then starts_at end
        from bo`);
    // Reservations: intermittent (k + d + 7n) mod 30 — three different people for n = 0, 1, 2.
    await run(`insert into reservations (offer_id, intermittent_id, status, position, created_at, pending_since, decided_at)
      select bo.offer_id, bi.user_id, r.status::reservation_status, r.n + 1, bo.created_at + interval '1 hour',
             case when r.status = 'pending' then bo.created_at + interval '1 hour' end,
             case when r.status = 'accepted' then bo.created_at + interval '1 day' end
        from bo
        cross join lateral (values (0, case when bo.status = 'done' then 'accepted' else 'pending' end), (1, 'queued'), (2, 'queued')) r(n, status)
        join bi on bi.amap_id = bo.amap_id and bi.k = (bo.k + bo.d + 7 * r.n) % ${NETWORK_INTERMITTENTS}
       where bo.status = 'reserved' or (bo.status = 'done' and r.n = 0)`);
    await run(`insert into events (amap_id, created_at, actor_id, action, offer_id, to_status)
      select amap_id, created_at, member_id, 'offer.create', offer_id, 'open' from bo`);
    await run(`insert into events (amap_id, created_at, actor_id, action, offer_id, reservation_id, subject_user_id, from_status, to_status)
      select bo.amap_id, r.decided_at, bo.member_id, 'offer.accept', bo.offer_id, r.id, r.intermittent_id, 'pending', 'accepted'
        from bo join reservations r on r.offer_id = bo.offer_id and r.status = 'accepted'`);
  });
}

/** Every two AMAPs of a town (numbers ⌊i / 5⌋ alike) partners, accepted, for the pairs not partners yet. */
export async function seedPartnerships(sql: postgres.Sql): Promise<number> {
  const rows = await sql.unsafe(`
    with ba as (select id as amap_id, substr(slug, 6)::int as i from amaps where slug ~ '^banc-[0-9]+$')
    insert into amap_partnerships (amap_id, partner_amap_id, requested_at, accepted_at)
    select a.amap_id, b.amap_id, now() - interval '100 days', now() - interval '99 days'
      from ba a join ba b on a.i / ${TOWN} = b.i / ${TOWN} and a.i < b.i
     where not exists (select 1 from amap_partnerships p where p.ended_at is null
       and least(p.amap_id, p.partner_amap_id) = least(a.amap_id, b.amap_id)
       and greatest(p.amap_id, p.partner_amap_id) = greatest(a.amap_id, b.amap_id))
    returning 1`);
  return rows.length;
}
