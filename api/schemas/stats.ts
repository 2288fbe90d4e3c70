import { z } from 'zod';

const when = z.iso.datetime({ offset: true });

const window = {
  sinceFrom: when.optional().meta({ description: 'Start (inclusive); default 30 days before sinceTo' }),
  sinceTo: when.optional().meta({ description: 'End (exclusive); default now' }),
};

/** The seed's window (sinceFrom, sinceTo); by default the last 30 days. At most 366 days, so a query stays a bounded range. */
function checkWindow(w: { sinceFrom?: string; sinceTo?: string }, ctx: z.RefinementCtx): void {
  if (!w.sinceFrom || !w.sinceTo) return;
  const span = Date.parse(w.sinceTo) - Date.parse(w.sinceFrom);
  if (span <= 0) ctx.addIssue({ code: 'custom', message: 'sinceFrom must be before sinceTo', path: ['sinceFrom'] });
  if (span > 366 * 86_400_000) ctx.addIssue({ code: 'custom', message: 'the window is at most 366 days', path: ['sinceTo'] });
}

const tag = z.string().min(1).max(100).optional();
export const StatsWindow = z.object(window).superRefine(checkWindow);
export const TaggedStatsWindow = z.object({ ...window, tag }).superRefine(checkWindow);
export const TopMembersQuery = z.object({ ...window, tag, limit: z.coerce.number().int().min(1).max(100).default(10) }).superRefine(checkWindow);

const of = <T extends z.ZodType>(item: T, id: string) => z.object({ results: z.array(item) }).meta({ id });

export const MembersByDayView = of(z.object({ date: z.string().meta({ description: "A day in the scheme's time zone" }), count: z.number().int() }), 'MemberCreationStats');
export const EventsByTypeView = of(z.object({ type: z.string(), count: z.number().int() }), 'EventTypeStats');
export const LedgerAccountStatsView = of(z.object({ code: z.string(), count: z.number().int(), amount: z.string() }), 'LedgerAccountStats');
export const MissionStatsView = of(z.object({ missionId: z.uuid(), code: z.string(), name: z.string(), completions: z.number().int(), participants: z.number().int() }), 'MissionStats');
export const TopMembersView = of(z.object({ customerId: z.uuid(), completions: z.number().int(), counted: z.string() }), 'MissionTopMembers');
export const CouponBookStatsView = of(
  z.object({ couponBookId: z.uuid(), name: z.string(), assigned: z.number().int(), used: z.number().int(), discountType: z.string(), discountMinor: z.string().meta({ description: 'amount_off books: codes used × the discount, in minor units' }) }),
  'CouponBookStats',
);
