import { WorkflowExecutionAlreadyStartedError, type Client, type WorkflowHandle } from '@temporalio/client';
import { ConflictError, DependencyUnavailableError, HubError } from '../../domain/errors';
import { isOutcome, refusalError } from '../../domain/outcome';
import type { Metrics } from '../metrics';
import type { CreateCustomerWorkflow, UpdateCustomerWorkflow } from '../../workflows/contracts/customers';
import type { ApplyLedgerRequestWorkflow, LedgerRequestInput } from '../../workflows/contracts/ledger';
import type { ApplyPartnerEventWorkflow } from '../../workflows/contracts/partners';
import { workflowIds, workflowTypes } from '../../workflows/contracts/registry';
import type { ReturnInput, ReturnSaleWorkflow } from '../../workflows/contracts/returns';
import type { RecordSaleInput, RecordSaleWorkflow } from '../../workflows/contracts/sales';
import { searchAttributes } from '../../workflows/contracts/search-attributes';
import type { SaleResult } from '../../domain/transactions/sale-result';
import type { ReturnResult } from '../../domain/returns/result';
import type { AppDeps, CustomerWorkflows, LedgerWorkflows, RequestMeta, ReturnWorkflows, SaleState, SaleWorkflows, WebhookWorkflows } from '../ports';
import type { WebhookEventView } from '../../domain/partners/webhooks';
import { beforeDeadline, failureReason, StillRunning } from './failures';
import { TemporalHoldWorkflows } from './hold-workflows';
import { TemporalReconciliationWorkflows } from './reconciliation-workflows';
import { TemporalReferralWorkflows } from './referral-workflows';
import { TemporalEventWorkflows } from './event-workflows';
import { TemporalCustomerWorkflows } from './customer-workflows';
import { defaultStarterSettings, WorkflowStarter, type StarterSettings } from './workflow-starter';

/** Every workflow port the API needs, on one Temporal client. */
export function temporalWorkflows(client: Client, taskQueue: string, metrics: Metrics, settings: StarterSettings = defaultStarterSettings): Omit<AppDeps['workflows'], 'sync' | 'expiry' | 'tiers'> {
  const gateway = new TemporalWorkflowGateway(client, taskQueue, metrics, settings);
  return {
    customers: gateway,
    ledger: gateway,
    sales: gateway,
    returns: gateway,
    webhooks: gateway,
    holds: new TemporalHoldWorkflows(client, taskQueue, metrics, settings),
    reconciliations: new TemporalReconciliationWorkflows(client, taskQueue, metrics, settings),
    referrals: new TemporalReferralWorkflows(client, taskQueue, metrics, settings),
    events: new TemporalEventWorkflows(client, taskQueue, metrics, settings),
    customerWorkflows: new TemporalCustomerWorkflows(client),
  };
}

/** Starts (or joins) workflows for the API and waits for their answers. */
export class TemporalWorkflowGateway extends WorkflowStarter implements CustomerWorkflows, LedgerWorkflows, SaleWorkflows, ReturnWorkflows, WebhookWorkflows {
  create(input: Parameters<CreateCustomerWorkflow>[0], meta: RequestMeta) {
    return this.execute<CreateCustomerWorkflow>(workflowTypes.createCustomer, meta, {
      ...this.startOptions(meta, input.schemeId, { oneStep: true }),
      workflowId: workflowIds.createCustomer(input.schemeId, input.idempotencyKey, input.requestHash),
      args: [{ ...input, oneStep: true }],
    });
  }

  update(input: Parameters<UpdateCustomerWorkflow>[0], meta: RequestMeta) {
    return this.execute<UpdateCustomerWorkflow>(workflowTypes.updateCustomer, meta, {
      ...this.startOptions(meta, input.schemeId, { customerId: input.customerId }),
      workflowId: workflowIds.updateCustomer(input.schemeId, input.customerId, meta.requestId),
      args: [input],
    });
  }

  applyLedgerRequest(input: LedgerRequestInput, meta: RequestMeta) {
    return this.execute<ApplyLedgerRequestWorkflow>(workflowTypes.applyLedgerRequest, meta, {
      ...this.startOptions(meta, input.schemeId, { uniqueId: input.systemUniqueKey, oneStep: true }),
      workflowId: workflowIds.applyLedgerRequest(input.schemeId, input.systemUniqueKey, input.requestHash),
      args: [{ ...input, oneStep: true }],
    });
  }

