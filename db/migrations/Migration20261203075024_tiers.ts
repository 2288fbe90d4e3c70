import { Migration } from '@mikro-orm/migrations';
import { TIERS_DROP_SQL, TIERS_SQL } from '../ledger/sql/tiers.sql';

/** Tiers, the customer's tier and its history, the tier window, and the trigger that judges tiers where accrual moves (db/ledger/sql/tiers.sql.ts). */

export class Migration20261203075024 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "loyalty_tiers" ("id" uuid not null, "scheme_id" uuid not null, "name" varchar(200) not null, "active" boolean not null default true, "min_required_points" bigint not null default '0', "tier_order" int not null, "is_default" boolean not null default false, "custom_attributes" jsonb not null default '{}', "picture_url" varchar(2000) null, "earn_multiplier_percent" int not null default 100, "created_at" timestamptz(6) not null, "updated_at" timestamptz(6) not null, constraint "loyalty_tiers_pkey" primary key ("id"), constraint loyalty_tiers_values_check check (min_required_points >= 0 and earn_multiplier_percent >= 0 and earn_multiplier_percent <= 1000));`);
    this.addSql(`create unique index "loyalty_tiers_one_default" on "loyalty_tiers" ("scheme_id") where is_default;`);
    this.addSql(`alter table "loyalty_tiers" add constraint "loyalty_tiers_scheme_name_unique" unique ("scheme_id", "name");`);
    this.addSql(`alter table "loyalty_tiers" add constraint "loyalty_tiers_scheme_order_unique" unique ("scheme_id", "tier_order");`);
    this.addSql(`create table "customer_tiers" ("customer_id" uuid not null, "scheme_id" uuid not null, "tier_id" uuid null, "source" varchar(10) not null default 'accrual', "expires_at" timestamptz(6) null, "updated_at" timestamptz(6) not null, constraint "customer_tiers_pkey" primary key ("customer_id"));`);
    this.addSql(`create index "customer_tiers_manual_expiry_index" on "customer_tiers" ("scheme_id", "expires_at") where source = 'manual' and expires_at is not null;`);
    this.addSql(`create table "tier_changes" ("id" uuid not null default gen_random_uuid(), "scheme_id" uuid not null, "customer_id" uuid not null, "from_tier_id" uuid null, "to_tier_id" uuid null, "reason" varchar(40) not null, "accrual" bigint null, "changed_at" timestamptz(6) not null, constraint "tier_changes_pkey" primary key ("id"));`);
    this.addSql(`create index "tier_changes_customer_index" on "tier_changes" ("customer_id", "changed_at");`);
    this.addSql(`alter table "loyalty_tiers" add constraint "loyalty_tiers_scheme_id_foreign" foreign key ("scheme_id") references "schemes" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "customer_tiers" add constraint "customer_tiers_customer_id_foreign" foreign key ("customer_id") references "customers" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "customer_tiers" add constraint "customer_tiers_scheme_id_foreign" foreign key ("scheme_id") references "schemes" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "customer_tiers" add constraint "customer_tiers_tier_id_foreign" foreign key ("tier_id") references "loyalty_tiers" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "tier_changes" add constraint "tier_changes_scheme_id_foreign" foreign key ("scheme_id") references "schemes" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "tier_changes" add constraint "tier_changes_customer_id_foreign" foreign key ("customer_id") references "customers" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "point_rules" add column "tier_window_months" int null default 12;`);
    this.addSql(`alter table "schemes" add column "tiers_swept_until" timestamptz(6) null;`);
    // By wallet and time (a wallet's history; a customer's accrual over a window), in place of by wallet alone.
    this.addSql(`drop index "transfers_credit_wallet_index";`);
    this.addSql(`drop index "transfers_debit_wallet_index";`);
    this.addSql(`create index "transfers_debit_wallet_created_at_index" on "transfers" ("debit_wallet_id", "created_at");`);
    this.addSql(`create index "transfers_credit_wallet_created_at_index" on "transfers" ("credit_wallet_id", "created_at");`);
    this.addSql(TIERS_SQL);
  }

  override async down(): Promise<void> {
    this.addSql(TIERS_DROP_SQL);
    this.addSql(`drop index "transfers_debit_wallet_created_at_index";`);
    this.addSql(`drop index "transfers_credit_wallet_created_at_index";`);
    this.addSql(`create index "transfers_credit_wallet_index" on "transfers" ("credit_wallet_id");`);
    this.addSql(`create index "transfers_debit_wallet_index" on "transfers" ("debit_wallet_id");`);
    this.addSql(`alter table "schemes" drop column "tiers_swept_until";`);
    this.addSql(`alter table "customer_tiers" drop constraint "customer_tiers_tier_id_foreign";`);
    this.addSql(`drop table if exists "loyalty_tiers" cascade;`);
    this.addSql(`drop table if exists "customer_tiers" cascade;`);
    this.addSql(`drop table if exists "tier_changes" cascade;`);
    this.addSql(`alter table "point_rules" drop column "tier_window_months";`);
  }

}
