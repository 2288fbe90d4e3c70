import { randomBytes } from 'node:crypto';
import { Sealer } from './sealer';

describe('Sealer', () => {
  const sealer = new Sealer(randomBytes(32));

  it('round-trips and never repeats a ciphertext', () => {
    const a = sealer.seal('{"apiKey":"loy_secret"}');
    expect(sealer.open(a)).toBe('{"apiKey":"loy_secret"}');
    expect(sealer.seal('{"apiKey":"loy_secret"}')).not.toBe(a);
    expect(a).not.toContain('loy_secret');
  });

  it('refuses a tampered value and another key', () => {
    const sealed = sealer.seal('secret');
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3] as string, 'base64url');
    body[0] = (body[0] as number) ^ 1;
    expect(() => sealer.open([parts[0], parts[1], parts[2], body.toString('base64url')].join('.'))).toThrow();
    expect(() => new Sealer(randomBytes(32)).open(sealed)).toThrow();
    expect(() => new Sealer(randomBytes(16))).toThrow('32 bytes');
  });
});
