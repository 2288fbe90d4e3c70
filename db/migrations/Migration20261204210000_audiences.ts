import { Migration } from '@mikro-orm/migrations';

/** Audiences (seed 004): a scheme's named JSON Logic rules over a member, referred to by key. */
export class Migration20261204210000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "audiences" ("id" uuid not null, "scheme_id" uuid not null, "key" varchar(100) not null, "name" varchar(200) not null, "description" varchar(2000) null, "rule" jsonb not null, "created_at" timestamptz(6) not null, "updated_at" timestamptz(6) not null, constraint "audiences_pkey" primary key ("id"));`);
    this.addSql(`alter table "audiences" add constraint "audiences_scheme_key_unique" unique ("scheme_id", "key");`);
    this.addSql(`alter table "audiences" add constraint "audiences_scheme_id_foreign" foreign key ("scheme_id") references "schemes" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "audiences";`);
  }
}
