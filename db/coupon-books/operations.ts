import { bookRefusal, type CouponBook } from '../../domain/coupon-books/book';
import type { MemberFacts } from '../../domain/coupon-books/member';
import type { AssignRequest, CouponBookOperations, UseRequest } from '../../domain/coupon-books/ports';
import { assignmentRefusal, assignmentSize, memberRoom, type CouponUsage } from '../../domain/coupon-books/usage';
import { BusinessRuleError, ConflictError, NotFoundError } from '../../domain/errors';
import type { HubEvent } from '../../domain/events/hub-event';
import { matches } from '../../domain/missions/matcher';
import { announceIn } from '../events/announce';
import type { Doorbell } from '../follow-ups/doorbell';
import type { Query } from '../ledger/ledger-engine';
import { hotPool, type Orm } from '../orm';
import { inPgTransaction } from '../pg/hot-pool';
import { violatedConstraint } from '../repositories/unique-violation';
import { textArray, uuidArray } from '../sql-arrays';
import { memberFacts } from './member-facts';
import { admittedBy } from '../audiences/membership';
import { memberViews } from './member-views';
import { toBook, toUsage, USAGE_COLUMNS, type BookRow, type UsageRow } from './rows';

/** What marks a code used through the book (a sale marks it with its own uniqueId). */
const bookUse = (systemUniqueKey: string) => `book-use:${systemUniqueKey}`;

const refuse = (message: string, path = 'body') => new BusinessRuleError(message, [{ path, message }]);

/** Serialises requests under one key (the unique constraint backs it), or one member's hand-outs of one book. */
const lock = (q: Query, name: string) => q('select pg_advisory_xact_lock(hashtextextended(?, 0))', [name]);

/** The usages already recorded under these keys: this request's (a replay), or a 409 when another request took one. */
async function replayed(q: Query, schemeId: string, keys: string[], requestHash: string): Promise<CouponUsage[] | null> {
  const rows = await q<UsageRow>(`select ${USAGE_COLUMNS} from coupon_usages u join coupons c on c.id = u.coupon_id where u.scheme_id = ? and u.system_unique_key = any(?::text[])`, [schemeId, textArray(keys)]);
  if (rows.length === 0) return null;
  if (rows.some((r) => r.request_hash !== requestHash)) throw new ConflictError('A systemUniqueKey of this request was already used for another coupon request');
  return rows.sort((a, b) => keys.indexOf(a.system_unique_key) - keys.indexOf(b.system_unique_key)).map(toUsage);
}

/** The book, the member (locked for this book) and the rules every hand-out and use passes. */
async function opened(q: Query, schemeId: string, bookId: string, memberId: string): Promise<{ book: CouponBook; member: MemberFacts; now: string }> {
  const [row] = await q<BookRow & { now: Date | string }>('select b.*, now() as now from coupon_books b where b.id = ? and b.scheme_id = ?', [bookId, schemeId]);
  if (!row) throw new NotFoundError('Coupon book');
  const book = toBook(row);
  await lock(q, `coupon-member:${bookId}:${memberId}`);
  const member = await memberFacts(q, schemeId, bookId, memberId);
  if (member.status === 'BLOCKED') throw refuse('The member is blocked', 'body.memberId');
  const now = new Date(row.now).toISOString();
  const why = bookRefusal(book, { now, tierId: member.tier?.id ?? null });
  if (why) throw refuse(`The coupon book ${why}`);
  if (book.condition && !matches(book.condition, member as unknown as Record<string, unknown>)) throw refuse("The member does not meet the coupon book's condition");
  if (!(await admittedBy(q, schemeId, book.audienceKeys, memberId))) throw refuse("The member is in none of the coupon book's audiences", 'body.memberId');
  return { book, member, now };
}

