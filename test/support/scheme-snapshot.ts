import type { Orm } from '../../db/orm';

/** Tables without a scheme_id column, scoped through the row they belong to. */
const SCOPED_THROUGH: Record<string, string> = {
  schemes: 'id = $1',
  partner_links: 'connection_id in (select id from connections where scheme_id = $1)',
  reconciliation_items: 'run_id in (select id from reconciliation_runs where scheme_id = $1)',
  wallet_counters: 'wallet_id in (select id from wallets where scheme_id = $1)',
  lot_consumptions: 'lot_id in (select id from point_lots where scheme_id = $1)',
  lot_debts: 'wallet_id in (select id from wallets where scheme_id = $1)',
  referral_referrers: 'program_id in (select id from referral_programs where scheme_id = $1)',
};

/**
 * Bookkeeping that drains by itself after a committed operation, and the
 * claims that remember which uniqueId an id-less request got (a refused one
 * too, so its repeat is the same request); never business state.
 */
const SKIPPED = new Set(['mikro_orm_migrations', 'follow_ups', 'pos_request_claims']);

/**
 * Tables fingerprinted by what identifies their rows, not by bookkeeping that moves by itself: a partner sync of an
 * earlier operation keeps retrying (status, attempts, last error) long after its request was answered, while a sync
 * a refused request enqueued would still show as a new row.
 */
const IDENTITY: Record<string, string> = {
  sync_records: '(x.id, x.kind, x.operation_key, x.customer_id, x.payload)',
};

/**
 * A fingerprint of everything one scheme owns: per table, the row count and
 * an md5 over the rows' text. Equal fingerprints mean nothing of the scheme
 * changed (its ledger, customers, sales, settings, partner state).
 */
export async function schemeSnapshot(orm: Orm, schemeId: string): Promise<Record<string, string>> {
  const knex = orm.em.getConnection().getKnex();
  const tables = (await knex.raw(`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`)).rows as Array<{ table_name: string }>;
  const parts = tables
    .map((t) => t.table_name)
    .filter((t) => !SKIPPED.has(t))
    .map((t) => `select '${t}' as t, count(*) || ':' || md5(coalesce(string_agg(${IDENTITY[t] ?? 'x'}::text, '|' order by ${IDENTITY[t] ?? 'x'}::text), '')) as f from "${t}" x where ${(SCOPED_THROUGH[t] ?? 'scheme_id = $1').replace(/\$1/g, ':scheme')}`);
  const rows = (await knex.raw(parts.join(' union all '), { scheme: schemeId })).rows as Array<{ t: string; f: string }>;
  return Object.fromEntries(rows.map((r) => [r.t, r.f]));
}

/** The tables whose fingerprint differs. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys({ ...before, ...after }).filter((t) => before[t] !== after[t]);
}

/** Waits until the scheme stops changing (work a request left to workflows has landed), then returns its fingerprint. */
export async function settledSnapshot(orm: Orm, schemeId: string, { intervalMs = 150, maxMs = 15_000 } = {}): Promise<Record<string, string>> {
  const until = Date.now() + maxMs;
  let last = await schemeSnapshot(orm, schemeId);
  for (;;) {
    await new Promise((r) => setTimeout(r, intervalMs));
    const next = await schemeSnapshot(orm, schemeId);
    if (changedTables(last, next).length === 0 || Date.now() > until) return next;
    last = next;
  }
}
