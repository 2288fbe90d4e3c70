import { Migration } from '@mikro-orm/migrations';

/**
 * Loyalty+'s owner API: an API key's role (`pos` tills, `owner` the shop's
 * owner managing customers — the seed's "Bearer JWT (admin login)" has no hub
 * counterpart, an owner-role key is the bearer), a customer's free-text notes,
 * and when a customer was erased (the owner's "delete": the ledger stays, the
 * person's data goes).
 */
export class Migration20261204100000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "api_keys" add column "role" varchar(8) not null default 'pos';`);
    this.addSql(`alter table "api_keys" add constraint api_keys_role_check check (role in ('pos', 'owner'));`);
    this.addSql(`alter table "customers" add column "notes" varchar(1000) null, add column "erased_at" timestamptz(6) null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "customers" drop column "notes", drop column "erased_at";`);
    this.addSql(`alter table "api_keys" drop constraint api_keys_role_check;`);
    this.addSql(`alter table "api_keys" drop column "role";`);
  }
}