async function insertUsages(q: Query, schemeId: string, bookId: string, kind: CouponUsage['kind'], rows: Array<{ couponId: string; key: string }>, req: { memberId: string; requestHash: string; ledgerTransactionId?: string; customAttributes: Record<string, unknown>; expiredAt?: string }): Promise<CouponUsage[]> {
  try {
    const inserted = await q<UsageRow & { coupon_id: string }>(
      `with u as (
         insert into coupon_usages (id, scheme_id, book_id, coupon_id, customer_id, kind, system_unique_key, request_hash, ledger_transaction_id, custom_attributes, expires_at, created_at)
         select gen_random_uuid(), ?, ?, t.coupon_id, ?, ?, t.key, ?, ?, ?::jsonb, ?::timestamptz, now()
           from unnest(?::uuid[], ?::text[]) with ordinality as t(coupon_id, key, n)
         returning *)
       select ${USAGE_COLUMNS} from u join coupons c on c.id = u.coupon_id`,
      [schemeId, bookId, req.memberId, kind, req.requestHash, req.ledgerTransactionId ?? null, JSON.stringify(req.customAttributes), req.expiredAt ?? null, uuidArray(rows.map((r) => r.couponId)), textArray(rows.map((r) => r.key))],
    );
    const order = rows.map((r) => r.key);
    return inserted.sort((a, b) => order.indexOf(a.system_unique_key) - order.indexOf(b.system_unique_key)).map(toUsage);
  } catch (err) {
    // A request under another of its keys got there first (the lock is on the first key only).
    if (violatedConstraint(err) === 'coupon_usages_scheme_key_unique') throw new ConflictError('A systemUniqueKey of this request was already used for another coupon request');
    throw err;
  }
}

const codeEvent = (schemeId: string, type: 'coupon-code-assigned' | 'coupon-code-used', u: CouponUsage): HubEvent => ({
  schemeId,
  key: `coupon/${u.kind}/${u.systemUniqueKey}`,
  type,
  customerId: u.memberId,
  occurredAt: u.createdAt,
  payload: { couponBookId: u.couponBookId, code: u.code, usageId: u.id, systemUniqueKey: u.systemUniqueKey, ledgerTransactionId: u.ledgerTransactionId },
});

/**
 * Hand-outs and redemptions of book codes, each one PostgreSQL transaction:
 * the request's keys serialise repeats (a replay answers the first usages),
 * the member's lock for the book keeps maxAssignedPerMember true under
 * concurrency, and codes are taken by conditional updates — `for update skip
 * locked` when any free code will do — so racing members never get the same
 * code and the last ones are refused cleanly.
 */
export class PgCouponBookOperations implements CouponBookOperations {
  readonly memberCoupons;
  readonly memberBooks;
  readonly memberCounts;

  constructor(
    private readonly orm: Orm,
    private readonly doorbell?: Doorbell,
  ) {
    ({ memberCoupons: this.memberCoupons, memberBooks: this.memberBooks, memberCounts: this.memberCounts } = memberViews(orm));
  }

  private async tx<T>(fn: (q: Query, announce: (e: HubEvent) => Promise<void>) => Promise<T>): Promise<T> {
    let ring = false;
    const value = await inPgTransaction(hotPool(this.orm), (q) => fn(q, async (e) => void (ring = (await announceIn(q, e)) || ring)));
    if (ring) this.doorbell?.ring();
    return value;
  }

  assign(schemeId: string, bookId: string, req: AssignRequest): Promise<CouponUsage[]> {
    const wanted = assignmentSize(req);
    return this.tx(async (q, announce) => {
      await lock(q, `coupon-usage:${schemeId}:${req.systemUniqueKeys[0]}`);
      const previous = await replayed(q, schemeId, req.systemUniqueKeys, req.requestHash);
      if (previous) return previous;
      const { book, member } = await opened(q, schemeId, bookId, req.memberId);
      const room = memberRoom(book.maxAssignedPerMember, member.held);
      if (room !== null && (room === 0 || (req.strictMode && room < wanted))) {
        throw refuse(`The member may hold at most ${book.maxAssignedPerMember} code(s) of this book (${member.held} now)`, 'body.memberId');
      }
      if (room !== null && req.codes && req.codes.length > room) {
        throw refuse(`The member may hold at most ${book.maxAssignedPerMember} code(s) of this book (${member.held} now)`, 'body.memberId');
      }
      const take = room === null ? wanted : Math.min(wanted, room);
      const set = 'set customer_id = ?, assigned_at = now(), valid_to = ?::timestamptz';
      const taken = req.codes
        ? await q<{ id: string; code: string }>(
            `update coupons ${set} where book_id = ? and scheme_id = ? and code = any(?::text[]) and customer_id is null and used_at is null returning id, code`,
            [req.memberId, req.expiredAt ?? null, bookId, schemeId, textArray(req.codes)],
          )
        : await q<{ id: string; code: string }>(
            `update coupons ${set} where id in (
               select id from coupons where book_id = ? and customer_id is null and used_at is null order by created_at, id limit ? for update skip locked)
             returning id, code`,
            [req.memberId, req.expiredAt ?? null, bookId, take],
          );
      if (req.codes && taken.length < req.codes.length) {
        const lost = req.codes.filter((c) => !taken.some((t) => t.code === c));
        throw refuse(`Code(s) ${lost.join(', ')} of this book are not free to assign`, 'body.codes');
      }
      const why = assignmentRefusal(wanted, taken.length, req.strictMode);
      if (why) throw refuse(`The coupon book ${why}`);
      const usages = await insertUsages(q, schemeId, bookId, 'assign', taken.map((t, i) => ({ couponId: t.id, key: req.systemUniqueKeys[i] as string })), req);
      for (const u of usages) await announce(codeEvent(schemeId, 'coupon-code-assigned', u));
      return usages;
    });
  }

