import { randomUUID } from 'node:crypto';
import type { HubEvent } from '../../domain/events/hub-event';
import type { HubEventStatus } from '../../domain/events/ports';
import type { Query } from '../ledger/ledger-engine';
import type { Write } from '../writes';

/**
 * Records an event once: the unique (scheme, key) keeps the first row,
 * whatever repeats. True when this insert reached an active event trigger of
 * its type — the fan-out then wrote outbox rows, and the caller should ring
 * the relay after its commit (otherwise they wait for a sweep).
 */
export async function insertHubEvent(q: Query, event: HubEvent, status: HubEventStatus, effects: Record<string, unknown> | null): Promise<boolean> {
  const w = hubEventWrite(event, status, effects);
  const rows = await q<{ triggered: boolean }>(
    `${w.sql} returning exists (select 1 from event_triggers et where et.scheme_id = hub_events.scheme_id and et.active and et.event_types @> jsonb_build_array(hub_events.type)) as triggered`,
    w.params,
  );
  return rows[0]?.triggered === true;
}

/** The insert as a statement, to run alone or with a transaction's other writes (db/writes.ts). */
export function hubEventWrite(event: HubEvent, status: HubEventStatus, effects: Record<string, unknown> | null): Write {
  return hubEventsWrite([{ event, status, effects }]);
}

export interface JournalRow {
  event: HubEvent;
  status: HubEventStatus;
  effects: Record<string, unknown> | null;
}

/**
 * Several events as one insert, rows in the given order: the event triggers'
 * fan-out (a row trigger) then numbers their deliveries in that order, which
 * separate statements in one WITH would not guarantee.
 */
export function hubEventsWrite(rows: JournalRow[]): Write {
  return {
    sql: `insert into hub_events (id, scheme_id, key, type, customer_id, payload, occurred_at, status, effects, source, request_hash, external_id, external_event_date, tags, description, created_at)
          values ${rows.map(() => '(?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?::jsonb, ?, ?, ?, ?, ?::jsonb, ?, now())').join(', ')} on conflict (scheme_id, key) do nothing`,
    params: rows.flatMap(({ event, status, effects }) => {
      const t = event.tracked;
      return [randomUUID(), event.schemeId, event.key, event.type, event.customerId, JSON.stringify(event.payload), event.occurredAt, status, effects === null ? null : JSON.stringify(effects),
        t ? 'api' : 'hub', t?.requestHash ?? null, t?.externalId ?? null, t?.externalEventDate ?? null, JSON.stringify(t?.tags ?? []), t?.description ?? null];
    }),
  };
}
