import type { Customer } from '../../domain/customer';
import type { OwnerCustomerDirectory, OwnerListedCustomer, OwnerSearch, OwnerSortField } from '../../domain/customers/owner-directory';
import { CustomerEntity } from '../entities/customer.entity';
import { queryIn } from '../ledger/ledger-engine';
import type { Orm } from '../orm';
import { AVAILABLE_POINTS, WITH_POINTS } from './customer-repository';
import { toCustomer } from './mappers';
import { containsPattern } from '../sql-like';

type Row = { id: string; first_name: string | null; last_name: string | null; phone: string | null; status: Customer['status']; points: string };

/** Sort keys by the owner's names for them; the id last, so equal keys keep one order across pages. */
const sortKeys: Record<OwnerSortField, string[]> = {
  createdAt: ['c.created_at'],
  name: ["lower(coalesce(c.first_name, ''))", "lower(coalesce(c.last_name, ''))"],
  totalPoints: [AVAILABLE_POINTS],
};

export class PgOwnerCustomers implements OwnerCustomerDirectory {
  constructor(private readonly orm: Orm) {}

  async live(schemeId: string, customerId: string): Promise<Customer | null> {
    const entity = await this.orm.em.fork().findOne(CustomerEntity, { id: customerId, schemeId, erasedAt: null });
    return entity ? toCustomer(entity) : null;
  }

  async search(schemeId: string, q: OwnerSearch): Promise<{ rows: OwnerListedCustomer[]; total: number }> {
    const where = ['c.scheme_id = ?', 'c.erased_at is null'];
    const params: unknown[] = [schemeId];
    if (q.status) {
      where.push('c.status = ?');
      params.push(q.status);
    }
    if (q.search) {
      const like = containsPattern(q.search);
      where.push(`(concat_ws(' ', c.first_name, c.last_name) ilike ? or c.email ilike ? or c.phone like ? or c.barcode ilike ?)`);
      params.push(like, like, like, like);
    }
    const run = queryIn(this.orm.em.fork());
    const filter = where.join(' and ');
    const order = q.sortOrder === 'desc' ? 'desc' : 'asc';
    const keys = [...sortKeys[q.sortBy], 'c.id'].map((k) => `${k} ${order}`).join(', ');
    const [rows, counted] = await Promise.all([
      run<Row>(
        `select c.id, c.first_name, c.last_name, c.phone, c.status, ${AVAILABLE_POINTS}::text as points from ${WITH_POINTS}
          where ${filter} order by ${keys} limit ? offset ?`,
        [...params, q.limit, (q.page - 1) * q.limit],
      ),
      run<{ total: string }>(`select count(*)::text as total from customers c where ${filter}`, params),
    ]);
    return {
      rows: rows.map((r) => ({ id: r.id, firstName: r.first_name, lastName: r.last_name, phone: r.phone, status: r.status, points: BigInt(r.points) })),
      total: Number(counted[0]?.total ?? 0),
    };
  }
}
