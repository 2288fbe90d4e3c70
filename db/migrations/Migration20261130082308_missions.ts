import { Migration } from '@mikro-orm/migrations';

export class Migration20261130082308 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "missions" ("id" uuid not null, "scheme_id" uuid not null, "code" varchar(100) not null, "name" varchar(200) not null, "short_description" varchar(500) null, "description" text null, "picture_url" varchar(1000) null, "type" varchar(60) null, "tags" jsonb not null default '[]', "active" boolean not null, "valid_from" timestamptz(6) null, "valid_to" timestamptz(6) null, "event_type" varchar(100) not null, "matcher" jsonb null, "increment_by" jsonb null, "goal_count" bigint not null, "max_repetitions" int not null, "repetition_period" varchar(10) null, "period_limit" int null, "points_accrual" bigint not null, "ledger_account_id" uuid null, "custom_attributes" jsonb not null default '{}', "created_at" timestamptz(6) not null, "updated_at" timestamptz(6) not null, constraint "missions_pkey" primary key ("id"), constraint missions_limits_check check (goal_count >= 1 and max_repetitions >= 1 and points_accrual >= 0 and (period_limit is null or period_limit >= 1)));`);
    this.addSql(`create index "missions_scheme_event_type_index" on "missions" ("scheme_id", "event_type");`);
    this.addSql(`alter table "missions" add constraint "missions_scheme_code_unique" unique ("scheme_id", "code");`);

    this.addSql(`create table "event_types" ("id" uuid not null, "scheme_id" uuid not null, "api_code" varchar(100) not null, "name" varchar(200) not null, "description" text null, "active" boolean not null default true, "created_at" timestamptz(6) not null, constraint "event_types_pkey" primary key ("id"));`);
    this.addSql(`alter table "event_types" add constraint "event_types_scheme_api_code_unique" unique ("scheme_id", "api_code");`);

    this.addSql(`create table "mission_progress" ("mission_id" uuid not null, "customer_id" uuid not null, "scheme_id" uuid not null, "counter" bigint not null default 0, "times_achieved" int not null default 0, "period_key" varchar(20) null, "period_completions" int not null default 0, "generation" int not null default 0, "rewards" jsonb not null default '{}', "updated_at" timestamptz(6) not null, constraint "mission_progress_pkey" primary key ("mission_id", "customer_id"), constraint mission_progress_counts_check check (counter >= 0 and times_achieved >= 0 and period_completions >= 0));`);
    this.addSql(`create index "mission_progress_customer_index" on "mission_progress" ("customer_id");`);

    this.addSql(`create table "mission_contributions" ("id" uuid not null, "scheme_id" uuid not null, "mission_id" uuid not null, "customer_id" uuid not null, "event_key" varchar(300) not null, "amount" bigint not null, "completed" jsonb not null default '[]', "reward_keys" jsonb not null default '[]', "sale_unique_id" varchar(200) null, "reversible_until" timestamptz(6) null, "rolled_back_at" timestamptz(6) null, "outcome" jsonb null, "created_at" timestamptz(6) not null, constraint "mission_contributions_pkey" primary key ("id"));`);
    this.addSql(`create index "mission_contributions_sale_index" on "mission_contributions" ("scheme_id", "sale_unique_id");`);
    this.addSql(`alter table "mission_contributions" add constraint "mission_contributions_event_unique" unique ("mission_id", "customer_id", "event_key");`);

    this.addSql(`alter table "missions" add constraint "missions_scheme_id_foreign" foreign key ("scheme_id") references "schemes" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "missions" add constraint "missions_ledger_account_id_foreign" foreign key ("ledger_account_id") references "ledger_accounts" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "event_types" add constraint "event_types_scheme_id_foreign" foreign key ("scheme_id") references "schemes" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "mission_progress" add constraint "mission_progress_mission_id_foreign" foreign key ("mission_id") references "missions" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "mission_progress" add constraint "mission_progress_customer_id_foreign" foreign key ("customer_id") references "customers" ("id") on update cascade;`);
    this.addSql(`alter table "mission_progress" add constraint "mission_progress_scheme_id_foreign" foreign key ("scheme_id") references "schemes" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "mission_contributions" add constraint "mission_contributions_scheme_id_foreign" foreign key ("scheme_id") references "schemes" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "mission_contributions" add constraint "mission_contributions_mission_id_foreign" foreign key ("mission_id") references "missions" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "mission_contributions" add constraint "mission_contributions_customer_id_foreign" foreign key ("customer_id") references "customers" ("id") on update cascade;`);

    this.addSql(`alter table "hub_events" add column "source" varchar(10) not null default 'hub', add column "request_hash" varchar(64) null, add column "external_id" varchar(255) null, add column "external_event_date" timestamptz(6) null, add column "tags" jsonb not null default '[]', add column "description" text null;`);
    this.addSql(`alter table "hub_events" alter column "type" type varchar(100) using ("type"::varchar(100));`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "mission_progress" drop constraint "mission_progress_mission_id_foreign";`);

    this.addSql(`alter table "mission_contributions" drop constraint "mission_contributions_mission_id_foreign";`);

    this.addSql(`drop table if exists "missions" cascade;`);

    this.addSql(`drop table if exists "event_types" cascade;`);

    this.addSql(`drop table if exists "mission_progress" cascade;`);

    this.addSql(`drop table if exists "mission_contributions" cascade;`);

    this.addSql(`alter table "hub_events" drop column "source", drop column "request_hash", drop column "external_id", drop column "external_event_date", drop column "tags", drop column "description";`);

    this.addSql(`alter table "hub_events" alter column "type" type varchar(60) using ("type"::varchar(60));`);
  }

}
