import { Migration } from '@mikro-orm/migrations';

/**
 * Stored value topped up at the till lands on a gift card that then belongs to
 * the customer the till named: one holder per card (the primary key), set by
 * the first top-up and checked by every later one. A table of its own, not the
 * wallet's customer_id: that column means "a points wallet of this customer"
 * to tiers, lots, returns and balances.
 */
export class Migration20261204170000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "gift_card_holders" ("wallet_id" uuid not null, "scheme_id" uuid not null, "customer_id" uuid not null, "linked_at" timestamptz(6) not null default now(), constraint "gift_card_holders_pkey" primary key ("wallet_id"));`);
    this.addSql(`alter table "gift_card_holders" add constraint "gift_card_holders_wallet_id_foreign" foreign key ("wallet_id") references "wallets" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "gift_card_holders" add constraint "gift_card_holders_scheme_id_foreign" foreign key ("scheme_id") references "schemes" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "gift_card_holders" add constraint "gift_card_holders_customer_id_foreign" foreign key ("customer_id") references "customers" ("id") on update cascade on delete cascade;`);
    this.addSql(`create index "gift_card_holders_customer_id_index" on "gift_card_holders" ("customer_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "gift_card_holders";`);
  }
}
