import { signWebhook, signWebhookWithEach, verifyWebhookSignature } from './webhook-signature';

const secret = 'whsec_test';
const body = Buffer.from('{"id":"e1","type":"points.awarded"}');
const now = 1_800_000_000;

describe('webhook signatures', () => {
  it('accepts a fresh, correct signature', () => {
    expect(() => verifyWebhookSignature({ secret, header: signWebhook(secret, now - 10, body), rawBody: body, nowSeconds: now })).not.toThrow();
  });

  it('accepts a header signed with several secrets (a rotation) when one of them is ours, in either place', () => {
    for (const header of [signWebhookWithEach([secret, 'old'], now, body), signWebhookWithEach(['new', secret], now, body)]) {
      expect(() => verifyWebhookSignature({ secret, header, rawBody: body, nowSeconds: now })).not.toThrow();
    }
    expect(signWebhookWithEach([secret], now, body)).toBe(signWebhook(secret, now, body));
    expect(() => verifyWebhookSignature({ secret, header: signWebhookWithEach(['new', 'old'], now, body), rawBody: body, nowSeconds: now })).toThrow('Invalid webhook signature');
  });

  it.each([
    ['missing', undefined, 'Missing or malformed'],
    ['malformed', 't=abc,v1=zz', 'Missing or malformed'],
    ['wrong secret', signWebhook('other', now, body), 'Invalid webhook signature'],
    ['another body', signWebhook(secret, now, Buffer.from('{"id":"e2"}')), 'Invalid webhook signature'],
    ['stale', signWebhook(secret, now - 301, body), 'outside the tolerance'],
    ['from the future', signWebhook(secret, now + 301, body), 'outside the tolerance'],
    ['re-dated (MAC of another timestamp)', `t=${now}${signWebhook(secret, now - 1000, body).slice(String(now).length + 2)}`, 'Invalid webhook signature'],
  ])('refuses a %s signature', (_name, header, message) => {
    expect(() => verifyWebhookSignature({ secret, header, rawBody: body, nowSeconds: now })).toThrow(message);
  });
});
