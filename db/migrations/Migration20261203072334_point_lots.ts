import { Migration } from '@mikro-orm/migrations';
import { LEDGER_EXPIRY_SQL, LEDGER_LOTS_DROP_SQL, LEDGER_LOTS_SQL, OPEN_EXISTING_LOTS_SQL } from '../ledger/sql/lots.sql';

/** Expiry lots and the trigger that keeps them (db/ledger/sql/lots.sql.ts); later changes to the SQL are new migrations. */

export class Migration20261203072334 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "point_lots" ("id" uuid not null default gen_random_uuid(), "scheme_id" uuid not null, "wallet_id" uuid not null, "transfer_id" uuid null, "amount" bigint not null, "remaining" bigint not null, "expired" bigint not null default 0, "expiries" int not null default 0, "earned_at" timestamptz(6) not null, "expires_at" timestamptz(6) not null, "noticed_at" timestamptz(6) null, constraint "point_lots_pkey" primary key ("id"), constraint point_lots_amounts_check check (remaining >= 0 and expired >= 0 and remaining + expired <= amount));`);
    this.addSql(`alter table "point_lots" add constraint "point_lots_transfer_unique" unique ("transfer_id");`);
    this.addSql(`create index "point_lots_wallet_live_index" on "point_lots" ("wallet_id", "expires_at", "earned_at") where remaining > 0;`);
    this.addSql(`create index "point_lots_due_index" on "point_lots" ("scheme_id", "expires_at", "wallet_id") where remaining > 0;`);
    this.addSql(`create index "point_lots_wallet_index" on "point_lots" ("wallet_id");`);
    this.addSql(`create table "lot_consumptions" ("id" bigserial primary key, "lot_id" uuid not null, "transfer_id" uuid not null, "amount" bigint not null, constraint lot_consumptions_amount_check check (amount >= 0));`);
    this.addSql(`create index "lot_consumptions_transfer_index" on "lot_consumptions" ("transfer_id");`);
    this.addSql(`create index "lot_consumptions_lot_index" on "lot_consumptions" ("lot_id");`);
    this.addSql(`create table "lot_debts" ("wallet_id" uuid not null, "amount" bigint not null, constraint "lot_debts_pkey" primary key ("wallet_id"), constraint lot_debts_amount_check check (amount >= 0));`);
    this.addSql(`alter table "point_lots" add constraint "point_lots_scheme_id_foreign" foreign key ("scheme_id") references "schemes" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "point_lots" add constraint "point_lots_wallet_id_foreign" foreign key ("wallet_id") references "wallets" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "point_lots" add constraint "point_lots_transfer_id_foreign" foreign key ("transfer_id") references "transfers" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "lot_consumptions" add constraint "lot_consumptions_lot_id_foreign" foreign key ("lot_id") references "point_lots" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "lot_consumptions" add constraint "lot_consumptions_transfer_id_foreign" foreign key ("transfer_id") references "transfers" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "lot_debts" add constraint "lot_debts_wallet_id_foreign" foreign key ("wallet_id") references "wallets" ("id") on update cascade on delete cascade;`);
    this.addSql(LEDGER_LOTS_SQL);
    this.addSql(LEDGER_EXPIRY_SQL);
    // Accounts that already expire (the API took expiresInMonths before lots existed): their balances open as lots now.
    this.addSql(OPEN_EXISTING_LOTS_SQL);
    this.addSql(`alter table "point_rules" add column "expiry_notice_days" int not null default 30;`);
  }

  override async down(): Promise<void> {
    this.addSql(LEDGER_LOTS_DROP_SQL);
    this.addSql(`alter table "point_rules" drop column "expiry_notice_days";`);
    this.addSql(`alter table "lot_consumptions" drop constraint "lot_consumptions_lot_id_foreign";`);
    this.addSql(`drop table if exists "point_lots" cascade;`);
    this.addSql(`drop table if exists "lot_consumptions" cascade;`);
    this.addSql(`drop table if exists "lot_debts" cascade;`);
  }

}
