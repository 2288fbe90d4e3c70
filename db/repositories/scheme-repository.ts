import { randomUUID } from 'node:crypto';
import type { NewScheme, Scheme } from '../../domain/scheme';
import { ConflictError } from '../../domain/errors';
import { decodeCursor, encodeCursor, type Page, type PageRequest } from '../../domain/pagination';
import type { SchemeRepository } from '../../domain/ports';
import { SchemeEntity } from '../entities/scheme.entity';
import { provisionDefaultLedger } from '../ledger/provision';
import type { Orm } from '../orm';
import { toScheme } from './mappers';
import { violatedConstraint } from './unique-violation';
import { invalidCursor } from './keyset-page';

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

  async list({ limit, cursor }: PageRequest): Promise<Page<Scheme>> {
    const after = cursor ? decodeCursor(cursor) : null;
    if (cursor && !after) throw invalidCursor();
    const where = after ? { $or: [{ createdAt: { $gt: new Date(after.createdAt) } }, { createdAt: new Date(after.createdAt), id: { $gt: after.id } }] } : {};
    const rows = await this.orm.em.fork().find(SchemeEntity, where, { orderBy: { createdAt: 'asc', id: 'asc' }, limit: limit + 1 });
    const data = rows.slice(0, limit).map(toScheme);
    const last = rows.length > limit ? rows[limit - 1] : undefined;
    return { data, nextCursor: last ? encodeCursor({ createdAt: last.createdAt.toISOString(), id: last.id }) : null };
  }

  async findByName(name: string): Promise<Scheme | null> {
    const entity = await this.orm.em.fork().findOne(SchemeEntity, { name });
    return entity ? toScheme(entity) : null;
  }
}
