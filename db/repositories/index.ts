import type { Repositories } from '../../domain/ports';
import type { Orm } from '../orm';
import { MikroApiKeyRepository } from './api-key-repository';
import { MikroCustomerRepository } from './customer-repository';
import { MikroSchemeRepository } from './scheme-repository';
import { LedgerEngine } from '../ledger/ledger-engine';
import { MikroLedgerRepository } from './ledger-repository';
import { MikroSalesRepository } from './sales-repository';
import { GiftCards } from '../ledger/gift-cards';
import { MikroCouponRepository } from './coupon-repository';
import { MikroReturnsRepository } from './returns-repository';

export function createRepositories(orm: Orm): Repositories {
  const ledger = new LedgerEngine(orm);
  const giftCards = new GiftCards(orm, ledger);
  const coupons = new MikroCouponRepository(orm);
  return {
    schemes: new MikroSchemeRepository(orm),
    apiKeys: new MikroApiKeyRepository(orm),
    customers: new MikroCustomerRepository(orm),
    ledger,
    ledgers: new MikroLedgerRepository(orm),
    sales: new MikroSalesRepository(orm, giftCards, coupons),
    giftCards,
    coupons,
    returns: new MikroReturnsRepository(orm, ledger),
  };
}