  /**
   * Starts (or joins) the sale's workflow and waits for its answer until the
   * request's deadline; null when it is still running (the API answers 202 and
   * the status URL). The id is the uniqueId alone, so a duplicate joins the
   * first execution: its answer must be for this very body.
   */
  async recordSale(input: RecordSaleInput, meta: RequestMeta): Promise<SaleResult | null> {
    const { handle, created } = await this.begin<RecordSaleWorkflow>(workflowTypes.recordSale, meta, {
      ...this.startOptions(meta, input.schemeId, {
        customerId: input.customerId,
        uniqueId: input.uniqueId,
        extra: [{ key: searchAttributes.outletId, value: input.outletId }],
        memo: { requestHash: input.requestHash },
        oneStep: true,
      }),
      workflowId: workflowIds.recordSale(input.schemeId, input.uniqueId),
      args: [{ ...input, oneStep: true }],
    });
    let result;
    try {
      result = await this.answer(workflowTypes.recordSale, meta, handle);
    } catch (err) {
      // Still running: answer 202, after making sure the running sale is this body (a run this call created is).
      if (err instanceof StillRunning) return (created ? Promise.resolve() : this.sameRequest(meta, handle, input.requestHash, 'transaction')).then(() => null);
      throw err;
    }
    await this.sameRequest(meta, handle, input.requestHash, 'transaction', result);
    return this.value(workflowTypes.recordSale, result) as SaleResult;
  }

  /** Starts (or joins) a return; a repeat with another body under the same return uniqueId is a conflict. */
  async returnSale(input: ReturnInput, meta: RequestMeta): Promise<ReturnResult> {
    const { handle } = await this.begin<ReturnSaleWorkflow>(workflowTypes.returnSale, meta, {
      ...this.startOptions(meta, input.schemeId, { uniqueId: input.saleUniqueId ?? input.uniqueId, memo: { requestHash: input.requestHash }, oneStep: true }),
      workflowId: workflowIds.returnSale(input.schemeId, input.saleUniqueId, input.uniqueId),
      args: [{ ...input, oneStep: true }],
    });
    let result;
    try {
      result = await this.answer(workflowTypes.returnSale, meta, handle);
    } catch (err) {
      if (err instanceof StillRunning) {
        await this.sameRequest(meta, handle, input.requestHash, 'return');
        throw new DependencyUnavailableError('Still processing; retry the same request for its result');
      }
      throw err;
    }
    await this.sameRequest(meta, handle, input.requestHash, 'return', result);
    return this.value(workflowTypes.returnSale, result);
  }

  /**
   * The execution answering this request must be for the same body: its
   * outcome carries the request hash; older executions have it in the memo.
   */
  private async sameRequest(meta: RequestMeta, handle: WorkflowHandle, requestHash: string, what: 'transaction' | 'return', result?: unknown): Promise<void> {
    let theirs: unknown = isOutcome(result) ? result.requestHash : undefined;
    if (theirs === undefined) {
      // Before the request's own deadline, leaving time to answer.
      const by = this.hardDeadlineOf(meta) - 50;
      const described = await beforeDeadline(by, this.client.withDeadline(by, () => this.client.workflow.getHandle(handle.workflowId).describe())).catch((err: unknown) =>
        Promise.reject(this.unavailable('describe', err)),
      );
      theirs = described.memo?.requestHash;
    }
    if (theirs !== undefined && theirs !== requestHash) {
      throw new ConflictError(what === 'transaction' ? 'This uniqueId was already used for a different transaction' : 'This return uniqueId was already used for a different return');
    }
  }

  async applyPartnerEvent(event: WebhookEventView, meta: RequestMeta): Promise<void> {
    try {
      await this.client.workflow.start<ApplyPartnerEventWorkflow>(workflowTypes.applyPartnerEvent, {
        ...this.startOptions(meta, event.schemeId, { uniqueId: event.eventId }),
        requestEagerStart: false,
        workflowId: event.workflowId,
        args: [{ eventRowId: event.id, schemeId: event.schemeId }],
      });
      this.metrics.workflowStarts.inc({ workflow: workflowTypes.applyPartnerEvent, eager: 'false' });
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    }
  }

  /** The sale workflow's state, for the status endpoint. */
  async saleStatus(schemeId: string, uniqueId: string): Promise<SaleState | null> {
    try {
      const handle = this.client.workflow.getHandle(workflowIds.recordSale(schemeId, uniqueId));
      const d = await handle.describe();
      if (d.status.name === 'RUNNING') return { status: 'PROCESSING' };
      const reason = await handle.result().then(
        (r: unknown) => (isOutcome(r) && r.outcome === 'refused' ? refusalError(r.refusal) : null),
        (err: unknown) => failureReason(err),
      );
      if (reason === null) return null; // completed: the stored sale answers
      return { status: 'FAILED', error: reason instanceof HubError ? { code: reason.type, message: reason.message } : reason };
    } catch (err) {
      if ((err as Error).name === 'WorkflowNotFoundError') return null;
      throw err;
    }
  }
}
