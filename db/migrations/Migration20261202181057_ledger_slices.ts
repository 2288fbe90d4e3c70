import { Migration } from '@mikro-orm/migrations';

export class Migration20261202181057 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "wallet_counters" ("wallet_id" uuid not null, "slot" smallint not null, "debits_posted" bigint not null default 0, "credits_posted" bigint not null default 0, "debits_pending" bigint not null default 0, "credits_pending" bigint not null default 0, constraint "wallet_counters_pkey" primary key ("wallet_id", "slot"));`);

    this.addSql(`alter table "wallet_counters" add constraint "wallet_counters_wallet_id_foreign" foreign key ("wallet_id") references "wallets" ("id") on update cascade on delete cascade;`);

    this.addSql(`create index "transfers_atomic_set_index" on "transfers" ("atomic_set_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "wallet_counters" cascade;`);

    this.addSql(`drop index "transfers_atomic_set_index";`);
  }

}
