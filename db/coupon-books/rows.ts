import type { CouponBook } from '../../domain/coupon-books/book';
import type { BookCode } from '../../domain/coupon-books/ports';
import type { CouponUsage } from '../../domain/coupon-books/usage';

const iso = (v: Date | string | null): string | null => (v === null ? null : new Date(v).toISOString());

export interface BookRow {
  id: string;
  name: string;
  description: string | null;
  external_id: string | null;
  tags: string[];
  tiers: string[];
  audience_keys: string[];
  condition: CouponBook['condition'];
  discount_type: CouponBook['discountType'];
  discount_amount: number;
  publishing_status: CouponBook['publishingStatus'];
  valid_from: Date | string | null;
  valid_to: Date | string | null;
  max_assigned_per_member: number | null;
  max_coupon_count: number | null;
  created_at: Date | string;
  updated_at: Date | string;
}

export const toBook = (r: BookRow): CouponBook => ({
  id: r.id,
  name: r.name,
  description: r.description,
  externalId: r.external_id,
  tags: r.tags,
  tiers: r.tiers,
  audienceKeys: r.audience_keys,
  condition: r.condition,
  discountType: r.discount_type,
  discountAmount: r.discount_amount,
  publishingStatus: r.publishing_status,
  validFrom: iso(r.valid_from),
  validTo: iso(r.valid_to),
  maxAssignedPerMember: r.max_assigned_per_member,
  maxCouponCount: r.max_coupon_count,
  createdAt: iso(r.created_at) as string,
  updatedAt: iso(r.updated_at) as string,
});

export interface UsageRow {
  id: string;
  book_id: string;
  code: string;
  customer_id: string;
  kind: CouponUsage['kind'];
  system_unique_key: string;
  request_hash: string;
  ledger_transaction_id: string | null;
  custom_attributes: Record<string, unknown>;
  expires_at: Date | string | null;
  reverted_at: Date | string | null;
  created_at: Date | string;
}

/** Usages with their code: `u` joined to its coupon `c`. */
export const USAGE_COLUMNS = 'u.id, u.book_id, c.code, u.customer_id, u.kind, u.system_unique_key, u.request_hash, u.ledger_transaction_id, u.custom_attributes, u.expires_at, u.reverted_at, u.created_at';

export const toUsage = (r: UsageRow): CouponUsage => ({
  id: r.id,
  couponBookId: r.book_id,
  code: r.code,
  memberId: r.customer_id,
  kind: r.kind,
  systemUniqueKey: r.system_unique_key,
  ledgerTransactionId: r.ledger_transaction_id,
  customAttributes: r.custom_attributes,
  expiresAt: iso(r.expires_at),
  revertedAt: iso(r.reverted_at),
  createdAt: iso(r.created_at) as string,
});

export interface CodeRow {
  code: string;
  book_id: string;
  customer_id: string | null;
  assigned_at: Date | string | null;
  valid_to: Date | string | null;
  used_at: Date | string | null;
  used_by: string | null;
}

export const toCode = (r: CodeRow): BookCode => ({ code: r.code, couponBookId: r.book_id, memberId: r.customer_id, assignedAt: iso(r.assigned_at), validTo: iso(r.valid_to), usedAt: iso(r.used_at), usedBy: r.used_by });
