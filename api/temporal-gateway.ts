import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import { ConflictError, HubError } from '../domain/errors';
import type { Metrics } from '../runtime/metrics';
import {
  workflowIds,
  workflowTypes,
  searchAttributes,
  type ApplyLedgerRequestWorkflow,
  type ApplyPartnerEventWorkflow,
  type CreateCustomerWorkflow,
  type LedgerRequestInput,
  type RecordSaleInput,
  type RecordSaleWorkflow,
  type ReturnInput,
  type ReturnSaleWorkflow,
  type UpdateCustomerWorkflow,
} from '../workflows/definitions';
import type { SaleResult } from '../domain/transactions/sale-result';
import type { ReturnResult } from '../domain/returns/result';
import type { AppDeps, CustomerWorkflows, LedgerWorkflows, RequestMeta, ReturnWorkflows, SaleState, SaleWorkflows, WebhookWorkflows } from './ports';
import type { WebhookEventView } from '../domain/partners/webhooks';
import { fromWorkflowFailure, StillRunning } from './temporal/failures';
import { TemporalHoldWorkflows } from './temporal/hold-workflows';
import { TemporalReconciliationWorkflows } from './temporal/reconciliation-workflows';
import { TemporalReferralWorkflows } from './temporal/referral-workflows';
import { TemporalEventWorkflows } from './temporal/event-workflows';
import { WorkflowStarter } from './temporal/workflow-starter';

/** Every workflow port the API needs, on one Temporal client. */
export function temporalWorkflows(client: Client, taskQueue: string, metrics: Metrics): Omit<AppDeps['workflows'], 'sync'> {
  const gateway = new TemporalWorkflowGateway(client, taskQueue, metrics);
  return {
    customers: gateway,
    ledger: gateway,
    sales: gateway,
    returns: gateway,
    webhooks: gateway,
    holds: new TemporalHoldWorkflows(client, taskQueue, metrics),
    reconciliations: new TemporalReconciliationWorkflows(client, taskQueue, metrics),
    referrals: new TemporalReferralWorkflows(client, taskQueue, metrics),
    events: new TemporalEventWorkflows(client, taskQueue, metrics),
  };
}

/** Starts (or joins) workflows for the API and waits for their results. */
export class TemporalWorkflowGateway extends WorkflowStarter implements CustomerWorkflows, LedgerWorkflows, SaleWorkflows, ReturnWorkflows, WebhookWorkflows {
  create(input: Parameters<CreateCustomerWorkflow>[0], meta: RequestMeta) {
    return this.run(workflowTypes.createCustomer, meta, () =>
      this.client.workflow.start<CreateCustomerWorkflow>(workflowTypes.createCustomer, {
        ...this.startOptions(meta, input.schemeId, {}),
        workflowId: workflowIds.createCustomer(input.schemeId, input.idempotencyKey, input.requestHash),
        args: [input],
      }),
    );
  }

  update(input: Parameters<UpdateCustomerWorkflow>[0], meta: RequestMeta) {
    return this.run(workflowTypes.updateCustomer, meta, () =>
      this.client.workflow.start<UpdateCustomerWorkflow>(workflowTypes.updateCustomer, {
        ...this.startOptions(meta, input.schemeId, { customerId: input.customerId }),
        workflowId: workflowIds.updateCustomer(input.schemeId, input.customerId, meta.requestId),
        args: [input],
      }),
    );
  }

  applyLedgerRequest(input: LedgerRequestInput, meta: RequestMeta) {
    return this.run(workflowTypes.applyLedgerRequest, meta, () =>
      this.client.workflow.start<ApplyLedgerRequestWorkflow>(workflowTypes.applyLedgerRequest, {
        ...this.startOptions(meta, input.schemeId, { uniqueId: input.systemUniqueKey }),
        workflowId: workflowIds.applyLedgerRequest(input.schemeId, input.systemUniqueKey, input.requestHash),
        args: [input],
      }),
    );
  }

  /**
   * Starts (or joins) the sale's workflow and waits up to `waitMs` for it; null
   * when it is still running (the API answers 202 and the status URL).
   */
  async recordSale(input: RecordSaleInput, meta: RequestMeta, waitMs: number): Promise<SaleResult | null> {
    const start = async () => {
      const handle = await this.client.workflow.start<RecordSaleWorkflow>(workflowTypes.recordSale, {
        ...this.startOptions(meta, input.schemeId, {
          customerId: input.customerId,
          uniqueId: input.uniqueId,
          extra: [{ key: searchAttributes.outletId, value: input.outletId }],
          memo: { requestHash: input.requestHash },
        }),
        workflowId: workflowIds.recordSale(input.schemeId, input.uniqueId),
        args: [input],
      });
      // USE_EXISTING may have joined a running sale: it must be this very request.
      const { memo } = await handle.describe();
      if (memo?.requestHash !== undefined && memo.requestHash !== input.requestHash) {
        throw new ConflictError('This uniqueId was already used for a different transaction');
      }
      return handle;
    };
    try {
      return await this.run(workflowTypes.recordSale, meta, start, waitMs);
    } catch (err) {
      if (err instanceof StillRunning) return null;
      throw err;
    }
  }

  /** Starts (or joins) a return; a repeat with another body under the same return uniqueId is a conflict. */
  returnSale(input: ReturnInput, meta: RequestMeta): Promise<ReturnResult> {
    return this.run(workflowTypes.returnSale, meta, async () => {
      const workflowId = workflowIds.returnSale(input.schemeId, input.saleUniqueId, input.uniqueId);
      const handle = await this.client.workflow
        .start<ReturnSaleWorkflow>(workflowTypes.returnSale, {
          ...this.startOptions(meta, input.schemeId, { uniqueId: input.saleUniqueId ?? input.uniqueId, memo: { requestHash: input.requestHash } }),
          workflowId,
          args: [input],
        })
        .catch((err: unknown) => {
          // Completed before: its memo says whether this is the same return.
          if (err instanceof WorkflowExecutionAlreadyStartedError) return this.client.workflow.getHandle<ReturnSaleWorkflow>(workflowId);
          throw err;
        });
      const { memo } = await handle.describe();
      if (memo?.requestHash !== undefined && memo.requestHash !== input.requestHash) throw new ConflictError('This return uniqueId was already used for a different return');
      return handle;
    });
  }

  async applyPartnerEvent(event: WebhookEventView, meta: RequestMeta): Promise<void> {
    try {
      await this.client.workflow.start<ApplyPartnerEventWorkflow>(workflowTypes.applyPartnerEvent, {
        ...this.startOptions(meta, event.schemeId, { uniqueId: event.eventId }),
        workflowId: event.workflowId,
        args: [{ eventRowId: event.id, schemeId: event.schemeId }],
      });
      this.metrics.workflowStarts.inc({ workflow: workflowTypes.applyPartnerEvent });
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
      if (d.status.name === 'COMPLETED') return null; // the stored sale answers
      const reason = await handle.result().then(
        () => null,
        (err: unknown) => fromWorkflowFailure(err),
      );
      return {
        status: 'FAILED',
        ...(reason instanceof HubError ? { error: { code: reason.type, message: reason.message } } : {}),
      };
    } catch (err) {
      if ((err as Error).name === 'WorkflowNotFoundError') return null;
      throw err;
    }
  }
}
