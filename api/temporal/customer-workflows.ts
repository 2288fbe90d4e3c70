import type { Client } from '@temporalio/client';
import { DependencyUnavailableError, ValidationError } from '../../domain/errors';
import type { Page, PageRequest } from '../../domain/pagination';
import { searchAttributes } from '../../workflows/contracts/search-attributes';
import type { CustomerWorkflowList, CustomerWorkflowSummary } from '../ports';

/**
 * Where a page ended: the last start time shown, to the millisecond (what the
 * SDK reads back; visibility may keep microseconds), and the runs shown in
 * that millisecond, so the next page asks for everything before its end and
 * skips those — nothing started in the same millisecond is lost between pages.
 */
interface Position {
  t: string;
  seen: string[];
}

const encode = (p: Position) => Buffer.from(JSON.stringify(p), 'utf8').toString('base64url');

function decode(cursor: string): Position {
  try {
    const p = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Position;
    if (typeof p.t === 'string' && !Number.isNaN(Date.parse(p.t)) && Array.isArray(p.seen) && p.seen.every((r) => typeof r === 'string' && /^[\w-]{1,64}$/.test(r))) return p;
  } catch {
    // falls through to the refusal below
  }
  throw new ValidationError('Invalid cursor', [{ path: 'query.cursor', message: 'is not a cursor this API issued; start again without it' }]);
}

/** Runs read per page: past this many (in visibility's own order), a page holds the newest of those read — enough for ops' view of one customer. */
const MAX_SCANNED = 2000;

/**
 * A customer's workflows (sales, holds, referrals, tier holds…) from Temporal's
 * visibility store, newest first, for the console's links into the Web UI.
 * Visibility trails the workflows by a moment; the ledger is what a balance is
 * read from, this is where ops go to see how an operation ran.
 */
export class TemporalCustomerWorkflows implements CustomerWorkflowList {
  constructor(
    private readonly client: Client,
    private readonly timeoutMs = 3000,
  ) {}

  async recent(schemeId: string, customerId: string, { limit, cursor }: PageRequest): Promise<Page<CustomerWorkflowSummary>> {
    const after = cursor ? decode(cursor) : null;
    // The ids are UUIDs (checked at the door and by the scheme's auth) and the time is re-serialised: nothing breaks out of the quotes.
    const query = `SchemeId = "${schemeId}" AND CustomerId = "${customerId}"${after ? ` AND StartTime < "${new Date(Date.parse(after.t) + 1).toISOString()}"` : ''}`;
    const skip = new Set(after?.seen ?? []);
    const found: CustomerWorkflowSummary[] = [];
    try {
      // SQL visibility lists running workflows first, then by close time, and takes no ORDER BY: the page is sorted here.
      await this.client.withDeadline(Date.now() + this.timeoutMs, async () => {
        for await (const w of this.client.workflow.list({ query, pageSize: 200 })) {
          if (skip.has(w.runId)) continue;
          found.push({
            workflowId: w.workflowId,
            runId: w.runId,
            type: w.type,
            status: w.status.name,
            startedAt: w.startTime.toISOString(),
            closedAt: w.closeTime?.toISOString() ?? null,
            uniqueId: (w.typedSearchAttributes.get(searchAttributes.uniqueId) as string | undefined) ?? null,
            outcome: (w.typedSearchAttributes.get(searchAttributes.outcome) as string[] | undefined) ?? null,
          });
          if (found.length >= MAX_SCANNED) break;
        }
      });
    } catch (err) {
      throw new DependencyUnavailableError(`Temporal's visibility did not answer: ${(err as Error).message}`);
    }
    found.sort((a, b) => (a.startedAt === b.startedAt ? a.runId.localeCompare(b.runId) : a.startedAt < b.startedAt ? 1 : -1));
    const data = found.slice(0, limit);
    const last = data[data.length - 1];
    if (found.length <= limit || !last) return { data, nextCursor: null };
    const seen = data.filter((w) => w.startedAt === last.startedAt).map((w) => w.runId);
    // Runs already skipped at that same time stay skipped.
    return { data, nextCursor: encode({ t: last.startedAt, seen: after?.t === last.startedAt ? [...after.seen, ...seen] : seen }) };
  }
}
