import { Migration } from '@mikro-orm/migrations';

export class Migration20261122081453 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "reconciliation_runs" ("id" uuid not null, "scheme_id" uuid not null, "connection_id" uuid not null, "workflow_id" varchar(400) not null, "auto_correct" boolean not null default false, "status" varchar(10) not null default 'RUNNING', "summary" jsonb not null default '{}', "started_at" timestamptz(6) not null, "finished_at" timestamptz(6) null, constraint "reconciliation_runs_pkey" primary key ("id"));`);
    this.addSql(`alter table "reconciliation_runs" add constraint "reconciliation_runs_workflow_id_unique" unique ("workflow_id");`);

    this.addSql(`create table "reconciliation_items" ("run_id" uuid not null, "customer_id" uuid not null, "external_id" varchar(200) null, "hub_balance" bigint not null, "partner_balance" bigint null, "outcome" varchar(20) not null, "corrected" boolean not null default false, constraint "reconciliation_items_pkey" primary key ("run_id", "customer_id"));`);

    this.addSql(`alter table "reconciliation_runs" add constraint "reconciliation_runs_scheme_id_foreign" foreign key ("scheme_id") references "schemes" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "reconciliation_runs" add constraint "reconciliation_runs_connection_id_foreign" foreign key ("connection_id") references "connections" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "reconciliation_items" add constraint "reconciliation_items_run_id_foreign" foreign key ("run_id") references "reconciliation_runs" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "reconciliation_items" drop constraint "reconciliation_items_run_id_foreign";`);

    this.addSql(`drop table if exists "reconciliation_runs" cascade;`);

    this.addSql(`drop table if exists "reconciliation_items" cascade;`);
  }

}
