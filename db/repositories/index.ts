import type { Repositories } from '../../domain/ports';
import type { Orm } from '../orm';
import { MikroApiKeyRepository } from './api-key-repository';
import { MikroCustomerRepository } from './customer-repository';
import { MikroSchemeRepository } from './scheme-repository';
import { LedgerEngine } from '../ledger/ledger-engine';
import { MikroLedgerRepository } from './ledger-repository';
import { MikroSalesRepository } from './sales-repository';

export function createRepositories(orm: Orm): Repositories {
  return {
    schemes: new MikroSchemeRepository(orm),
    apiKeys: new MikroApiKeyRepository(orm),
    customers: new MikroCustomerRepository(orm),
    ledger: new LedgerEngine(orm),
    ledgers: new MikroLedgerRepository(orm),
    sales: new MikroSalesRepository(orm),
  };
}
