import { Migration } from '@mikro-orm/migrations';

export class Migration20261130075200 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "referral_programs" ("id" uuid not null, "scheme_id" uuid not null, "name" varchar(200) not null, "description" text null, "picture_url" varchar(1000) null, "code" varchar(100) not null, "active" boolean not null, "valid_from" timestamptz(6) null, "valid_to" timestamptz(6) null, "max_per_code" int not null, "max_referrals_per_member" bigint not null, "event_type" varchar(60) not null, "min_purchase_minor" bigint null, "referrer_points" bigint not null, "referred_points" bigint not null, "referrer_account_id" uuid null, "referred_account_id" uuid null, "qualify_within_seconds" int not null, "reverse_on_return" boolean not null, "tags" jsonb not null default '[]', "custom_attributes" jsonb not null default '{}', "created_at" timestamptz(6) not null, "updated_at" timestamptz(6) not null, constraint "referral_programs_pkey" primary key ("id"), constraint referral_programs_limits_check check (max_per_code >= 1 and max_referrals_per_member >= 1 and qualify_within_seconds >= 1), constraint referral_programs_points_check check (referrer_points >= 0 and referred_points >= 0));`);
    this.addSql(`alter table "referral_programs" add constraint "referral_programs_scheme_code_unique" unique ("scheme_id", "code");`);

    this.addSql(`create table "referral_referrers" ("program_id" uuid not null, "customer_id" uuid not null, "rewarded" bigint not null default 0, constraint "referral_referrers_pkey" primary key ("program_id", "customer_id"), constraint referral_referrers_rewarded_check check (rewarded >= 0));`);

    this.addSql(`create table "referral_codes" ("id" uuid not null, "scheme_id" uuid not null, "program_id" uuid not null, "customer_id" uuid not null, "code" varchar(40) not null, "uses" int not null default 0, "created_at" timestamptz(6) not null, constraint "referral_codes_pkey" primary key ("id"), constraint referral_codes_uses_check check (uses >= 0));`);
    this.addSql(`create index "referral_codes_program_customer_index" on "referral_codes" ("program_id", "customer_id");`);
    this.addSql(`alter table "referral_codes" add constraint "referral_codes_scheme_code_unique" unique ("scheme_id", "code");`);

    this.addSql(`create table "referrals" ("id" uuid not null, "scheme_id" uuid not null, "program_id" uuid not null, "code_id" uuid not null, "referrer_customer_id" uuid not null, "referred_customer_id" uuid not null, "status" varchar(10) not null default 'PENDING', "terms" jsonb not null, "expires_at" timestamptz(6) not null, "referrer_paid" bigint not null default 0, "referred_paid" bigint not null default 0, "note" text null, "qualifying_event_key" varchar(300) null, "qualifying_sale_id" varchar(200) null, "qualified_at" timestamptz(6) null, "closed_at" timestamptz(6) null, "reversal" jsonb null, "workflow_id" varchar(300) not null, "created_at" timestamptz(6) not null, constraint "referrals_pkey" primary key ("id"));`);
    this.addSql(`create index "referrals_code_created_index" on "referrals" ("code_id", "created_at");`);
    this.addSql(`create index "referrals_program_referrer_index" on "referrals" ("program_id", "referrer_customer_id");`);
    this.addSql(`alter table "referrals" add constraint "referrals_scheme_referred_unique" unique ("scheme_id", "referred_customer_id");`);

    this.addSql(`create table "hub_events" ("id" uuid not null, "scheme_id" uuid not null, "key" varchar(300) not null, "type" varchar(60) not null, "customer_id" uuid not null, "payload" jsonb not null, "occurred_at" timestamptz(6) not null, "status" varchar(10) not null default 'pending', "effects" jsonb null, "created_at" timestamptz(6) not null, constraint "hub_events_pkey" primary key ("id"));`);
    this.addSql(`create index "hub_events_customer_created_index" on "hub_events" ("customer_id", "created_at");`);
    this.addSql(`alter table "hub_events" add constraint "hub_events_scheme_key_unique" unique ("scheme_id", "key");`);

    this.addSql(`alter table "referral_programs" add constraint "referral_programs_scheme_id_foreign" foreign key ("scheme_id") references "schemes" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "referral_programs" add constraint "referral_programs_referrer_account_id_foreign" foreign key ("referrer_account_id") references "ledger_accounts" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "referral_programs" add constraint "referral_programs_referred_account_id_foreign" foreign key ("referred_account_id") references "ledger_accounts" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "referral_referrers" add constraint "referral_referrers_program_id_foreign" foreign key ("program_id") references "referral_programs" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "referral_referrers" add constraint "referral_referrers_customer_id_foreign" foreign key ("customer_id") references "customers" ("id") on update cascade;`);

    this.addSql(`alter table "referral_codes" add constraint "referral_codes_scheme_id_foreign" foreign key ("scheme_id") references "schemes" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "referral_codes" add constraint "referral_codes_program_id_foreign" foreign key ("program_id") references "referral_programs" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "referral_codes" add constraint "referral_codes_customer_id_foreign" foreign key ("customer_id") references "customers" ("id") on update cascade;`);

    this.addSql(`alter table "referrals" add constraint "referrals_scheme_id_foreign" foreign key ("scheme_id") references "schemes" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "referrals" add constraint "referrals_program_id_foreign" foreign key ("program_id") references "referral_programs" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "referrals" add constraint "referrals_code_id_foreign" foreign key ("code_id") references "referral_codes" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "referrals" add constraint "referrals_referrer_customer_id_foreign" foreign key ("referrer_customer_id") references "customers" ("id") on update cascade;`);
    this.addSql(`alter table "referrals" add constraint "referrals_referred_customer_id_foreign" foreign key ("referred_customer_id") references "customers" ("id") on update cascade;`);

    this.addSql(`alter table "hub_events" add constraint "hub_events_scheme_id_foreign" foreign key ("scheme_id") references "schemes" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "hub_events" add constraint "hub_events_customer_id_foreign" foreign key ("customer_id") references "customers" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "referral_referrers" drop constraint "referral_referrers_program_id_foreign";`);

    this.addSql(`alter table "referral_codes" drop constraint "referral_codes_program_id_foreign";`);

    this.addSql(`alter table "referrals" drop constraint "referrals_program_id_foreign";`);

    this.addSql(`alter table "referrals" drop constraint "referrals_code_id_foreign";`);

    this.addSql(`drop table if exists "referral_programs" cascade;`);

    this.addSql(`drop table if exists "referral_referrers" cascade;`);

    this.addSql(`drop table if exists "referral_codes" cascade;`);

    this.addSql(`drop table if exists "referrals" cascade;`);

    this.addSql(`drop table if exists "hub_events" cascade;`);
  }

}
