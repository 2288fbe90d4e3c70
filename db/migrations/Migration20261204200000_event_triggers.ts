import { Migration } from '@mikro-orm/migrations';

/**
 * Event triggers (seed 004): a scheme's WebHook triggers and their
 * deliveries, one per hub event and trigger, written by a database trigger on
 * hub_events so that no path that records an event can miss one.
 */
export class Migration20261204200000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "event_triggers" ("id" uuid not null, "scheme_id" uuid not null, "type" varchar(16) not null default 'WebHook', "name" varchar(200) not null, "active" boolean not null default true, "url" varchar(2000) not null, "event_types" jsonb not null default '[]', "filter" jsonb null, "retry_horizon_seconds" int not null default 86400, "secret_sealed" text not null, "created_at" timestamptz(6) not null, "updated_at" timestamptz(6) not null, constraint "event_triggers_pkey" primary key ("id"));`);
    this.addSql(`create index "event_triggers_scheme_id_active_index" on "event_triggers" ("scheme_id", "active");`);
    this.addSql(`create table "trigger_deliveries" ("id" uuid not null, "seq" bigserial, "scheme_id" uuid not null, "trigger_id" uuid not null, "event_key" varchar(300) not null, "event_type" varchar(100) not null, "customer_id" uuid not null, "event" jsonb not null, "status" varchar(10) not null default 'PENDING', "attempts" int not null default 0, "last_error" text null, "last_status_code" int null, "next_attempt_at" timestamptz(6) null, "delivered_at" timestamptz(6) null, "run" int not null default 0, "created_at" timestamptz(6) not null, constraint "trigger_deliveries_pkey" primary key ("id"));`);
    this.addSql(`create index "trigger_deliveries_lane_index" on "trigger_deliveries" ("trigger_id", "customer_id", "seq") where status = 'PENDING';`);
    this.addSql(`create index "trigger_deliveries_trigger_id_seq_index" on "trigger_deliveries" ("trigger_id", "seq");`);
    this.addSql(`alter table "trigger_deliveries" add constraint "trigger_deliveries_trigger_event_unique" unique ("trigger_id", "event_key");`);
    this.addSql(`alter table "event_triggers" add constraint "event_triggers_scheme_id_foreign" foreign key ("scheme_id") references "schemes" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "trigger_deliveries" add constraint "trigger_deliveries_scheme_id_foreign" foreign key ("scheme_id") references "schemes" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "trigger_deliveries" add constraint "trigger_deliveries_trigger_id_foreign" foreign key ("trigger_id") references "event_triggers" ("id") on update cascade on delete cascade;`);
    // The fan-out: every hub event inserted (whoever inserts it, in its own transaction) becomes one delivery per
    // active trigger of its type, with the outbox row that starts the delivery's workflow after the commit.
    this.addSql(`create or replace function hub_event_fanout() returns trigger language plpgsql as $$
declare
  t record;
  delivery uuid;
begin
  -- A trigger being deleted is skipped (key share, skip locked), so deleting one never blocks or fails the event's
  -- own transaction (a sale); an edit in progress does not hold key share.
  for t in select et.id, et.retry_horizon_seconds from event_triggers et
            where et.scheme_id = new.scheme_id and et.active and et.event_types @> jsonb_build_array(new.type)
            for key share of et skip locked loop
    -- One customer's deliveries of one trigger are numbered in commit order: a concurrent event of the same
    -- customer waits here until this transaction ends, and takes the next seq after it.
    perform pg_advisory_xact_lock(hashtextextended('trigger-lane:' || t.id || ':' || new.customer_id, 0));
    insert into trigger_deliveries (id, scheme_id, trigger_id, event_key, event_type, customer_id, event, status, created_at)
    values (gen_random_uuid(), new.scheme_id, t.id, new.key, new.type, new.customer_id,
            jsonb_build_object('id', new.id, 'type', new.type, 'key', new.key, 'customerId', new.customer_id,
                               'occurredAt', to_char(new.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'payload', new.payload),
            'PENDING', now())
    on conflict (trigger_id, event_key) do nothing
    returning id into delivery;
    if delivery is not null then
      insert into follow_ups (scheme_id, key, lane, steps, created_at)
      values (new.scheme_id, 'trigger-delivery/' || delivery || '/0', 'trigger:' || t.id || ':' || new.customer_id,
              jsonb_build_array(jsonb_build_object('kind', 'triggerDelivery', 'schemeId', new.scheme_id, 'deliveryId', delivery,
                                                   'customerId', new.customer_id, 'run', 0, 'horizonSeconds', t.retry_horizon_seconds)),
              now())
      on conflict (scheme_id, key) do nothing;
    end if;
  end loop;
  return null;
end $$;`);
    this.addSql(`create trigger hub_events_fanout after insert on hub_events for each row execute function hub_event_fanout();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists hub_events_fanout on hub_events;`);
    this.addSql(`drop function if exists hub_event_fanout();`);
    this.addSql(`drop table if exists "trigger_deliveries";`);
    this.addSql(`drop table if exists "event_triggers";`);
  }
}
