import { Migration } from '@mikro-orm/migrations';

/** The partner sync backlog by connection and status, read by every /metrics scrape: only open records are indexed. */
export class Migration20261203132000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "sync_records_open_index" on "sync_records" ("connection_id", "status") where status in ('PENDING', 'FAILED');`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "sync_records_open_index";`);
  }
}
