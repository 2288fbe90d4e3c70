import type { Page, PageRequest } from '../pagination';
import type { CouponBook, NewCouponBook } from './book';
import type { CouponUsage } from './usage';

/** A book's code as lists show it. */
export interface BookCode {
  code: string;
  couponBookId: string;
  memberId: string | null;
  assignedAt: string | null;
  /** When the member's code stops being valid (an assignment's expiredAt), if sooner than the book. */
  validTo: string | null;
  usedAt: string | null;
  /** A sale's uniqueId, or `book-use:<systemUniqueKey>` for a use through the book. */
  usedBy: string | null;
}

export interface CouponBookRepository {
  create(schemeId: string, book: NewCouponBook): Promise<CouponBook>;
  /** Replaces the book's fields; its codes follow its discount. */
  update(schemeId: string, id: string, book: NewCouponBook): Promise<CouponBook>;
  get(schemeId: string, id: string): Promise<CouponBook | null>;
  list(schemeId: string, filter: { status?: CouponBook['publishingStatus']; tag?: string }, page: PageRequest): Promise<Page<CouponBook>>;
  /** Adds the given codes (all or none: one the scheme has is a 409), or `generate` new ones; within maxCouponCount. */
  addCodes(schemeId: string, bookId: string, input: { codes?: string[]; generate?: number }): Promise<string[]>;
  codes(schemeId: string, bookId: string, page: PageRequest): Promise<Page<BookCode>>;
}

export interface AssignRequest {
  memberId: string;
  systemUniqueKeys: string[];
  numberOfCodes?: number;
  codes?: string[];
  strictMode: boolean;
  expiredAt?: string;
  ledgerTransactionId?: string;
  customAttributes: Record<string, unknown>;
  requestHash: string;
}

export interface UseRequest {
  memberId: string;
  systemUniqueKey: string;
  code: string;
  ledgerTransactionId?: string;
  customAttributes: Record<string, unknown>;
  requestHash: string;
}

/** Hand-outs and redemptions, each one transaction under its keys (db/coupon-books/). */
export interface CouponBookOperations {
  assign(schemeId: string, bookId: string, req: AssignRequest): Promise<CouponUsage[]>;
  use(schemeId: string, bookId: string, req: UseRequest): Promise<CouponUsage>;
  revert(schemeId: string, usageId: string): Promise<CouponUsage>;
  /** The member's book codes, newest first. */
  memberCoupons(schemeId: string, memberId: string, filter: { bookId?: string; notUsedOnly?: boolean }, page: PageRequest): Promise<Page<BookCode>>;
  /** Published books the member can get codes of, with what they hold. */
  memberBooks(schemeId: string, memberId: string, page: PageRequest): Promise<Page<CouponBook & { held: number; used: number; outOfStock: boolean }>>;
  /** The seed's usage counts: codes assigned and used in the window (by when). */
  memberCounts(schemeId: string, memberId: string, window: { from?: string; to?: string }): Promise<{ amountAssigned: number; amountUsed: number }>;
}
