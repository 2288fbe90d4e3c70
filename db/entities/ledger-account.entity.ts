import { BigIntType, EntitySchema } from '@mikro-orm/core';
import { LedgerEntity } from './ledger.entity';
import { schemeRef } from './scheme-ref';

/** One unit of value in a ledger (the scheme's points, a gift-card currency in minor units). */
export class LedgerAccountEntity {
  id!: string;
  schemeId!: string;
  ledgerId!: string;
  name!: string;
  active = true;
  decimals = 0;
  /** bigint column; MikroORM hands bigint to JS as a string, the ledger engine converts. */
  maxSupply: string | null = null;
  expiresInMonths: number | null = null;
  isDefault = false;
  createdAt: Date = new Date();
}

export const LedgerAccountSchema = new EntitySchema<LedgerAccountEntity>({
  class: LedgerAccountEntity,
  tableName: 'ledger_accounts',
  uniques: [{ name: 'ledger_accounts_ledger_name_unique', properties: ['ledgerId', 'name'] }],
  checks: [
    { name: 'ledger_accounts_max_supply_check', expression: 'max_supply is null or (max_supply >= 0 and max_supply <= 18446744073709)' },
    { name: 'ledger_accounts_decimals_check', expression: 'decimals >= 0 and decimals <= 8' },
  ],
  properties: {
    id: { type: 'uuid', primary: true },
    schemeId: schemeRef,
    ledgerId: { kind: 'm:1', entity: () => LedgerEntity, mapToPk: true, fieldName: 'ledger_id', deleteRule: 'cascade' },
    name: { type: 'string', length: 200 },
    active: { type: 'boolean', default: true },
    decimals: { type: 'smallint', default: 0 },
    maxSupply: { type: new BigIntType('string'), nullable: true },
    expiresInMonths: { type: 'integer', nullable: true },
    isDefault: { type: 'boolean', default: false },
    createdAt: { type: 'datetime', length: 6 },
  },
});
