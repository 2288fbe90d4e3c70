import { Migration } from '@mikro-orm/migrations';

export class Migration20261122080218 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "webhook_events" ("id" uuid not null, "scheme_id" uuid not null, "connection_id" uuid not null, "event_id" varchar(200) not null, "type" varchar(40) not null, "occurred_at" timestamptz(6) not null, "data" jsonb not null, "status" varchar(10) not null default 'RECEIVED', "outcome" jsonb null, "workflow_id" varchar(400) not null, "received_at" timestamptz(6) not null, "updated_at" timestamptz(6) not null, constraint "webhook_events_pkey" primary key ("id"));`);
    this.addSql(`create index "webhook_events_scheme_status_index" on "webhook_events" ("scheme_id", "status", "received_at");`);
    this.addSql(`alter table "webhook_events" add constraint "webhook_events_connection_event_unique" unique ("connection_id", "event_id");`);

    this.addSql(`alter table "webhook_events" add constraint "webhook_events_scheme_id_foreign" foreign key ("scheme_id") references "schemes" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "webhook_events" add constraint "webhook_events_connection_id_foreign" foreign key ("connection_id") references "connections" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "connections" add column "webhook_secret_sealed" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "webhook_events" cascade;`);

    this.addSql(`alter table "connections" drop column "webhook_secret_sealed";`);
  }

}
