import { randomUUID } from 'node:crypto';
import { summarize, type ReconciliationCandidate, type ReconciliationItem, type ReconciliationRepository, type ReconciliationRun } from '../../domain/partners/reconciliation';
import { available } from '../../domain/ledger/wallet';
import { queryIn } from '../ledger/ledger-engine';
import { totalsOf, type WalletRow } from '../ledger/rows';
import type { Orm } from '../orm';

interface RunRow {
  id: string;
  scheme_id: string;
  connection_id: string;
  workflow_id: string;
  auto_correct: boolean;
  status: ReconciliationRun['status'];
  summary: Record<string, number>;
  started_at: Date;
  finished_at: Date | null;
}

const toRun = (r: RunRow): ReconciliationRun => ({
  id: r.id,
  schemeId: r.scheme_id,
  connectionId: r.connection_id,
  workflowId: r.workflow_id,
  autoCorrect: r.auto_correct,
  status: r.status,
  summary: r.summary,
  startedAt: new Date(r.started_at).toISOString(),
  finishedAt: r.finished_at ? new Date(r.finished_at).toISOString() : null,
});

export class MikroReconciliationRepository implements ReconciliationRepository {
  constructor(private readonly orm: Orm) {}

  private q() {
    return queryIn(this.orm.em.fork());
  }

  async begin(input: { schemeId: string; connectionId: string; workflowId: string; autoCorrect: boolean }): Promise<ReconciliationRun> {
    const q = this.q();
    await q(
      `insert into reconciliation_runs (id, scheme_id, connection_id, workflow_id, auto_correct, status, summary, started_at)
       values (?, ?, ?, ?, ?, 'RUNNING', '{}'::jsonb, now()) on conflict (workflow_id) do nothing`,
      [randomUUID(), input.schemeId, input.connectionId, input.workflowId, input.autoCorrect],
    );
    const [row] = await q<RunRow>('select * from reconciliation_runs where workflow_id = ?', [input.workflowId]);
    return toRun(row as RunRow);
  }

  async candidates(runId: string, cursor: string | null, limit: number): Promise<{ items: ReconciliationCandidate[]; next: string | null }> {
    const rows = await this.q()<WalletRow & { customer_id: string; barcode: string | null; first_name: string | null; last_name: string | null; email: string | null; phone: string | null; cstatus: 'ACTIVE' | 'BLOCKED'; external_id: string | null; done: boolean }>(
      `select c.id as customer_id, c.barcode, c.first_name, c.last_name, c.email, c.phone, c.status as cstatus, pl.external_id,
              w.debits_posted, w.credits_posted, w.debits_pending, w.credits_pending,
              exists(select 1 from reconciliation_items i where i.run_id = r.id and i.customer_id = c.id) as done
         from reconciliation_runs r
         join customers c on c.scheme_id = r.scheme_id
         join ledgers l on l.scheme_id = r.scheme_id and l.is_default
         join ledger_accounts a on a.ledger_id = l.id and a.is_default
         left join wallets w on w.account_id = a.id and w.customer_id = c.id
         left join partner_links pl on pl.connection_id = r.connection_id and pl.customer_id = c.id
        where r.id = ? and c.id > ?::uuid
        order by c.id limit ?`,
      [runId, cursor ?? '00000000-0000-0000-0000-000000000000', limit],
    );
    const items = rows
      .filter((r) => !r.done)
      .map((r) => ({
        customer: { id: r.customer_id, barcode: r.barcode, firstName: r.first_name, lastName: r.last_name, email: r.email, phone: r.phone, status: r.cstatus },
        link: r.external_id,
        hubBalance: r.debits_posted === null ? 0n : available(totalsOf(r)),
      }));
    return { items, next: rows.length === limit ? (rows[rows.length - 1]?.customer_id ?? null) : null };
  }

  async record(runId: string, item: ReconciliationItem): Promise<void> {
    await this.q()(
      `insert into reconciliation_items (run_id, customer_id, external_id, hub_balance, partner_balance, outcome, corrected)
       values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing`,
      [runId, item.customerId, item.externalId, item.hubBalance, item.partnerBalance, item.outcome, item.corrected],
    );
  }

  async markCorrected(runId: string, customerId: string): Promise<void> {
    await this.q()('update reconciliation_items set corrected = true where run_id = ? and customer_id = ?', [runId, customerId]);
  }

  async finish(runId: string, status: 'COMPLETED' | 'FAILED'): Promise<ReconciliationRun> {
    const q = this.q();
    const items = await q<{ outcome: ReconciliationItem['outcome']; corrected: boolean }>('select outcome, corrected from reconciliation_items where run_id = ?', [runId]);
    const [row] = await q<RunRow>(`update reconciliation_runs set status = ?, summary = ?::jsonb, finished_at = now() where id = ? returning *`, [status, JSON.stringify(summarize(items)), runId]);
    return toRun(row as RunRow);
  }

  async get(schemeId: string, connectionId: string, runId: string) {
    const q = this.q();
    const [row] = await q<RunRow>('select * from reconciliation_runs where scheme_id = ? and connection_id = ? and id = ?', [schemeId, connectionId, runId]);
    if (!row) return null;
    const items = await q<{ customer_id: string; external_id: string | null; hub_balance: string; partner_balance: string | null; outcome: ReconciliationItem['outcome']; corrected: boolean }>(
      'select * from reconciliation_items where run_id = ? order by outcome, customer_id limit 1000',
      [runId],
    );
    return {
      ...toRun(row),
      items: items.map((i) => ({ customerId: i.customer_id, externalId: i.external_id, hubBalance: String(i.hub_balance), partnerBalance: i.partner_balance === null ? null : String(i.partner_balance), outcome: i.outcome, corrected: i.corrected })),
    };
  }
}
