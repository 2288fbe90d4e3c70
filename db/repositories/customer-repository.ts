import { randomInt, randomUUID } from 'node:crypto';
import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { barcodeFromDigits, type Customer, type CustomerChanges } from '../../domain/customer';
import { ConflictError, IdempotencyKeyReusedError, NotFoundError } from '../../domain/errors';
import { decodeCursor, encodeCursor, type Page, type PageRequest } from '../../domain/pagination';
import type { CreateCustomerCommand, CustomerLookup, CustomerRepository } from '../../domain/ports';
import { ValidationError } from '../../domain/errors';
import { CustomerEntity } from '../entities/customer.entity';
import { WalletEntity } from '../entities/wallet.entity';
import { customerOwnerKey } from '../ledger/provision';
import type { Orm } from '../orm';
import { toCustomer } from './mappers';
import { queryIn, type Query } from '../ledger/ledger-engine';
import { customerCreatedEvent, quietDelivery } from '../../domain/events/hub-event';
import { afterRegistration } from '../../domain/follow-ups';
import type { Referral } from '../../domain/referrals/types';
import { busListeningIn } from '../events/listening';
import { insertHubEvent } from '../events/journal';
import { recordFollowUps } from '../follow-ups/outbox';
import type { Doorbell } from '../follow-ups/doorbell';
import { connectedEventsIn } from './connection-repository';
import { attachTransactionIn } from '../referrals/attach';
import { attachReferral } from '../../domain/referrals/attach';
import { violatedConstraint } from './unique-violation';

const fieldByConstraint: Record<string, 'barcode' | 'email' | 'phone'> = {
  customers_scheme_barcode_unique: 'barcode',
  customers_scheme_email_unique: 'email',
  customers_scheme_phone_unique: 'phone',
};

function duplicateField(field: string): ConflictError {
  return new ConflictError(`A customer with this ${field} already exists in the scheme`, [
    { path: field, message: 'already taken' },
  ]);
}

async function defaultAccountId(em: EntityManager, schemeId: string): Promise<string | null> {
  const [row] = await em
    .getConnection()
    .execute(
      'select a.id from ledger_accounts a join ledgers l on l.id = a.ledger_id where a.scheme_id = ? and l.is_default and a.is_default',
      [schemeId],
      'all',
    );
  return (row as { id: string } | undefined)?.id ?? null;
}

/** The registration's event (journalled when nothing listens) and follow-ups, inside its transaction; true when follow-ups were recorded. */
async function announceRegistration(q: Query, command: CreateCustomerCommand, customer: Customer, referral: Referral | null, announce: { originConnectionId?: string }): Promise<boolean> {
  const event = customerCreatedEvent(command.schemeId, customer, command.referralCode);
  // A referral made with the registration listens for it by definition.
  const listening = referral !== null || (await busListeningIn(q, command.schemeId, customer.id, event.type));
  if (!listening) await insertHubEvent(q, event, 'success', quietDelivery);
  const batch = afterRegistration({
    schemeId: command.schemeId,
    customerId: customer.id,
    referral,
    connected: await connectedEventsIn(q, command.schemeId),
    ...(announce.originConnectionId ? { originConnectionId: announce.originConnectionId } : {}),
    event,
    listening,
  });
  if (batch) await recordFollowUps(q, batch);
  return batch !== null;
}

function generateBarcode(): string {
  return barcodeFromDigits(Array.from({ length: 12 }, () => randomInt(10)));
}

export class MikroCustomerRepository implements CustomerRepository {
  constructor(
    private readonly orm: Orm,
    private readonly doorbell?: Doorbell,
  ) {}

