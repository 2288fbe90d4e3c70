import { Migration } from '@mikro-orm/migrations';

export class Migration20261122044238 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "ledgers" ("id" uuid not null, "scheme_id" uuid not null, "name" varchar(200) not null, "description" varchar(1000) null, "is_default" boolean not null default false, "created_at" timestamptz(6) not null, constraint "ledgers_pkey" primary key ("id"));`);
    this.addSql(`alter table "ledgers" add constraint "ledgers_scheme_name_unique" unique ("scheme_id", "name");`);

    this.addSql(`create table "ledger_accounts" ("id" uuid not null, "scheme_id" uuid not null, "ledger_id" uuid not null, "name" varchar(200) not null, "active" boolean not null default true, "decimals" smallint not null default 0, "max_supply" bigint null, "expires_in_months" int null, "is_default" boolean not null default false, "created_at" timestamptz(6) not null, constraint "ledger_accounts_pkey" primary key ("id"), constraint ledger_accounts_max_supply_check check (max_supply is null or (max_supply >= 0 and max_supply <= 18446744073709)), constraint ledger_accounts_decimals_check check (decimals >= 0 and decimals <= 8));`);
    this.addSql(`alter table "ledger_accounts" add constraint "ledger_accounts_ledger_name_unique" unique ("ledger_id", "name");`);

    this.addSql(`create table "wallets" ("id" uuid not null, "scheme_id" uuid not null, "account_id" uuid not null, "kind" varchar(16) not null, "customer_id" uuid null, "owner_key" varchar(64) not null, "debits_posted" bigint not null default 0, "credits_posted" bigint not null default 0, "debits_pending" bigint not null default 0, "credits_pending" bigint not null default 0, "created_at" timestamptz(6) not null, constraint "wallets_pkey" primary key ("id"), constraint wallets_totals_check check (debits_posted >= 0 and credits_posted >= 0 and debits_pending >= 0 and credits_pending >= 0));`);
    this.addSql(`create index "wallets_customer_id_index" on "wallets" ("customer_id");`);
    this.addSql(`alter table "wallets" add constraint "wallets_account_owner_unique" unique ("account_id", "owner_key");`);

    this.addSql(`create table "transfers" ("id" uuid not null, "scheme_id" uuid not null, "account_id" uuid not null, "debit_wallet_id" uuid not null, "credit_wallet_id" uuid not null, "amount" bigint not null, "status" varchar(24) not null, "code" varchar(32) not null, "description" varchar(1000) null, "tags" jsonb not null default '[]', "metadata" jsonb not null default '{}', "external_id" varchar(255) null, "external_event_date" timestamptz(6) null, "system_unique_key" varchar(255) not null, "request_hash" varchar(64) not null, "pending_id" uuid null, "timeout_at" timestamptz(6) null, "reversal_of" uuid null, "atomic_set_id" uuid null, "allow_overdraft" boolean not null default false, "created_at" timestamptz(6) not null, constraint "transfers_pkey" primary key ("id"), constraint transfers_amount_check check (amount > 0 and amount <= 18446744073709), constraint transfers_wallets_check check (debit_wallet_id <> credit_wallet_id));`);
    this.addSql(`create index "transfers_account_created_at_index" on "transfers" ("account_id", "created_at");`);
    this.addSql(`create index "transfers_debit_wallet_index" on "transfers" ("debit_wallet_id");`);
    this.addSql(`create index "transfers_credit_wallet_index" on "transfers" ("credit_wallet_id");`);
    this.addSql(`alter table "transfers" add constraint "transfers_scheme_system_unique_key_unique" unique ("scheme_id", "system_unique_key");`);
    this.addSql(`alter table "transfers" add constraint "transfers_pending_id_unique" unique ("pending_id");`);
    this.addSql(`alter table "transfers" add constraint "transfers_reversal_of_unique" unique ("reversal_of");`);

    this.addSql(`alter table "ledgers" add constraint "ledgers_scheme_id_foreign" foreign key ("scheme_id") references "schemes" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "ledger_accounts" add constraint "ledger_accounts_scheme_id_foreign" foreign key ("scheme_id") references "schemes" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "ledger_accounts" add constraint "ledger_accounts_ledger_id_foreign" foreign key ("ledger_id") references "ledgers" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "wallets" add constraint "wallets_scheme_id_foreign" foreign key ("scheme_id") references "schemes" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "wallets" add constraint "wallets_account_id_foreign" foreign key ("account_id") references "ledger_accounts" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "wallets" add constraint "wallets_customer_id_foreign" foreign key ("customer_id") references "customers" ("id") on update cascade on delete set null;`);

    this.addSql(`alter table "transfers" add constraint "transfers_scheme_id_foreign" foreign key ("scheme_id") references "schemes" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "transfers" add constraint "transfers_account_id_foreign" foreign key ("account_id") references "ledger_accounts" ("id") on update cascade;`);
    this.addSql(`alter table "transfers" add constraint "transfers_debit_wallet_id_foreign" foreign key ("debit_wallet_id") references "wallets" ("id") on update cascade;`);
    this.addSql(`alter table "transfers" add constraint "transfers_credit_wallet_id_foreign" foreign key ("credit_wallet_id") references "wallets" ("id") on update cascade;`);
    this.addSql(`alter table "transfers" add constraint "transfers_pending_id_foreign" foreign key ("pending_id") references "transfers" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "transfers" add constraint "transfers_reversal_of_foreign" foreign key ("reversal_of") references "transfers" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "ledger_accounts" drop constraint "ledger_accounts_ledger_id_foreign";`);

    this.addSql(`alter table "wallets" drop constraint "wallets_account_id_foreign";`);

    this.addSql(`alter table "transfers" drop constraint "transfers_account_id_foreign";`);

    this.addSql(`alter table "transfers" drop constraint "transfers_debit_wallet_id_foreign";`);

    this.addSql(`alter table "transfers" drop constraint "transfers_credit_wallet_id_foreign";`);

    this.addSql(`alter table "transfers" drop constraint "transfers_pending_id_foreign";`);

    this.addSql(`alter table "transfers" drop constraint "transfers_reversal_of_foreign";`);

    this.addSql(`drop table if exists "ledgers" cascade;`);

    this.addSql(`drop table if exists "ledger_accounts" cascade;`);

    this.addSql(`drop table if exists "wallets" cascade;`);

    this.addSql(`drop table if exists "transfers" cascade;`);
  }

}