  use(schemeId: string, bookId: string, req: UseRequest): Promise<CouponUsage> {
    return this.tx(async (q, announce) => {
      await lock(q, `coupon-usage:${schemeId}:${req.systemUniqueKey}`);
      const previous = await replayed(q, schemeId, [req.systemUniqueKey], req.requestHash);
      if (previous?.[0]) return previous[0];
      const { book, member, now } = await opened(q, schemeId, bookId, req.memberId);
      const [coupon] = await q<{ id: string; customer_id: string | null; used_at: unknown; valid_to: Date | string | null }>(
        'select id, customer_id, used_at, valid_to from coupons where book_id = ? and scheme_id = ? and code = ? for update',
        [bookId, schemeId, req.code],
      );
      if (!coupon) throw new NotFoundError('Coupon code');
      if (coupon.customer_id !== null && coupon.customer_id !== req.memberId) throw refuse(`Coupon ${req.code} belongs to another member`, 'body.code');
      if (coupon.used_at !== null) throw refuse(`Coupon ${req.code} was already used`, 'body.code');
      if (coupon.valid_to !== null && new Date(now) > new Date(coupon.valid_to)) throw refuse(`Coupon ${req.code} has expired`, 'body.code');
      // A free code used straight away is handed out by the use: it counts toward the member's cap.
      if (coupon.customer_id === null && memberRoom(book.maxAssignedPerMember, member.held) === 0) throw refuse(`The member may hold at most ${book.maxAssignedPerMember} code(s) of this book`, 'body.memberId');
      await q(`update coupons set used_at = now(), used_by = ?, customer_id = ?, assigned_at = coalesce(assigned_at, now()) where id = ?`, [bookUse(req.systemUniqueKey), req.memberId, coupon.id]);
      const [usage] = await insertUsages(q, schemeId, bookId, 'use', [{ couponId: coupon.id, key: req.systemUniqueKey }], req);
      await announce(codeEvent(schemeId, 'coupon-code-used', usage as CouponUsage));
      return usage as CouponUsage;
    });
  }

  /** Once: the code is given back only if this use still holds it; a second revert answers the reverted usage and changes nothing. */
  revert(schemeId: string, usageId: string): Promise<CouponUsage> {
    return this.tx(async (q) => {
      const [row] = await q<UsageRow & { coupon_id: string }>(`select ${USAGE_COLUMNS}, u.coupon_id from coupon_usages u join coupons c on c.id = u.coupon_id where u.id = ? and u.scheme_id = ? for update of u`, [usageId, schemeId]);
      if (!row) throw new NotFoundError('Coupon usage');
      if (row.kind !== 'use') throw refuse('Only a use can be reverted, not an assignment');
      if (row.reverted_at !== null) return toUsage(row);
      const [reverted] = await q<{ reverted_at: Date }>('update coupon_usages set reverted_at = now() where id = ? returning reverted_at', [usageId]);
      await q('update coupons set used_at = null, used_by = null where id = ? and used_by = ?', [row.coupon_id, bookUse(row.system_unique_key)]);
      return toUsage({ ...row, reverted_at: (reverted as { reverted_at: Date }).reverted_at });
    });
  }
}