  async create(command: CreateCustomerCommand): Promise<Customer> {
    const { schemeId, customer, idempotencyKey, requestHash } = command;
    // A generated barcode can collide (1 in 10^12 per pair); try a few fresh ones.
    const attempts = customer.barcode ? 1 : 3;
    for (let attempt = 1; ; attempt++) {
      try {
        // One transaction: the customer, its wallet, the referral a code makes (a refused code creates nothing)
        // and, for the one-step registration, its event and follow-ups.
        let followUps = false;
        const created = await this.orm.em.fork().transactional(async (em) => {
          const entity = await this.insert(em, command);
          await em.flush();
          const q = queryIn(em);
          const referral = command.referralCode ? await attachReferral(attachTransactionIn(q), { schemeId, referredCustomerId: entity.id, code: command.referralCode, atRegistration: true }) : null;
          if (command.announce) followUps = await announceRegistration(q, command, toCustomer(entity), referral, command.announce);
          return entity;
        });
        if (followUps) this.doorbell?.ring();
        return toCustomer(created);
      } catch (err) {
        const constraint = violatedConstraint(err);
        if (!constraint) throw err;
        // The constraint decided; this read only explains the outcome. It runs
        // first because PostgreSQL may report another unique index before the
        // idempotency one when a retry repeats an insert that already committed.
        const existing = await this.orm.em.fork().findOne(CustomerEntity, { schemeId, idempotencyKey });
        if (existing) {
          if (existing.requestHash !== requestHash) throw new IdempotencyKeyReusedError();
          return toCustomer(existing);
        }
        const field = fieldByConstraint[constraint];
        if (field === 'barcode' && !customer.barcode && attempt < attempts) continue;
        throw duplicateField(field ?? 'value');
      }
    }
  }

  /** The customer row and its wallet in the default points account, not yet flushed. */
  private async insert(em: EntityManager, command: CreateCustomerCommand): Promise<CustomerEntity> {
    const { schemeId, customer, idempotencyKey, requestHash } = command;
    const now = new Date();
    const entity = em.create(CustomerEntity, {
      id: randomUUID(),
      schemeId,
      firstName: customer.firstName ?? null,
      lastName: customer.lastName ?? null,
      email: customer.email ?? null,
      phone: customer.phone ?? null,
      barcode: customer.barcode ?? generateBarcode(),
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
      em.create(WalletEntity, {
        id: randomUUID(),
        schemeId,
        accountId,
        kind: 'customer',
        customerId: entity.id,
        ownerKey: customerOwnerKey(entity.id),
        debitsPosted: '0',
        creditsPosted: '0',
        debitsPending: '0',
        creditsPending: '0',
        createdAt: now,
      });
    }
    return entity;
  }

  async update(schemeId: string, customerId: string, changes: CustomerChanges): Promise<Customer> {
    const em = this.orm.em.fork();
    const entity = await em.findOne(CustomerEntity, { id: customerId, schemeId });
    if (!entity) throw new NotFoundError('Customer');
    const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    em.assign(entity, { ...defined, updatedAt: new Date() });
    try {
      await em.flush();
    } catch (err) {
      const constraint = violatedConstraint(err);
      if (constraint) throw duplicateField(fieldByConstraint[constraint] ?? 'value');
      throw err;
    }
    return toCustomer(entity);
  }

  async findById(schemeId: string, customerId: string): Promise<Customer | null> {
    const entity = await this.orm.em.fork().findOne(CustomerEntity, { id: customerId, schemeId });
    return entity ? toCustomer(entity) : null;
  }

  async list(schemeId: string, lookup: CustomerLookup, page: PageRequest): Promise<Page<Customer>> {
    const where: FilterQuery<CustomerEntity> = { schemeId };
    if (lookup.barcode !== undefined) where.barcode = lookup.barcode;
    if (lookup.email !== undefined) where.email = lookup.email;
    if (lookup.phone !== undefined) where.phone = lookup.phone;
    if (page.cursor !== undefined) {
      const pos = decodeCursor(page.cursor);
      if (!pos) throw new ValidationError('Invalid cursor', [{ path: 'cursor', message: 'not a cursor this API issued' }]);
      const after = new Date(pos.createdAt);
      where.$or = [{ createdAt: { $gt: after } }, { createdAt: after, id: { $gt: pos.id } }];
    }
    const rows = await this.orm.em
      .fork()
      .find(CustomerEntity, where, { orderBy: { createdAt: 'asc', id: 'asc' }, limit: page.limit + 1 });
    const data = rows.slice(0, page.limit).map(toCustomer);
    const last = data[data.length - 1];
    return {
      data,
      nextCursor: rows.length > page.limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null,
    };
  }
}
