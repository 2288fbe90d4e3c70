import { randomBytes, randomUUID } from 'node:crypto';
import type { AdapterConnection, Partner, SyncKind } from '../../domain/partners/ports';
import type { ConnectionInput, ConnectionRepository, ConnectionView } from '../../domain/partners/sync';
import { ConnectionEntity } from '../entities/connection.entity';
import type { Orm } from '../orm';
import { queryIn, type Query } from '../ledger/ledger-engine';
import type { Sealer } from '../secrets/sealer';
import type { Page, PageRequest } from '../../domain/pagination';
import { byCreation, entityPage } from './keyset-page';

/** Shared with the sale context, which carries it so a sale needs no extra read. */
const CONNECTED_SQL = `select distinct e as kind from connections c, jsonb_array_elements_text(c.events) e where c.scheme_id = ? and c.enabled and c.deleted_at is null order by 1`;

export async function connectedEvents(orm: Orm, schemeId: string): Promise<SyncKind[]> {
  return connectedEventsIn(queryIn(orm.em.fork()), schemeId);
}

/** What the scheme's enabled connections forward, inside the caller's transaction. */
export async function connectedEventsIn(q: Query, schemeId: string): Promise<SyncKind[]> {
  const rows = await q<{ kind: SyncKind }>(CONNECTED_SQL, [schemeId]);
  return rows.map((r) => r.kind);
}

/** 192 random bits; partners sign webhooks with it (HMAC-SHA256). */
const newWebhookSecret = () => `whsec_${randomBytes(24).toString('base64url')}`;

const toView = (c: ConnectionEntity): ConnectionView => ({
  id: c.id,
  schemeId: c.schemeId,
  partner: c.partner,
  name: c.name,
  baseUrl: c.baseUrl,
  credentialFields: c.credentialFields,
  options: c.options,
  events: c.events as SyncKind[],
  enabled: c.enabled,
  retryHorizonSeconds: c.retryHorizonSeconds,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});

/** Connections; the credentials go in sealed and only come out for the worker's adapters. */
export class MikroConnectionRepository implements ConnectionRepository {
  constructor(
    private readonly orm: Orm,
    private readonly sealer: Sealer | null,
  ) {}

  private seal(value: Record<string, string> | string): string {
    if (!this.sealer) throw new Error('CREDENTIALS_KEY is not configured: connections cannot store credentials');
    return this.sealer.seal(typeof value === 'string' ? value : JSON.stringify(value));
  }

  async create(schemeId: string, input: ConnectionInput): Promise<ConnectionView & { webhookSecret: string }> {
    const em = this.orm.em.fork();
    const now = new Date();
    const { credentials, ...rest } = input;
    const webhookSecret = newWebhookSecret();
    const c = em.create(ConnectionEntity, {
      id: randomUUID(),
      schemeId,
      ...rest,
      credentialsSealed: this.seal(credentials),
      credentialFields: Object.keys(credentials).sort(),
      webhookSecretSealed: this.seal(webhookSecret),
      deletedAt: null,
      createdAt: now,
      updatedAt: now,
    });
    await em.flush();
    return { ...toView(c), webhookSecret };
  }

  async rotateWebhookSecret(schemeId: string, id: string): Promise<string | null> {
    const em = this.orm.em.fork();
    const c = await em.findOne(ConnectionEntity, { id, schemeId, deletedAt: null });
    if (!c) return null;
    const secret = newWebhookSecret();
    em.assign(c, { webhookSecretSealed: this.seal(secret), updatedAt: new Date() });
    await em.flush();
    return secret;
  }

  async list(schemeId: string, page: PageRequest): Promise<Page<ConnectionView>> {
    const s = { from: 'connections', where: ['scheme_id = ?', 'deleted_at is null'], params: [schemeId], key: byCreation(), order: 'asc' as const };
    const found = await entityPage(this.orm.em.fork(), ConnectionEntity, s, page);
    return { ...found, data: found.data.map(toView) };
  }

  async get(schemeId: string, id: string): Promise<ConnectionView | null> {
    const c = await this.orm.em.fork().findOne(ConnectionEntity, { id, schemeId, deletedAt: null });
    return c ? toView(c) : null;
  }

  async update(schemeId: string, id: string, input: Omit<ConnectionInput, 'credentials' | 'partner'> & { credentials?: Record<string, string> }): Promise<ConnectionView | null> {
    const em = this.orm.em.fork();
    const c = await em.findOne(ConnectionEntity, { id, schemeId, deletedAt: null });
    if (!c) return null;
    const { credentials, ...rest } = input;
    em.assign(c, { ...rest, updatedAt: new Date() });
    if (credentials) em.assign(c, { credentialsSealed: this.seal(credentials), credentialFields: Object.keys(credentials).sort() });
    await em.flush();
    return toView(c);
  }

  async remove(schemeId: string, id: string): Promise<boolean> {
    const em = this.orm.em.fork();
    const c = await em.findOne(ConnectionEntity, { id, schemeId, deletedAt: null });
    if (!c) return false;
    em.assign(c, { enabled: false, deletedAt: new Date(), updatedAt: new Date() });
    await em.flush();
    return true;
  }

  async pollCursor(id: string): Promise<string | null> {
    return (await this.orm.em.fork().findOne(ConnectionEntity, { id }, { fields: ['pollCursor'] }))?.pollCursor ?? null;
  }

  async savePollCursor(id: string, cursor: string): Promise<void> {
    await this.orm.em.fork().nativeUpdate(ConnectionEntity, { id }, { pollCursor: cursor });
  }

  async events(schemeId: string): Promise<SyncKind[]> {
    return connectedEvents(this.orm, schemeId);
  }

  async forAdapter(id: string): Promise<(AdapterConnection & { schemeId: string; enabled: boolean }) | null> {
    const c = await this.orm.em.fork().findOne(ConnectionEntity, { id });
    if (!c) return null;
    if (!this.sealer) throw new Error('CREDENTIALS_KEY is not configured: connections cannot be used');
    return {
      id: c.id,
      schemeId: c.schemeId,
      partner: c.partner as Partner,
      baseUrl: c.baseUrl,
      credentials: JSON.parse(this.sealer.open(c.credentialsSealed)) as Record<string, string>,
      options: c.options,
      enabled: c.enabled && c.deletedAt === null,
    };
  }
}
