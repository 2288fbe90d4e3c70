import { Migration } from '@mikro-orm/migrations';

export class Migration20261122051031 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "point_rules" ("scheme_id" uuid not null, "earn_per_unit" bigint not null default '0', "redeem_points_per_unit" bigint not null default '0', "overrides" jsonb not null default '[]', "updated_at" timestamptz(6) not null, constraint "point_rules_pkey" primary key ("scheme_id"), constraint point_rules_rates_check check (earn_per_unit >= 0 and redeem_points_per_unit >= 0));`);

    this.addSql(`create table "outlets" ("id" uuid not null, "scheme_id" uuid not null, "name" varchar(200) not null, "active" boolean not null default true, "created_at" timestamptz(6) not null, constraint "outlets_pkey" primary key ("id"));`);
    this.addSql(`alter table "outlets" add constraint "outlets_scheme_name_unique" unique ("scheme_id", "name");`);

    this.addSql(`create table "sales" ("id" uuid not null, "scheme_id" uuid not null, "unique_id" varchar(200) not null, "request_hash" varchar(64) not null, "customer_id" uuid not null, "outlet_id" uuid not null, "points_earned" bigint not null, "points_redeemed" bigint not null, "request" jsonb not null, "result" jsonb not null, "lines" jsonb not null, "created_at" timestamptz(6) not null, constraint "sales_pkey" primary key ("id"));`);
    this.addSql(`create index "sales_customer_created_at_index" on "sales" ("customer_id", "created_at");`);
    this.addSql(`alter table "sales" add constraint "sales_scheme_unique_id_unique" unique ("scheme_id", "unique_id");`);

    this.addSql(`alter table "point_rules" add constraint "point_rules_scheme_id_foreign" foreign key ("scheme_id") references "schemes" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "outlets" add constraint "outlets_scheme_id_foreign" foreign key ("scheme_id") references "schemes" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "sales" add constraint "sales_scheme_id_foreign" foreign key ("scheme_id") references "schemes" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "sales" add constraint "sales_customer_id_foreign" foreign key ("customer_id") references "customers" ("id") on update cascade;`);
    this.addSql(`alter table "sales" add constraint "sales_outlet_id_foreign" foreign key ("outlet_id") references "outlets" ("id") on update cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "sales" drop constraint "sales_outlet_id_foreign";`);

    this.addSql(`drop table if exists "point_rules" cascade;`);

    this.addSql(`drop table if exists "outlets" cascade;`);

    this.addSql(`drop table if exists "sales" cascade;`);
  }

}
