import { randomUUID } from 'node:crypto';
import type { RequestClaims } from '../../domain/pos/ports';
import { queryIn } from '../ledger/ledger-engine';
import type { Orm } from '../orm';

/**
 * One statement, so identical concurrent requests serialize on the claim's
 * primary key: the first inserts its candidate; the others, inside the
 * window, keep and return it; after the window the next one replaces it
 * (a new uniqueId: a new operation). The window slides: it runs from the
 * last identical request, not the first, so a till that keeps repeating a
 * request the hub answered 503 (an outage longer than the window) still
 * joins its first operation instead of starting a second.
 *
 * Each claim also removes up to 10 of the scheme's claims idle for longer
 * than the longest window (an hour, with a margin): they can never be joined
 * again, and the table stays as large as an hour of distinct requests.
 */
const CLAIM = `with purged as (
    delete from pos_request_claims where (scheme_id, fingerprint) in (
      select scheme_id, fingerprint from pos_request_claims
       where scheme_id = ? and claimed_at < now() - interval '2 hours' and fingerprint <> ?
       limit 10 for update skip locked))
  insert into pos_request_claims (scheme_id, fingerprint, unique_id, claimed_at) values (?, ?, ?, now())
  on conflict (scheme_id, fingerprint) do update set
    unique_id = case when pos_request_claims.claimed_at < now() - make_interval(secs => ?) then excluded.unique_id else pos_request_claims.unique_id end,
    claimed_at = now()
  returning unique_id`;

export class PgRequestClaims implements RequestClaims {
  constructor(private readonly orm: Orm) {}

  async claim(schemeId: string, fingerprint: string, windowSeconds: number): Promise<string> {
    const [row] = await queryIn(this.orm.em.fork())<{ unique_id: string }>(CLAIM, [schemeId, fingerprint, schemeId, fingerprint, `pos:auto:${randomUUID()}`, windowSeconds]);
    return (row as { unique_id: string }).unique_id;
  }
}
