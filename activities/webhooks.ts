import { log } from '@temporalio/activity';
import { HubError } from '../domain/errors';
import type { CustomerChanges } from '../domain/customer';
import type { LedgerPort } from '../domain/ports';
import { hubOrigin, planWebhookEvent } from '../domain/partners/webhook-events';
import type { WebhookRepository } from '../domain/partners/webhooks';
import type { SyncRepository } from '../domain/partners/sync';
import { withFailureMapping } from './failures';

export type PartnerEventStep =
  | { action: 'done' }
  | { action: 'points'; connectionId: string; eventId: string; customerId: string; points: string; reason: string }
  | { action: 'customer'; connectionId: string; customerId: string; changes: CustomerChanges }
  | { action: 'register'; connectionId: string; eventId: string; externalCustomerId: string; customer: CustomerChanges };

export function createWebhookActivities({ webhooks, ledger, sync }: { webhooks: WebhookRepository; ledger: Pick<LedgerPort, 'apply' | 'customerWallet' | 'defaultAccount'>; sync: Pick<SyncRepository, 'setLink'> }) {
  return {
    /** What to do with a recorded event; ignored ones (echoes, unknown customers, nothing the hub keeps) are closed here. */
    planPartnerEvent: withFailureMapping(async ({ eventRowId }: { eventRowId: string }): Promise<PartnerEventStep> => {
      const event = await webhooks.get(eventRowId);
      if (!event || event.status !== 'RECEIVED') return { action: 'done' };
      const target = await webhooks.target(event.connectionId);
      if (!target) return { action: 'done' };
      const ignore = async (reason: string) => {
        await webhooks.finish(event.id, 'IGNORED', { reason });
        return { action: 'done' } as const;
      };
      const origin = hubOrigin(event.data);
      if (origin === 'origin' || (origin && (await webhooks.isOwnSync(event.connectionId, origin.kind, origin.key)))) {
        return ignore("echo of the hub's own sync");
      }
      const plan = planWebhookEvent(target.partner, event.type, event.data, target.options);
      if (plan.action === 'ignore') return ignore(plan.reason);
      const customerId = await webhooks.linkedCustomer(event.connectionId, plan.externalCustomerId);
      if (plan.action === 'register') {
        if (customerId) return ignore(`${target.partner} customer ${plan.externalCustomerId} is already linked to a hub customer`);
        return { action: 'register', connectionId: event.connectionId, eventId: event.eventId, externalCustomerId: plan.externalCustomerId, customer: plan.customer };
      }
      if (!customerId) return ignore(`no hub customer is linked to ${target.partner} customer ${plan.externalCustomerId}`);
      if (plan.action === 'customer') return { action: 'customer', connectionId: event.connectionId, customerId, changes: plan.changes };
      return { action: 'points', connectionId: event.connectionId, eventId: event.eventId, customerId, points: plan.points.toString(), reason: plan.reason };
    }),

    /** Mint (or burn) the partner's points on the hub ledger, keyed by the event: a redelivered or retried event posts once. */
    applyPartnerPoints: withFailureMapping(async (input: { schemeId: string; eventRowId: string } & Extract<PartnerEventStep, { action: 'points' }>): Promise<void> => {
      const { accountId } = await ledger.defaultAccount(input.schemeId);
      const wallet = await ledger.customerWallet(input.schemeId, accountId, input.customerId);
      const points = BigInt(input.points);
      const tracking = { code: 'partner_points', externalId: input.eventId, tags: ['webhook', input.connectionId], description: input.reason };
      try {
        const result = await ledger.apply({
          schemeId: input.schemeId,
          systemUniqueKey: `webhook/${input.connectionId}/${input.eventId}`,
          requestHash: input.eventRowId,
          ops: [points > 0n ? { type: 'mint', accountId, walletId: wallet.id, amount: points, ...tracking } : { type: 'burn', accountId, walletId: wallet.id, amount: -points, ...tracking }],
        });
        await webhooks.finish(input.eventRowId, 'APPLIED', { points: input.points, customerId: input.customerId, transferId: result.transfers[0]?.id ?? null });
        log.info('partner points applied', { eventRowId: input.eventRowId, points: input.points });
      } catch (err) {
        // A business refusal (e.g. a deduction beyond the balance) is an outcome, not a retry.
        if (err instanceof HubError) {
          await webhooks.finish(input.eventRowId, 'FAILED', { reason: err.message });
          return;
        }
        throw err;
      }
    }),

    linkPartnerCustomer: withFailureMapping((input: { connectionId: string; customerId: string; externalId: string }) => sync.setLink(input.connectionId, input.customerId, input.externalId)),

    finishPartnerEvent: withFailureMapping(async (input: { eventRowId: string; status: 'APPLIED' | 'FAILED'; outcome: Record<string, unknown> }): Promise<void> => {
      await webhooks.finish(input.eventRowId, input.status, input.outcome);
    }),
  };
}

export type WebhookActivities = ReturnType<typeof createWebhookActivities>;
