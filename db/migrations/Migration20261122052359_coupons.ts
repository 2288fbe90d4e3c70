import { Migration } from '@mikro-orm/migrations';

export class Migration20261122052359 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "coupons" ("id" uuid not null, "scheme_id" uuid not null, "code" varchar(64) not null, "type" varchar(16) not null, "value" int not null, "customer_id" uuid null, "valid_from" timestamptz(6) null, "valid_to" timestamptz(6) null, "used_at" timestamptz(6) null, "used_by" varchar(200) null, "created_at" timestamptz(6) not null, constraint "coupons_pkey" primary key ("id"));`);
    this.addSql(`alter table "coupons" add constraint "coupons_scheme_code_unique" unique ("scheme_id", "code");`);

    this.addSql(`alter table "coupons" add constraint "coupons_scheme_id_foreign" foreign key ("scheme_id") references "schemes" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "coupons" add constraint "coupons_customer_id_foreign" foreign key ("customer_id") references "customers" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "coupons" cascade;`);
  }

}
