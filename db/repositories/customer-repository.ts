import type { FilterQuery } from '@mikro-orm/core';
import type { Customer, CustomerChanges } from '../../domain/customer';
import { NotFoundError } from '../../domain/errors';
import { decodeCursor, encodeCursor, type Page, type PageRequest } from '../../domain/pagination';
import type { CustomerLookup, CustomerRepository, UpdatedCustomer } from '../../domain/ports';
import { CustomerEntity } from '../entities/customer.entity';
import type { Orm } from '../orm';
import { violatedCustomerField } from './customer-constraints';
import { duplicateCustomerField } from '../../domain/customers/register';
import { toCustomer } from './mappers';
import { invalidCursor, keysetPage, type KeyColumn } from './keyset-page';
import { queryIn } from '../ledger/ledger-engine';
import { scrubCopies } from './erasure';
import { deactivatedEvent } from '../../domain/customers/deactivation';
import { announceIn } from '../events/announce';
import type { Doorbell } from '../follow-ups/doorbell';

/**
 * How old a change must be before the feed serves it: `updated_at` is the API's
 * clock when it wrote the row, and the commit comes a little later, so a feed
 * reaching to now could pass a row that then commits with an earlier time.
 * It holds while the hub's clocks agree with PostgreSQL's and a customer write
 * commits within the horizon (a write is one short transaction); a write held
 * longer — a stalled process, a clock that runs behind — can still be passed.
 */
const SETTLE_SECONDS = 2;

/** Customers `c` with their wallet `w` in the scheme's default points account (none yet: null, so 0 points). */
export const WITH_POINTS = `customers c left join wallets w on w.customer_id = c.id and w.account_id = (
    select a.id from ledger_accounts a join ledgers l on l.id = a.ledger_id where a.scheme_id = c.scheme_id and l.is_default and a.is_default)`;
/** What the customer can spend there: posted credits less posted and pending debits. */
export const AVAILABLE_POINTS = 'coalesce(w.credits_posted - w.debits_posted - w.debits_pending, 0)';

const byUpdate: KeyColumn[] = [
  { sql: 'c.updated_at', type: 'timestamptz' },
  { sql: 'c.id', type: 'uuid' },
];

interface UpdatedRow {
  id: string;
  scheme_id: string;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  phone: string | null;
  barcode: string;
  status: Customer['status'];
  custom_attributes: Customer['customAttributes'];
  created_at: Date;
  updated_at: Date;
  points: string;
}

const toUpdated = (r: UpdatedRow): UpdatedCustomer => ({
  id: r.id,
  schemeId: r.scheme_id,
  firstName: r.first_name,
  lastName: r.last_name,
  email: r.email,
  phone: r.phone,
  barcode: r.barcode,
  status: r.status,
  customAttributes: r.custom_attributes ?? {},
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
  points: String(r.points),
});

export class MikroCustomerRepository implements CustomerRepository {
  constructor(
    private readonly orm: Orm,
    private readonly doorbell?: Doorbell,
  ) {}

  /**
   * One customer edit, under the row's lock: edits of one customer apply one
   * after another, and one that waited on an erasure finds the customer
   * erased (404) instead of writing a field back.
   */
  async update(schemeId: string, customerId: string, changes: CustomerChanges): Promise<Customer> {
    let ring = false;
    try {
      const customer = await this.orm.em.fork().transactional(async (tx) => {
        // FOR NO KEY UPDATE, not FOR UPDATE: it serialises edits, but leaves the KEY SHARE that every insert naming the
        // customer (a sale, a return, an event) takes on the row free — FOR UPDATE would deadlock with a return.
        await queryIn(tx)('select 1 from customers where id = ? and scheme_id = ? for no key update', [customerId, schemeId]);
        const entity = await tx.findOne(CustomerEntity, { id: customerId, schemeId });
        // An erased customer is gone for edits; the erasure itself may repeat (an activity retry).
        if (!entity || (entity.erasedAt && !changes.erased)) throw new NotFoundError('Customer');
        const { erased, ...fields } = changes;
        const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
        const now = new Date();
        const person = { barcode: entity.barcode, email: entity.email, phone: entity.phone, firstName: entity.firstName, lastName: entity.lastName };
        const wasActive = entity.status === 'ACTIVE';
        tx.assign(entity, { ...defined, updatedAt: now, ...(erased ? { erasedAt: entity.erasedAt ?? now } : {}) });
        await tx.flush();
        // An erasure also scrubs the person from the hub's copies, in the same transaction: erased everywhere or nowhere.
        if (erased) await scrubCopies(queryIn(tx), schemeId, customerId, person);
        if (wasActive && entity.status === 'BLOCKED') {
          ring = await announceIn(queryIn(tx), deactivatedEvent({ schemeId, customerId, at: now.toISOString(), erased: erased === true }));
        }
        return toCustomer(entity);
      });
      if (ring) this.doorbell?.ring();
      return customer;
    } catch (err) {
      const field = violatedCustomerField(err);
      if (field) throw duplicateCustomerField(field);
      throw err;
    }
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
      if (!pos) throw invalidCursor();
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

  async updatedSince(schemeId: string, from: string, page: PageRequest): Promise<Page<UpdatedCustomer>> {
    return keysetPage(
      queryIn(this.orm.em.fork()),
      {
        select: `c.id, c.scheme_id, c.first_name, c.last_name, c.email, c.phone, c.barcode, c.status, c.custom_attributes, c.created_at, c.updated_at, ${AVAILABLE_POINTS}::text as points`,
        from: WITH_POINTS,
        where: ['c.scheme_id = ?', 'c.updated_at >= ?::timestamptz', `c.updated_at <= now() - interval '${SETTLE_SECONDS} seconds'`],
        params: [schemeId, from],
        key: byUpdate,
        order: 'asc',
      },
      page,
      toUpdated,
    );
  }
}
