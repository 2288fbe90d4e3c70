/**
 * A coupon's book rules as JSON (null for a simple coupon), read with the
 * coupon by a sale and by the till's coupon look-up: the book's state at the
 * moment of use, not a copy taken when the code was added.
 */
export const COUPON_BOOK_RULES = (coupon: string) =>
  `(select jsonb_build_object('id', b.id, 'status', b.publishing_status, 'validFrom', b.valid_from, 'validTo', b.valid_to, 'tiers', b.tiers) from coupon_books b where b.id = ${coupon}.book_id)`;
