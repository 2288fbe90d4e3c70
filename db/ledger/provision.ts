import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { WalletKind } from '../../domain/ledger/wallet';
import { LedgerAccountEntity } from '../entities/ledger-account.entity';
import { LedgerEntity } from '../entities/ledger.entity';
import { WalletEntity } from '../entities/wallet.entity';

const systemKinds: WalletKind[] = ['issuance', 'redemption', 'expiry'];

export function systemOwnerKey(kind: WalletKind): string {
  return `system:${kind}`;
}

export function customerOwnerKey(customerId: string): string {
  return `customer:${customerId}`;
}

/** A new account's system wallets, so it can post at once. */
export function createSystemWallets(em: EntityManager, schemeId: string, accountId: string): void {
  for (const kind of systemKinds) {
    em.create(WalletEntity, {
      id: randomUUID(),
      schemeId,
      accountId,
      kind,
      customerId: null,
      ownerKey: systemOwnerKey(kind),
      debitsPosted: '0',
      creditsPosted: '0',
      debitsPending: '0',
      creditsPending: '0',
      createdAt: new Date(),
    });
  }
}

/**
 * The default ledger, its main points account and the system wallets of a new
 * scheme. Runs inside the caller's unit of work: a scheme never exists without them.
 */
export function provisionDefaultLedger(em: EntityManager, schemeId: string): { ledgerId: string; accountId: string } {
  const ledger = em.create(LedgerEntity, {
    id: randomUUID(),
    schemeId,
    name: 'Main ledger',
    description: 'Default ledger of the scheme',
    isDefault: true,
    createdAt: new Date(),
  });
  const account = em.create(LedgerAccountEntity, {
    id: randomUUID(),
    schemeId,
    ledgerId: ledger.id,
    name: 'Points',
    active: true,
    decimals: 0,
    maxSupply: null,
    expiresInMonths: null,
    isDefault: true,
    createdAt: new Date(),
  });
  createSystemWallets(em, schemeId, account.id);
  return { ledgerId: ledger.id, accountId: account.id };
}
