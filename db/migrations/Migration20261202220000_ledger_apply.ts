import { Migration } from '@mikro-orm/migrations';
import { LEDGER_APPLY_SQL } from '../ledger/sql/apply.sql';
import { LEDGER_PLAN_SQL } from '../ledger/sql/plan.sql';
import { LEDGER_BATCH_SQL } from '../ledger/sql/batch.sql';

/**
 * The one-round-trip ledger (db/ledger/sql/): ledger_plan, ledger_apply around it, ledger_apply_batch (group
 * commit) around that. These install the SQL as it is today; a later change to those functions is a new migration
 * that runs them again (`create or replace`, after dropping any signature it changes), never an edit of this one.
 */
export class Migration20261202220000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(LEDGER_PLAN_SQL);
    this.addSql(LEDGER_APPLY_SQL);
    this.addSql(LEDGER_BATCH_SQL);
  }

  override async down(): Promise<void> {
    this.addSql('drop function if exists ledger_apply_batch(jsonb), ledger_apply(jsonb, boolean, jsonb), ledger_transfer_rows(transfers), ledger_write_wallets(jsonb, jsonb), ledger_plan(jsonb, jsonb, jsonb, jsonb, timestamptz), ledger_leg(jsonb, text, numeric, boolean), ledger_leg_wallet(jsonb, jsonb, text, text), ledger_refuse(text, text, jsonb);');
  }
}
