import { Registry } from 'prom-client';
import { BusinessRuleError, ConflictError, DependencyUnavailableError, HubError, NotFoundError, ValidationError } from '../domain/errors';
import { businessMetrics, MAX_OUTLET_LABELS, outcomeOf } from './business-metrics';
import { reasonOf } from './temporal/metered';

describe('business metrics', () => {
  it('names the outcome of every error type', () => {
    expect(outcomeOf(new BusinessRuleError('no'))).toBe('refused');
    expect(outcomeOf(new ConflictError('again'))).toBe('conflict');
    expect(outcomeOf(new HubError('idempotency_key_reused', 'x'))).toBe('conflict');
    expect(outcomeOf(new DependencyUnavailableError('down'))).toBe('unavailable');
    expect(outcomeOf(new HubError('overloaded', 'busy'))).toBe('unavailable');
    expect(outcomeOf(new ValidationError('bad'))).toBe('invalid');
    expect(outcomeOf(new NotFoundError('Customer'))).toBe('invalid');
    expect(outcomeOf(new Error('boom'))).toBe('failed');
  });

  it('labels a refusal by the field it is about, indices folded, else by its type', () => {
    expect(reasonOf(new BusinessRuleError('Coupon X was already used', [{ path: 'body.coupons', message: 'X' }]))).toBe('body.coupons');
    expect(reasonOf(new BusinessRuleError('SKU', [{ path: 'body.lines.3.sku', message: 'not in the transaction' }]))).toBe('body.lines.*.sku');
    expect(reasonOf(new BusinessRuleError('Customer does not have enough points'))).toBe('business_rule_violated');
    expect(reasonOf(new Error('x'))).toBe('unknown');
  });

  it('keeps at most MAX_OUTLET_LABELS outlets as labels; the rest are "other"', async () => {
    const registry = new Registry();
    const m = businessMetrics(registry);
    for (let i = 0; i < MAX_OUTLET_LABELS + 10; i++) m.answered('sale', { scheme: 's', outlet: `o${i}` }, 'completed', 0.01);
    m.answered('sale', { scheme: 's', outlet: 'o1' }, 'completed', 0.01);
    const values = (await registry.getSingleMetric('hub_requests_total')!.get()).values;
    expect(values).toHaveLength(MAX_OUTLET_LABELS + 1);
    expect(values.find((v) => v.labels.outlet === 'other')?.value).toBe(10);
    expect(values.find((v) => v.labels.outlet === 'o1')?.value).toBe(2);
  });

  it('leaves the sync backlog empty when the database does not answer, instead of failing the scrape', async () => {
    const registry = new Registry();
    businessMetrics(registry).readSyncBacklog(() => Promise.reject(new Error('connection refused')));
    await expect(registry.metrics()).resolves.toContain('# TYPE hub_sync_backlog gauge');
  });
});
