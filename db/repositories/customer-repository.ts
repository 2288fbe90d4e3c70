import type { FilterQuery } from '@mikro-orm/core';
import type { Customer, CustomerChanges } from '../../domain/customer';
import { NotFoundError } from '../../domain/errors';
import { decodeCursor, encodeCursor, type Page, type PageRequest } from '../../domain/pagination';
import type { CustomerLookup, CustomerRepository } from '../../domain/ports';
import { CustomerEntity } from '../entities/customer.entity';
import type { Orm } from '../orm';
import { violatedCustomerField } from './customer-constraints';
import { duplicateCustomerField } from '../../domain/customers/register';
import { toCustomer } from './mappers';
import { invalidCursor } from './keyset-page';

export class MikroCustomerRepository implements CustomerRepository {
  constructor(private readonly orm: Orm) {}

  async update(schemeId: string, customerId: string, changes: CustomerChanges): Promise<Customer> {
    const em = this.orm.em.fork();
    const entity = await em.findOne(CustomerEntity, { id: customerId, schemeId });
    if (!entity) throw new NotFoundError('Customer');
    const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    em.assign(entity, { ...defined, updatedAt: new Date() });
    try {
      await em.flush();
    } catch (err) {
      const field = violatedCustomerField(err);
      if (field) throw duplicateCustomerField(field);
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
}
