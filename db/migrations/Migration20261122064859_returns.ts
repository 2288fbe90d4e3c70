import { Migration } from '@mikro-orm/migrations';

export class Migration20261122064859 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "returns" ("id" uuid not null, "scheme_id" uuid not null, "unique_id" varchar(200) not null, "request_hash" varchar(64) not null, "sale_id" uuid null, "customer_id" uuid not null, "kind" varchar(20) not null, "points_deducted" bigint not null, "points_readded" bigint not null, "pending_voided" bigint not null, "shortfall" bigint not null, "request" jsonb not null, "result" jsonb not null, "created_at" timestamptz(6) not null, constraint "returns_pkey" primary key ("id"));`);
    this.addSql(`create index "returns_sale_id_index" on "returns" ("sale_id");`);
    this.addSql(`alter table "returns" add constraint "returns_scheme_unique_id_unique" unique ("scheme_id", "unique_id");`);

    this.addSql(`alter table "returns" add constraint "returns_scheme_id_foreign" foreign key ("scheme_id") references "schemes" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "returns" add constraint "returns_sale_id_foreign" foreign key ("sale_id") references "sales" ("id") on update cascade on delete set null;`);
    this.addSql(`alter table "returns" add constraint "returns_customer_id_foreign" foreign key ("customer_id") references "customers" ("id") on update cascade;`);

    this.addSql(`alter table "point_rules" add column "return_window_seconds" int not null default 0, add column "return_policy" varchar(20) not null default 'within_balance';`);
    this.addSql(`alter table "point_rules" add constraint point_rules_return_window_check check(return_window_seconds >= 0);`);

    this.addSql(`alter table "sales" add column "returned" jsonb null, add column "pending_transfer_id" uuid null, add column "pending_points" bigint not null default 0, add column "pending_until" timestamptz(6) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "returns" cascade;`);

    this.addSql(`alter table "point_rules" drop constraint point_rules_return_window_check;`);
    this.addSql(`alter table "point_rules" drop column "return_window_seconds", drop column "return_policy";`);

    this.addSql(`alter table "sales" drop column "returned", drop column "pending_transfer_id", drop column "pending_points", drop column "pending_until";`);
  }

}
