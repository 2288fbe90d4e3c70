import { Migration } from '@mikro-orm/migrations';

export class Migration20261122072039 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "connections" ("id" uuid not null, "scheme_id" uuid not null, "partner" varchar(20) not null, "name" varchar(100) not null, "base_url" varchar(500) not null, "credentials_sealed" text not null, "credential_fields" jsonb not null default '[]', "options" jsonb not null default '{}', "events" jsonb not null default '[]', "enabled" boolean not null default true, "retry_horizon_seconds" int not null default 86400, "deleted_at" timestamptz(6) null, "created_at" timestamptz(6) not null, "updated_at" timestamptz(6) not null, constraint "connections_pkey" primary key ("id"));`);
    this.addSql(`create index "connections_scheme_id_index" on "connections" ("scheme_id");`);

    this.addSql(`create table "partner_links" ("connection_id" uuid not null, "customer_id" uuid not null, "external_id" varchar(200) not null, "created_at" timestamptz(6) not null, constraint "partner_links_pkey" primary key ("connection_id", "customer_id"));`);

    this.addSql(`create table "sync_records" ("id" uuid not null, "scheme_id" uuid not null, "connection_id" uuid not null, "kind" varchar(20) not null, "operation_key" varchar(200) not null, "customer_id" uuid not null, "status" varchar(10) not null default 'PENDING', "attempts" int not null default 0, "retries" int not null default 0, "last_error" text null, "detail" jsonb null, "payload" jsonb not null, "workflow_id" varchar(400) not null, "created_at" timestamptz(6) not null, "updated_at" timestamptz(6) not null, constraint "sync_records_pkey" primary key ("id"));`);
    this.addSql(`create index "sync_records_scheme_status_index" on "sync_records" ("scheme_id", "status", "created_at");`);
    this.addSql(`create index "sync_records_connection_customer_index" on "sync_records" ("connection_id", "customer_id", "created_at");`);
    this.addSql(`alter table "sync_records" add constraint "sync_records_operation_unique" unique ("connection_id", "kind", "operation_key");`);

    this.addSql(`alter table "connections" add constraint "connections_scheme_id_foreign" foreign key ("scheme_id") references "schemes" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "partner_links" add constraint "partner_links_connection_id_foreign" foreign key ("connection_id") references "connections" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "sync_records" add constraint "sync_records_scheme_id_foreign" foreign key ("scheme_id") references "schemes" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "sync_records" add constraint "sync_records_connection_id_foreign" foreign key ("connection_id") references "connections" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "partner_links" drop constraint "partner_links_connection_id_foreign";`);

    this.addSql(`alter table "sync_records" drop constraint "sync_records_connection_id_foreign";`);

    this.addSql(`drop table if exists "connections" cascade;`);

    this.addSql(`drop table if exists "partner_links" cascade;`);

    this.addSql(`drop table if exists "sync_records" cascade;`);
  }

}
