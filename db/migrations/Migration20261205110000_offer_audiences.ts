import { Migration } from '@mikro-orm/migrations';

/** Missions and referral programmes name an audience (seed 004 `audienceId`): only its members count or refer. */
export class Migration20261205110000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "referral_programs" add column "audience_id" uuid null;`);
    this.addSql(
      `alter table "referral_programs" add constraint "referral_programs_audience_id_foreign" foreign key ("audience_id") references "audiences" ("id") on update cascade on delete set null;`,
    );
    this.addSql(`alter table "missions" add column "audience_id" uuid null;`);
    this.addSql(`alter table "missions" add constraint "missions_audience_id_foreign" foreign key ("audience_id") references "audiences" ("id") on update cascade on delete set null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "referral_programs" drop column "audience_id";`);
    this.addSql(`alter table "missions" drop column "audience_id";`);
  }
}
