import { ValidationError } from '../errors';
import type { SaleLine } from '../transactions/calculate';
import type { PosSettings } from './settings';

/** The sale line SPEND check-ins sell: one line of the amount spent, earning by the scheme's rules. */
export const SPEND_SKU = 'checkin';

/**
 * A Loyalty+ check-in as the hub's sale: the scheme's mode says which field
 * counts (the seed's own example sends both). SPEND sells one line of
 * `amount`; UNIT sells `units` of the unit SKU at no price, earning the
 * `pointsPerItem` the scheme's rules give that SKU — so the ledger legs,
 * events, partner sync and returns are those of any sale.
 */
export function checkinLines(settings: Pick<PosSettings, 'checkinMode' | 'unitSku'>, body: { amount?: number; units?: number }): SaleLine[] {
  if (settings.checkinMode === 'SPEND') {
    if (body.amount === undefined) throw new ValidationError('This scheme checks in by amount spent (SPEND mode)', [{ path: 'body.amount', message: 'required in SPEND mode' }]);
    return [{ sku: SPEND_SKU, quantity: 1, unitPrice: body.amount }];
  }
  if (body.units === undefined) throw new ValidationError('This scheme checks in by units bought (UNIT mode)', [{ path: 'body.units', message: 'required in UNIT mode' }]);
  return [{ sku: settings.unitSku, quantity: body.units, unitPrice: 0 }];
}

/** A till names the customer by hub id (a UUID) or by phone number (E.164, `+` sent raw or as %2B). */
export function identifierKind(identifier: string): 'id' | 'phone' | null {
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(identifier)) return 'id';
  if (/^\+[1-9]\d{6,14}$/.test(identifier)) return 'phone';
  return null;
}
