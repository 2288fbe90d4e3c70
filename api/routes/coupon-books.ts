import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { canonicalJson } from '../../domain/canonical-json';
import type { CouponBook, NewCouponBook } from '../../domain/coupon-books/book';
import type { CouponBookOperations, CouponBookRepository } from '../../domain/coupon-books/ports';
import { NotFoundError } from '../../domain/errors';
import type { couponBookEndpoints } from '../endpoints/coupon-books';
import { created, ok, type Handlers } from '../endpoints/endpoint';
import { schemeOf } from '../middleware/auth';
import type { CouponBookBody } from '../schemas/coupon-books';

export interface CouponBookDeps {
  couponBooks: CouponBookRepository;
  couponBookOperations: CouponBookOperations;
}

/** The seed names the window validFromDate/validToDate. */
const bookIn = ({ validFromDate, validToDate, condition, ...b }: z.output<typeof CouponBookBody>): NewCouponBook => ({ ...b, condition: condition as NewCouponBook['condition'], validFrom: validFromDate, validTo: validToDate });
const bookOut = ({ validFrom, validTo, ...b }: CouponBook) => ({ ...b, validFromDate: validFrom, validToDate: validTo });

/** What a repeat must match to replay: the operation, its book and the body as sent. */
const hashOf = (op: string, bookId: string, body: unknown) => createHash('sha256').update(canonicalJson({ op, bookId, body })).digest('hex');

export function couponBookHandlers({ couponBooks, couponBookOperations: ops }: CouponBookDeps): Handlers<typeof couponBookEndpoints> {
  return {
    async listCouponBooks({ query: { status, tags, ...page }, res }) {
      const found = await couponBooks.list(schemeOf(res.locals), { status, tag: tags }, page);
      return ok({ ...found, data: found.data.map(bookOut) });
    },
    createCouponBook: async ({ body, res }) => created({ couponBook: bookOut(await couponBooks.create(schemeOf(res.locals), bookIn(body))) }),
    async getCouponBook({ params: { id }, res }) {
      const book = await couponBooks.get(schemeOf(res.locals), id);
      if (!book) throw new NotFoundError('Coupon book');
      return ok({ couponBook: bookOut(book) });
    },
    updateCouponBook: async ({ params: { id }, body, res }) => ok({ couponBook: bookOut(await couponBooks.update(schemeOf(res.locals), id, bookIn(body))) }),
    addCouponCodes: async ({ params: { id }, body, res }) => created({ codes: await couponBooks.addCodes(schemeOf(res.locals), id, body) }),
    listCouponCodes: async ({ params: { id }, query, res }) => ok(await couponBooks.codes(schemeOf(res.locals), id, query)),

    async assignCouponCodes({ params: { id }, body, res }) {
      const { pendingCaptureLedgerTransactionId, amount: _single, ...rest } = body;
      const usages = await ops.assign(schemeOf(res.locals), id, { ...rest, ledgerTransactionId: pendingCaptureLedgerTransactionId, requestHash: hashOf('assign', id, body) });
      return created({ couponUsages: usages });
    },
    async useCouponCode({ params: { id }, body, res }) {
      const { pendingCaptureLedgerTransactionId, ...rest } = body;
      const usage = await ops.use(schemeOf(res.locals), id, { ...rest, ledgerTransactionId: pendingCaptureLedgerTransactionId, requestHash: hashOf('use', id, body) });
      return created({ couponUsage: usage });
    },
    revertCouponUsage: async ({ params: { id }, res }) => ok({ couponUsage: await ops.revert(schemeOf(res.locals), id) }),

    async listMemberCouponBooks({ params: { id }, query, res }) {
      const found = await ops.memberBooks(schemeOf(res.locals), id, query);
      return ok({ ...found, data: found.data.map(({ held, used, outOfStock, ...book }) => ({ ...bookOut(book), held, used, outOfStock })) });
    },
    listMemberCoupons: async ({ params: { id }, query: { couponBookId, notUsedOnly, ...page }, res }) => ok(await ops.memberCoupons(schemeOf(res.locals), id, { bookId: couponBookId, notUsedOnly }, page)),
    memberCouponCounts: async ({ params: { id }, query, res }) => ok(await ops.memberCounts(schemeOf(res.locals), id, { from: query.validFromDate, to: query.validToDate })),
  };
}
