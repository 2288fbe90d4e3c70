import { randomUUID } from 'node:crypto';
import { hubEventTypes } from '../../domain/events/hub-event';
import { ConflictError, ValidationError } from '../../domain/errors';
import { pageOfSorted, type Page, type PageRequest } from '../../domain/pagination';
import { periodKey } from '../../domain/missions/period';
import type { CustomerMissionFilter, EventTypeView, MissionFilter, MissionRepository } from '../../domain/missions/ports';
import type { CustomerMission, Mission, MissionInput } from '../../domain/missions/types';
import { audiencesOf } from '../audiences/membership';
import { queryIn, type LedgerEngine, type Query } from '../ledger/ledger-engine';
import { toMission, type MissionRow, type ProgressRow } from '../missions/rows';
import type { Orm } from '../orm';
import { byCreation, invalidCursor, keysetPage } from './keyset-page';
import { violatedConstraint } from './unique-violation';

const columns = `code, name, short_description, description, picture_url, type, tags, active, valid_from, valid_to, event_type, matcher, increment_by,
  goal_count, max_repetitions, repetition_period, period_limit, points_accrual, ledger_account_id, audience_id, custom_attributes`;
const jsonColumns = new Set(['tags', 'matcher', 'increment_by', 'custom_attributes']);

function params(m: MissionInput): unknown[] {
  const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
  return [m.code, m.name, m.shortDescription ?? null, m.description ?? null, m.pictureUrl ?? null, m.type ?? null, JSON.stringify(m.tags), m.active, m.validFrom ?? null, m.validTo ?? null,
    m.eventType, json(m.matcher), json(m.incrementBy), String(m.goalCount), m.maxRepetitions, m.repetitionPeriod ?? null, m.periodLimit ?? null, String(m.pointsAccrual),
    m.ledgerAccountId ?? null, m.audienceId ?? null, JSON.stringify(m.customAttributes)];
}

function filtered<T extends { mission: Mission } | Mission>(items: T[], f: MissionFilter): T[] {
  const of = (t: T): Mission => ('mission' in t ? t.mission : t);
  return items.filter((t) => {
    const m = of(t);
    if (f.type !== undefined && m.type !== f.type) return false;
    if (f.codes && !f.codes.includes(m.code)) return false;
    return !(f.tags && !f.tags.some((tag) => m.tags.includes(tag)));
  });
}

/** A page of the filtered list, by (createdAt, id) as the SQL lists are. */
function paged<T>(items: T[], page: PageRequest, mission: (t: T) => Mission): Page<T> {
  const found = pageOfSorted(items, page, (t) => ({ createdAt: mission(t).createdAt, id: mission(t).id }));
  if (!found) throw invalidCursor();
  return found;
}

export class MikroMissionRepository implements MissionRepository {
  constructor(
    private readonly orm: Orm,
    private readonly ledger: LedgerEngine,
  ) {}

  private q(): Query {
    return queryIn(this.orm.em.fork());
  }

  private async checked<T>(q: Query, schemeId: string, input: MissionInput, run: () => Promise<T>): Promise<T> {
    if (input.ledgerAccountId) {
      const [row] = await q('select 1 from ledger_accounts where scheme_id = ? and id = ?', [schemeId, input.ledgerAccountId]);
      if (!row) throw new ValidationError('Unknown ledger account', [{ path: 'body.ledgerAccountId', message: 'not an account of this scheme' }]);
    }
    if (input.audienceId && !(await q('select 1 from audiences where scheme_id = ? and id = ?', [schemeId, input.audienceId]))[0]) {
      throw new ValidationError('Unknown audience', [{ path: 'body.audienceId', message: 'not an audience of this scheme' }]);
    }
    if (!(await this.eventTypeKnown(schemeId, input.eventType))) {
      throw new ValidationError('Unknown event type', [{ path: 'body.eventType', message: 'a hub event type or a registered custom one' }]);
    }
    try {
      return await run();
    } catch (err) {
      if (violatedConstraint(err) === 'missions_scheme_code_unique') throw new ConflictError('A mission with this code already exists', [{ path: 'body.code', message: 'already taken' }]);
      throw err;
    }
  }

  async create(schemeId: string, input: MissionInput): Promise<Mission> {
    const q = this.q();
    const id = randomUUID();
    const placeholders = columns.split(',').map((c) => (jsonColumns.has(c.trim()) ? '?::jsonb' : '?')).join(', ');
    await this.checked(q, schemeId, input, () => q(`insert into missions (id, scheme_id, ${columns}, created_at, updated_at) values (?, ?, ${placeholders}, now(), now())`, [id, schemeId, ...params(input)]));
    return (await this.get(schemeId, id)) as Mission;
  }

  async update(schemeId: string, id: string, input: MissionInput): Promise<Mission | null> {
    const q = this.q();
    const sets = columns.split(',').map((c) => `${c.trim()} = ?${jsonColumns.has(c.trim()) ? '::jsonb' : ''}`).join(', ');
    const rows = await this.checked(q, schemeId, input, () => q(`update missions set ${sets}, updated_at = now() where scheme_id = ? and id = ? returning id`, [...params(input), schemeId, id]));
    return rows.length > 0 ? this.get(schemeId, id) : null;
  }

