import { Migration } from '@mikro-orm/migrations';

/**
 * Coupon books (seed 004): the books, their codes as rows of `coupons` (with
 * the book and when a code was handed out), and the assignments and uses of
 * codes, each under its systemUniqueKey (unique per scheme).
 */
export class Migration20261204190000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "coupon_books" ("id" uuid not null, "scheme_id" uuid not null, "name" varchar(200) not null, "description" varchar(2000) null, "external_id" varchar(255) null, "tags" jsonb not null default '[]', "tiers" jsonb not null default '[]', "audience_keys" jsonb not null default '[]', "condition" jsonb null, "discount_type" varchar(16) not null, "discount_amount" int not null default 0, "publishing_status" varchar(10) not null default 'draft', "valid_from" timestamptz(6) null, "valid_to" timestamptz(6) null, "max_assigned_per_member" int null, "max_coupon_count" int null, "created_at" timestamptz(6) not null, "updated_at" timestamptz(6) not null, constraint "coupon_books_pkey" primary key ("id"), constraint coupon_books_publishing_status_check check ("publishing_status" in ('draft', 'published', 'disabled', 'archived')), constraint coupon_books_caps_check check (discount_amount >= 0 and (max_assigned_per_member is null or max_assigned_per_member > 0) and (max_coupon_count is null or max_coupon_count >= 0)));`);
    this.addSql(`create index "coupon_books_scheme_id_created_at_id_index" on "coupon_books" ("scheme_id", "created_at", "id");`);
    this.addSql(`create table "coupon_usages" ("id" uuid not null, "scheme_id" uuid not null, "book_id" uuid not null, "coupon_id" uuid not null, "customer_id" uuid not null, "kind" varchar(8) not null, "system_unique_key" varchar(255) not null, "request_hash" varchar(64) not null, "ledger_transaction_id" varchar(255) null, "custom_attributes" jsonb not null default '{}', "expires_at" timestamptz(6) null, "reverted_at" timestamptz(6) null, "created_at" timestamptz(6) not null, constraint "coupon_usages_pkey" primary key ("id"), constraint coupon_usages_kind_check check ("kind" in ('assign', 'use')));`);
    this.addSql(`create index "coupon_usages_customer_id_created_at_index" on "coupon_usages" ("customer_id", "created_at");`);
    this.addSql(`create index "coupon_usages_coupon_id_index" on "coupon_usages" ("coupon_id");`);
    this.addSql(`alter table "coupon_usages" add constraint "coupon_usages_scheme_key_unique" unique ("scheme_id", "system_unique_key");`);
    this.addSql(`alter table "coupon_books" add constraint "coupon_books_scheme_id_foreign" foreign key ("scheme_id") references "schemes" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "coupon_usages" add constraint "coupon_usages_scheme_id_foreign" foreign key ("scheme_id") references "schemes" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "coupon_usages" add constraint "coupon_usages_book_id_foreign" foreign key ("book_id") references "coupon_books" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "coupon_usages" add constraint "coupon_usages_coupon_id_foreign" foreign key ("coupon_id") references "coupons" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "coupon_usages" add constraint "coupon_usages_customer_id_foreign" foreign key ("customer_id") references "customers" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "coupons" add column "book_id" uuid null, add column "assigned_at" timestamptz(6) null;`);
    this.addSql(`alter table "coupons" add constraint "coupons_book_id_foreign" foreign key ("book_id") references "coupon_books" ("id") on update cascade on delete cascade;`);
    this.addSql(`create index "coupons_book_free_index" on "coupons" ("book_id", "created_at", "id") where customer_id is null and used_at is null;`);
    this.addSql(`create index "coupons_book_id_customer_id_index" on "coupons" ("book_id", "customer_id");`);
    this.addSql(`create index "coupons_member_index" on "coupons" ("customer_id", "assigned_at", "id") where book_id is not null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "coupons" drop column "book_id", drop column "assigned_at";`);
    this.addSql(`drop table if exists "coupon_usages";`);
    this.addSql(`drop table if exists "coupon_books";`);
  }
}
