import { randomUUID } from 'node:crypto';
import { ConflictError } from '../../domain/errors';
import type { Page, PageRequest } from '../../domain/pagination';
import type { Outlet, OutletRepository } from '../../domain/transactions/ports';
import { OutletEntity } from '../entities/outlet.entity';
import type { Orm } from '../orm';
import { byCreation, entityPage } from './keyset-page';
import { violatedConstraint } from './unique-violation';

const toOutlet = (o: OutletEntity): Outlet => ({ id: o.id, name: o.name, active: o.active, createdAt: o.createdAt.toISOString() });

export class MikroOutletRepository implements OutletRepository {
  constructor(private readonly orm: Orm) {}

  async create(schemeId: string, name: string): Promise<Outlet> {
    const em = this.orm.em.fork();
    const o = em.create(OutletEntity, { id: randomUUID(), schemeId, name, active: true, createdAt: new Date() });
    await em.flush().catch((err) => {
      throw violatedConstraint(err) ? new ConflictError('An outlet with this name exists', [{ path: 'name', message: 'already taken' }]) : err;
    });
    return toOutlet(o);
  }

  async list(schemeId: string, page: PageRequest): Promise<Page<Outlet>> {
    const found = await entityPage(this.orm.em.fork(), OutletEntity, { from: 'outlets', where: ['scheme_id = ?'], params: [schemeId], key: byCreation(), order: 'asc' }, page);
    return { ...found, data: found.data.map(toOutlet) };
  }

  async get(schemeId: string, id: string): Promise<Outlet | null> {
    const o = await this.orm.em.fork().findOne(OutletEntity, { id, schemeId });
    return o ? toOutlet(o) : null;
  }
}
