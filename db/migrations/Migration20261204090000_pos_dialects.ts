import { Migration } from '@mikro-orm/migrations';

/**
 * Loyalty+ POS: each scheme's POS settings (check-in mode, reward threshold
 * and title, default outlet, the window identical requests count as one), and
 * the claims that give identical requests without an Idempotency-Key one
 * uniqueId — the primary key makes a claim atomic.
 */
export class Migration20261204090000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "pos_request_claims" ("scheme_id" uuid not null, "fingerprint" varchar(64) not null, "unique_id" varchar(200) not null, "claimed_at" timestamptz(6) not null, constraint "pos_request_claims_pkey" primary key ("scheme_id", "fingerprint"));`);

    this.addSql(`create table "pos_settings" ("scheme_id" uuid not null, "checkin_mode" varchar(5) not null default 'SPEND', "unit_sku" varchar(100) not null default 'unit', "reward_threshold" bigint not null default 100, "reward_title" varchar(200) not null default 'Reward', "default_outlet_id" uuid null, "dedup_window_seconds" int not null default 120, "updated_at" timestamptz(6) not null, constraint "pos_settings_pkey" primary key ("scheme_id"), constraint pos_settings_reward_threshold_check check (reward_threshold > 0), constraint pos_settings_dedup_window_check check (dedup_window_seconds >= 10 and dedup_window_seconds <= 3600));`);

    this.addSql(`alter table "pos_request_claims" add constraint "pos_request_claims_scheme_id_foreign" foreign key ("scheme_id") references "schemes" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "pos_settings" add constraint "pos_settings_scheme_id_foreign" foreign key ("scheme_id") references "schemes" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "pos_settings" add constraint "pos_settings_default_outlet_id_foreign" foreign key ("default_outlet_id") references "outlets" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "pos_settings" cascade;`);
    this.addSql(`drop table if exists "pos_request_claims" cascade;`);
  }
}
