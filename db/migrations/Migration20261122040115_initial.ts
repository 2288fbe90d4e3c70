import { Migration } from '@mikro-orm/migrations';

export class Migration20261122040115 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "schemes" ("id" uuid not null, "name" varchar(200) not null, "currency" varchar(3) not null, "time_zone" varchar(64) not null, "created_at" timestamptz(6) not null, constraint "schemes_pkey" primary key ("id"));`);
    this.addSql(`alter table "schemes" add constraint "schemes_name_unique" unique ("name");`);

    this.addSql(`create table "customers" ("id" uuid not null, "scheme_id" uuid not null, "first_name" varchar(100) null, "last_name" varchar(100) null, "email" varchar(320) null, "phone" varchar(16) null, "barcode" varchar(64) not null, "status" varchar(16) not null default 'ACTIVE', "idempotency_key" varchar(255) not null, "request_hash" varchar(64) not null, "created_at" timestamptz(6) not null, "updated_at" timestamptz(6) not null, constraint "customers_pkey" primary key ("id"));`);
    this.addSql(`create index "customers_scheme_created_at_id_index" on "customers" ("scheme_id", "created_at", "id");`);
    this.addSql(`alter table "customers" add constraint "customers_scheme_barcode_unique" unique ("scheme_id", "barcode");`);
    this.addSql(`alter table "customers" add constraint "customers_scheme_email_unique" unique ("scheme_id", "email");`);
    this.addSql(`alter table "customers" add constraint "customers_scheme_phone_unique" unique ("scheme_id", "phone");`);
    this.addSql(`alter table "customers" add constraint "customers_scheme_idempotency_key_unique" unique ("scheme_id", "idempotency_key");`);

    this.addSql(`create table "api_keys" ("id" uuid not null, "scheme_id" uuid not null, "name" varchar(200) null, "prefix" varchar(16) not null, "key_hash" varchar(64) not null, "created_at" timestamptz(6) not null, "revoked_at" timestamptz(6) null, constraint "api_keys_pkey" primary key ("id"));`);
    this.addSql(`alter table "api_keys" add constraint "api_keys_key_hash_unique" unique ("key_hash");`);
    this.addSql(`create index "api_keys_scheme_id_index" on "api_keys" ("scheme_id");`);

    this.addSql(`alter table "customers" add constraint "customers_scheme_id_foreign" foreign key ("scheme_id") references "schemes" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "api_keys" add constraint "api_keys_scheme_id_foreign" foreign key ("scheme_id") references "schemes" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "customers" drop constraint "customers_scheme_id_foreign";`);

    this.addSql(`alter table "api_keys" drop constraint "api_keys_scheme_id_foreign";`);

    this.addSql(`drop table if exists "schemes" cascade;`);

    this.addSql(`drop table if exists "customers" cascade;`);

    this.addSql(`drop table if exists "api_keys" cascade;`);
  }

}
