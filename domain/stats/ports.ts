/** One page of the hourly roll-up: schemes visited, days stored, the last scheme (null: no more). */
export interface RollUpPage {
  schemes: number;
  days: number;
  last: string | null;
}

/** A reporting window: [from, to), ISO instants. */
export interface Window {
  from: string;
  to: string;
}

/**
 * The seed's stats that fit the hub (004, Stats), each one SQL statement over
 * an index that bounds it by scheme (or account) and time — day buckets in the
 * scheme's time zone.
 */
export interface StatsRepository {
  membersByDay(schemeId: string, w: Window): Promise<Array<{ date: string; count: number }>>;
  eventsByType(schemeId: string, w: Window): Promise<Array<{ type: string; count: number }>>;
  /** Posted transfers of one account in the window, by transfer code (amounts as decimal strings). */
  ledgerAccount(schemeId: string, accountId: string, w: Window): Promise<Array<{ code: string; count: number; amount: string }>>;
  /** Per mission (optionally of a tag): completions and participants in the window. */
  missions(schemeId: string, w: Window, tag?: string): Promise<Array<{ missionId: string; code: string; name: string; completions: number; participants: number }>>;
  /** The members who completed most in the window (then counted most). */
  topMissionMembers(schemeId: string, w: Window, limit: number, tag?: string): Promise<Array<{ customerId: string; completions: number; counted: string }>>;
  /** Per coupon book (optionally of a tag): codes assigned and used in the window, and the discount handed out. */
  /** Rolls up settled days for a page of schemes (ids after `after`); `last` is where the next page starts, null when done. */
  rollUp(after: string | null, limit: number): Promise<RollUpPage>;
  couponBooks(schemeId: string, w: Window, tag?: string): Promise<Array<{ couponBookId: string; name: string; assigned: number; used: number; discountType: string; discountMinor: string }>>;
}