  async get(schemeId: string, id: string): Promise<Mission | null> {
    const [row] = await this.q()<MissionRow>('select * from missions where scheme_id = ? and id = ?', [schemeId, id]);
    return row ? toMission(row) : null;
  }

  // A scheme runs tens of missions, not thousands: filtering the list in memory keeps the filters exact and simple.
  async list(schemeId: string, filter: MissionFilter, page: PageRequest): Promise<Page<Mission>> {
    const rows = await this.q()<MissionRow>('select * from missions where scheme_id = ? order by created_at, id', [schemeId]);
    return paged(filtered(rows.map(toMission), filter), page, (m) => m);
  }

  async forCustomer(schemeId: string, customerId: string, f: CustomerMissionFilter, page: PageRequest): Promise<Page<CustomerMission>> {
    const q = this.q();
    const [scheme] = await q<{ time_zone: string }>('select time_zone from schemes where id = ?', [schemeId]);
    const rows = await q<MissionRow & { progress: ProgressRow | null }>(
      `select m.*, to_jsonb(p) as progress from missions m left join mission_progress p on p.mission_id = m.id and p.customer_id = ?
        where m.scheme_id = ? order by m.created_at, m.id`,
      [customerId, schemeId],
    );
    // A mission for an audience is shown only to its members (as it counts only for them).
    const member = await audiencesOf(q, schemeId, rows.flatMap((r) => (r.audience_id ? [r.audience_id] : [])), customerId);
    const now = new Date();
    const items = rows.filter((r) => !r.audience_id || member.has(r.audience_id)).map((r): CustomerMission => {
      const mission = toMission(r);
      const times = r.progress?.times_achieved ?? 0;
      const counter = String(r.progress?.counter ?? 0);
      const current = r.repetition_period ? periodKey(now, r.repetition_period, scheme?.time_zone ?? 'UTC') : null;
      const usedThisPeriod = r.progress && r.progress.period_key === current ? r.progress.period_completions : 0;
      const open = mission.active && (!mission.validFrom || Date.parse(mission.validFrom) <= now.getTime()) && (!mission.validTo || Date.parse(mission.validTo) > now.getTime());
      return {
        mission,
        counter,
        timesAchieved: times,
        available: open && times < mission.maxRepetitions,
        inProgress: BigInt(counter) > 0n,
        periodCompletionsLeft: mission.periodLimit != null && current ? Math.max(0, mission.periodLimit - usedThisPeriod) : null,
      };
    });
    const selected = filtered(items, f).filter(
      (i) =>
        (f.minTimesAchieved === undefined || i.timesAchieved >= f.minTimesAchieved) &&
        (f.minCounterCount === undefined || BigInt(i.counter) >= BigInt(f.minCounterCount)) &&
        (f.available === undefined || i.available === f.available) &&
        (f.inProgress === undefined || i.inProgress === f.inProgress) &&
        (f.active === undefined || i.mission.active === f.active),
    );
    return paged(selected, page, (i) => i.mission);
  }

  async createEventType(schemeId: string, input: { apiCode: string; name: string; description?: string | null; active: boolean }): Promise<EventTypeView> {
    if ((hubEventTypes as readonly string[]).includes(input.apiCode)) throw new ConflictError('This is a built-in event type', [{ path: 'body.apiCode', message: input.apiCode }]);
    const [row] = await this.q()<{ id: string; created_at: Date }>(
      `insert into event_types (id, scheme_id, api_code, name, description, active, created_at) values (?, ?, ?, ?, ?, ?, now())
       on conflict (scheme_id, api_code) do nothing returning id, created_at`,
      [randomUUID(), schemeId, input.apiCode, input.name, input.description ?? null, input.active],
    );
    if (!row) throw new ConflictError('An event type with this apiCode already exists', [{ path: 'body.apiCode', message: 'already taken' }]);
    return { id: row.id, apiCode: input.apiCode, name: input.name, description: input.description ?? null, active: input.active, createdAt: new Date(row.created_at).toISOString() };
  }

  listEventTypes(schemeId: string, page: PageRequest): Promise<Page<EventTypeView>> {
    return keysetPage(
      this.q(),
      { select: '*', from: 'event_types', where: ['scheme_id = ?'], params: [schemeId], key: byCreation(), order: 'asc' },
      page,
      (r: { id: string; api_code: string; name: string; description: string | null; active: boolean; created_at: Date }) => ({
        id: r.id,
        apiCode: r.api_code,
        name: r.name,
        description: r.description,
        active: r.active,
        createdAt: new Date(r.created_at).toISOString(),
      }),
    );
  }

  async eventTypeKnown(schemeId: string, eventType: string): Promise<boolean> {
    if ((hubEventTypes as readonly string[]).includes(eventType)) return true;
    const [row] = await this.q()('select 1 from event_types where scheme_id = ? and api_code = ? and active', [schemeId, eventType]);
    return row !== undefined;
  }
}
