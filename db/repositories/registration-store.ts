import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { quietDelivery } from '../../domain/events/hub-event';
import type { CreateCustomerCommand, RegistrationStore, RegistrationTransaction } from '../../domain/ports';
import { CustomerEntity } from '../entities/customer.entity';
import { WalletEntity } from '../entities/wallet.entity';
import { busListeningIn } from '../events/listening';
import { insertHubEvent } from '../events/journal';
import type { Doorbell } from '../follow-ups/doorbell';
import { recordFollowUps } from '../follow-ups/outbox';
import { queryIn } from '../ledger/ledger-engine';
import { customerOwnerKey } from '../ledger/provision';
import type { Orm } from '../orm';
import { attachTransactionIn } from '../referrals/attach';
import { connectedEventsIn } from './connection-repository';
import { toCustomer } from './mappers';
import { violatedCustomerField } from './customer-constraints';

async function defaultAccountId(em: EntityManager, schemeId: string): Promise<string | null> {
  const [row] = await em
    .getConnection()
    .execute('select a.id from ledger_accounts a join ledgers l on l.id = a.ledger_id where a.scheme_id = ? and l.is_default and a.is_default', [schemeId], 'all');
  return (row as { id: string } | undefined)?.id ?? null;
}

/** A registration's reads and writes in one transaction; `domain/customers/register.ts` decides. */
export class PgRegistrationStore implements RegistrationStore {
  constructor(
    private readonly orm: Orm,
    private readonly doorbell?: Doorbell,
  ) {}

  async transaction<T>(fn: (tx: RegistrationTransaction) => Promise<T>): Promise<T> {
    let followUps = false;
    const result = await this.orm.em.fork().transactional(async (em) => {
      const q = queryIn(em);
      const tx: RegistrationTransaction = {
        insert: async (command, barcode) => {
          const entity = await this.insert(em, command, barcode);
          await em.flush();
          return toCustomer(entity);
        },
        attach: attachTransactionIn(q),
        busListening: (schemeId, customerId, eventType) => busListeningIn(q, schemeId, customerId, eventType),
        journal: async (event) => {
          // A trigger hears member-created: its deliveries start after the commit.
          if (await insertHubEvent(q, event, 'success', quietDelivery)) followUps = true;
        },
        connectedEvents: (schemeId) => connectedEventsIn(q, schemeId),
        followUps: async (batch) => {
          await recordFollowUps(q, batch);
          followUps = true;
        },
      };
      return fn(tx);
    });
    if (followUps) this.doorbell?.ring();
    return result;
  }

  violated(err: unknown): 'barcode' | 'email' | 'phone' | 'value' | null {
    return violatedCustomerField(err);
  }

  async byIdempotencyKey(schemeId: string, idempotencyKey: string) {
    const existing = await this.orm.em.fork().findOne(CustomerEntity, { schemeId, idempotencyKey });
    return existing ? { customer: toCustomer(existing), requestHash: existing.requestHash } : null;
  }

  /** The customer row and its wallet in the default points account, not yet flushed. */
  private async insert(em: EntityManager, command: CreateCustomerCommand, barcode: string): Promise<CustomerEntity> {
    const { schemeId, customer, idempotencyKey, requestHash } = command;
    const now = new Date();
    const entity = em.create(CustomerEntity, {
      id: randomUUID(),
      schemeId,
      firstName: customer.firstName ?? null,
      lastName: customer.lastName ?? null,
      email: customer.email ?? null,
      phone: customer.phone ?? null,
      notes: customer.notes ?? null,
      customAttributes: customer.customAttributes ?? {},
      barcode,
      status: 'ACTIVE',
      idempotencyKey,
      requestHash,
      createdAt: now,
      updatedAt: now,
    });
    // The customer's wallet in the scheme's default points account is born with it,
    // in the same transaction, so a POS can earn on the first sale.
    const accountId = await defaultAccountId(em, schemeId);
    if (accountId) {
      em.create(WalletEntity, { id: randomUUID(), schemeId, accountId, kind: 'customer', customerId: entity.id, ownerKey: customerOwnerKey(entity.id), debitsPosted: '0', creditsPosted: '0', debitsPending: '0', creditsPending: '0', createdAt: now });
    }
    return entity;
  }
}
