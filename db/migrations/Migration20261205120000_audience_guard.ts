import { Migration } from '@mikro-orm/migrations';

/**
 * An audience a mission or programme names cannot be deleted from under it:
 * `set null` would silently open a restricted offer to everyone. And
 * stats_days gets the index its scheme's cascade needs.
 */
export class Migration20261205120000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "referral_programs" drop constraint "referral_programs_audience_id_foreign";`);
    this.addSql(`alter table "missions" drop constraint "missions_audience_id_foreign";`);
    this.addSql(
      `alter table "referral_programs" add constraint "referral_programs_audience_id_foreign" foreign key ("audience_id") references "audiences" ("id") on update cascade on delete restrict;`,
    );
    this.addSql(`alter table "missions" add constraint "missions_audience_id_foreign" foreign key ("audience_id") references "audiences" ("id") on update cascade on delete restrict;`);
    this.addSql(`create index "stats_days_scheme_id_index" on "stats_days" ("scheme_id");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "stats_days_scheme_id_index";`);
    this.addSql(`alter table "referral_programs" drop constraint "referral_programs_audience_id_foreign";`);
    this.addSql(`alter table "missions" drop constraint "missions_audience_id_foreign";`);
    this.addSql(
      `alter table "referral_programs" add constraint "referral_programs_audience_id_foreign" foreign key ("audience_id") references "audiences" ("id") on update cascade on delete set null;`,
    );
    this.addSql(`alter table "missions" add constraint "missions_audience_id_foreign" foreign key ("audience_id") references "audiences" ("id") on update cascade on delete set null;`);
  }
}
