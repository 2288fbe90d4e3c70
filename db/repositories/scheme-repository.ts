import { randomUUID } from 'node:crypto';
import type { NewScheme, Scheme } from '../../domain/scheme';
import { ConflictError } from '../../domain/errors';
import type { Page, PageRequest } from '../../domain/pagination';
import type { SchemeRepository } from '../../domain/ports';
import { SchemeEntity } from '../entities/scheme.entity';
import { provisionDefaultLedger } from '../ledger/provision';
import type { Orm } from '../orm';
import { toScheme } from './mappers';
import { violatedConstraint } from './unique-violation';
import { byCreation, keysetPage } from './keyset-page';
import { queryIn } from '../ledger/ledger-engine';
import { containsPattern } from '../sql-like';

interface SchemeRow {
  id: string;
  name: string;
  currency: string;
  time_zone: string;
  created_at: string | Date;
}

export class MikroSchemeRepository implements SchemeRepository {
  constructor(private readonly orm: Orm) {}

  async create(input: NewScheme): Promise<Scheme> {
    const em = this.orm.em.fork();
    const entity = em.create(SchemeEntity, { id: randomUUID(), ...input, createdAt: new Date() });
    provisionDefaultLedger(em, entity.id);
    try {
      // One flush, one transaction: the scheme and its default ledger exist together or not at all.
      await em.flush();
    } catch (err) {
      if (violatedConstraint(err)) {
        throw new ConflictError(`A scheme named "${input.name}" already exists`, [{ path: 'name', message: 'already taken' }]);
      }
      throw err;
    }
    return toScheme(entity);
  }

  async findById(id: string): Promise<Scheme | null> {
    const entity = await this.orm.em.fork().findOne(SchemeEntity, { id });
    return entity ? toScheme(entity) : null;
  }

  async list(page: PageRequest & { name?: string }): Promise<Page<Scheme>> {
    const where = ['true'];
    const params: unknown[] = [];
    if (page.name) {
      // A substring of the name, any case; LIKE's own wildcards in it are matched literally.
      where.push(`name ilike ? escape '\\'`);
      params.push(containsPattern(page.name));
    }
    return keysetPage(queryIn(this.orm.em.fork()), { select: 'id, name, currency, time_zone, created_at', from: 'schemes', where, params, key: byCreation(), order: 'asc' }, page, (r: SchemeRow) => ({
      id: r.id,
      name: r.name,
      currency: r.currency,
      timeZone: r.time_zone,
      createdAt: new Date(r.created_at).toISOString(),
    }));
  }

  async findByName(name: string): Promise<Scheme | null> {
    const entity = await this.orm.em.fork().findOne(SchemeEntity, { name });
    return entity ? toScheme(entity) : null;
  }
}
