import { randomUUID } from 'node:crypto';
import type { Audience, NewAudience } from '../../domain/audiences/audience';
import type { AudienceRepository } from '../../domain/audiences/ports';
import { BusinessRuleError, ConflictError, NotFoundError } from '../../domain/errors';
import type { Page, PageRequest } from '../../domain/pagination';
import { queryIn, type Query } from '../ledger/ledger-engine';
import type { Orm } from '../orm';
import { keysetPage, type KeyColumn } from '../repositories/keyset-page';
import { violatedConstraint } from '../repositories/unique-violation';
import { memberProfile } from './profile';
import { containsPattern } from '../sql-like';

const MAX_AUDIENCES = 500;
const byCreation: KeyColumn[] = [
  { sql: 'created_at', type: 'timestamptz' },
  { sql: 'id', type: 'uuid' },
];

interface Row {
  id: string;
  key: string;
  name: string;
  description: string | null;
  rule: Audience['rule'];
  created_at: Date | string;
  updated_at: Date | string;
}

const toAudience = (r: Row): Audience => ({ id: r.id, key: r.key, name: r.name, description: r.description, rule: r.rule, createdAt: new Date(r.created_at).toISOString(), updatedAt: new Date(r.updated_at).toISOString() });

const taken = (err: unknown): never => {
  if (violatedConstraint(err) === 'audiences_scheme_key_unique') throw new ConflictError('An audience with this key exists', [{ path: 'body.key', message: 'already taken' }]);
  throw err;
};

export class PgAudiences implements AudienceRepository {
  constructor(private readonly orm: Orm) {}

  private q(): Query {
    return queryIn(this.orm.em.fork());
  }

  async create(schemeId: string, a: NewAudience): Promise<Audience> {
    // Judging a member reads every audience of the scheme: the count stays bounded.
    const [count] = await this.q()<{ n: number }>('select count(*)::int as n from audiences where scheme_id = ?', [schemeId]);
    if ((count?.n ?? 0) >= MAX_AUDIENCES) throw new BusinessRuleError(`A scheme has at most ${MAX_AUDIENCES} audiences`);
    const [row] = await this.q()<Row>(
      'insert into audiences (id, scheme_id, key, name, description, rule, created_at, updated_at) values (?, ?, ?, ?, ?, ?::jsonb, now(), now()) returning *',
      [randomUUID(), schemeId, a.key, a.name, a.description, JSON.stringify(a.rule)],
    ).catch(taken);
    return toAudience(row as Row);
  }

  async update(schemeId: string, id: string, a: NewAudience): Promise<Audience> {
    const [row] = await this.q()<Row>(
      'update audiences set key = ?, name = ?, description = ?, rule = ?::jsonb, updated_at = now() where id = ? and scheme_id = ? returning *',
      [a.key, a.name, a.description, JSON.stringify(a.rule), id, schemeId],
    ).catch(taken);
    if (!row) throw new NotFoundError('Audience');
    return toAudience(row);
  }

  async get(schemeId: string, id: string): Promise<Audience | null> {
    const [row] = await this.q()<Row>('select * from audiences where id = ? and scheme_id = ?', [id, schemeId]);
    return row ? toAudience(row) : null;
  }

  list(schemeId: string, page: PageRequest & { search?: string }): Promise<Page<Audience>> {
    const where = ['scheme_id = ?'];
    const params: unknown[] = [schemeId];
    if (page.search) {
      // LIKE's own wildcards in the search are matched literally; a scheme has at most 500 audiences, so no trigram index.
      where.push(`(name ilike ? escape '\\' or description ilike ? escape '\\')`);
      const pattern = containsPattern(page.search);
      params.push(pattern, pattern);
    }
    return keysetPage(this.q(), { select: '*', from: 'audiences', where, params, key: byCreation, order: 'desc' }, page, toAudience);
  }

  async all(schemeId: string): Promise<Audience[]> {
    return (await this.q()<Row>('select * from audiences where scheme_id = ? order by key', [schemeId])).map(toAudience);
  }

  profile(schemeId: string, customerId: string) {
    return memberProfile(this.q(), schemeId, customerId);
  }
}
