import { randomUUID } from 'node:crypto';
import type { NewScheme, Scheme } from '../../domain/scheme';
import { ConflictError } from '../../domain/errors';
import type { SchemeRepository } from '../../domain/ports';
import { SchemeEntity } from '../entities/scheme.entity';
import { provisionDefaultLedger } from '../ledger/provision';
import type { Orm } from '../orm';
import { toScheme } from './mappers';
import { violatedConstraint } from './unique-violation';

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

  async findByName(name: string): Promise<Scheme | null> {
    const entity = await this.orm.em.fork().findOne(SchemeEntity, { name });
    return entity ? toScheme(entity) : null;
  }
}
