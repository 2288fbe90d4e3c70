import type { Matcher } from '../missions/matcher';
import type { CouponType } from '../transactions/ports';

/** The seed's publishing states (004, Coupon Books): only a published book's codes are assigned, used or accepted by a sale. */
export const bookStatuses = ['draft', 'published', 'disabled', 'archived'] as const;
export type BookStatus = (typeof bookStatuses)[number];

/**
 * A coupon book: a campaign whose codes are handed out to members (assigned)
 * and redeemed (used), at a till through a sale's `coupons` or through the
 * book's use endpoint. Its codes are coupons of the scheme (the `coupons`
 * table), so a sale consumes and a full return gives back a book code exactly
 * as it does a simple coupon.
 */
export interface CouponBook {
  id: string;
  name: string;
  description: string | null;
  externalId: string | null;
  tags: string[];
  /** Tier ids whose members may have and use its codes; empty: every member. */
  tiers: string[];
  /** Audience keys: the codes go to members of at least one of these audiences; empty: every member. */
  audienceKeys: string[];
  /** JSON Logic over the member (domain/coupon-books/member.ts), checked at assignment and at the book's use. */
  condition: Matcher | null;
  discountType: CouponType;
  /** Minor units for amount_off, percent for percent_off (the till applies it, as for simple coupons). */
  discountAmount: number;
  publishingStatus: BookStatus;
  validFrom: string | null;
  validTo: string | null;
  /** At most this many of the book's codes per member (assigned or used); null: no cap. */
  maxAssignedPerMember: number | null;
  /** At most this many codes in the book; null: no cap. */
  maxCouponCount: number | null;
  createdAt: string;
  updatedAt: string;
}

export type NewCouponBook = Omit<CouponBook, 'id' | 'createdAt' | 'updatedAt'>;

/** What a book's rules need to know about a use or an assignment. */
export interface BookUse {
  now: string;
  /** The member's tier id, or null without one. */
  tierId: string | null;
}

/** Why a book's codes cannot be handed out or used now, or null. One rule for assignment, use and sales. */
export function bookRefusal(book: Pick<CouponBook, 'publishingStatus' | 'validFrom' | 'validTo' | 'tiers'>, use: BookUse): string | null {
  if (book.publishingStatus !== 'published') return `is ${book.publishingStatus}, not published`;
  const now = new Date(use.now).getTime();
  if (book.validFrom !== null && now < new Date(book.validFrom).getTime()) return 'is not valid yet';
  if (book.validTo !== null && now > new Date(book.validTo).getTime()) return 'has expired';
  if (book.tiers.length > 0 && (use.tierId === null || !book.tiers.includes(use.tierId))) return "is not for the member's tier";
  return null;
}
