/**
 * A scheme's Loyalty+ POS settings (seed 001): what a check-in counts, when a
 * reward is available and what it is called, where check-ins are booked, and
 * how long identical requests without an Idempotency-Key count as one.
 */
export const checkinModes = ['SPEND', 'UNIT'] as const;
export type CheckinMode = (typeof checkinModes)[number];

export interface PosSettings {
  /** SPEND: `amount` is spent and earns by the scheme's rules; UNIT: `units` of `unitSku` are bought. */
  checkinMode: CheckinMode;
  /** The SKU a UNIT check-in sells; the scheme's rules give it `pointsPerItem`. */
  unitSku: string;
  /** A reward is available at this many points (`rewardAvailable`). */
  rewardThreshold: number;
  /** What a redemption answers as `rewardTitle`. */
  rewardTitle: string;
  /** Where a check-in without `storeId` is booked; null: the scheme's only outlet. */
  defaultOutletId: string | null;
  /** Loyalty+ store ids (the seed's cuids) → the hub outlets their check-ins are booked at. */
  storeOutlets: Record<string, string>;
  /** Identical requests without an Idempotency-Key within this many seconds are one. */
  dedupWindowSeconds: number;
}

/** A scheme that never set its POS settings has these. */
export const defaultPosSettings: PosSettings = {
  checkinMode: 'SPEND',
  unitSku: 'unit',
  rewardThreshold: 100,
  rewardTitle: 'Reward',
  defaultOutletId: null,
  storeOutlets: {},
  dedupWindowSeconds: 120,
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Where a check-in is booked: a mapped Loyalty+ store's outlet, a hub
 * outlet's own id (a UUID), else the default (the store id stays in the
 * sale's stored request); null when there is no default to fall back on.
 */
export function outletForStore(storeId: string | undefined, settings: Pick<PosSettings, 'storeOutlets' | 'defaultOutletId'>, onlyOutlet: string | null): string | null {
  if (storeId && Object.hasOwn(settings.storeOutlets, storeId)) return (settings.storeOutlets[storeId] as string).toLowerCase();
  if (storeId && UUID.test(storeId)) return storeId.toLowerCase();
  return settings.defaultOutletId ?? onlyOutlet;
}

/** What the till shows: the threshold, and whether the balance reaches it. */
export function rewardState(totalPoints: bigint, settings: Pick<PosSettings, 'rewardThreshold'>): { rewardThreshold: number; rewardAvailable: boolean } {
  return { rewardThreshold: settings.rewardThreshold, rewardAvailable: totalPoints >= BigInt(settings.rewardThreshold) };
}
