import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter } from '@temporalio/common';
import { EncryptionCodec, type PayloadKey } from './payload-codec';

const key = (id: string): PayloadKey => ({ id, key: randomBytes(32) });
const payload = (value: unknown) => defaultPayloadConverter.toPayload(value);
const text = (b: Uint8Array | null | undefined) => Buffer.from(b ?? new Uint8Array()).toString('utf8');

describe('EncryptionCodec', () => {
  const customer = { firstName: 'Ann', email: 'ann@example.test', phone: '+35699123456' };

  it('round-trips a payload and leaves nothing readable in the sealed bytes', async () => {
    const codec = new EncryptionCodec([key('k1')]);
    const [sealed] = await codec.encode([payload(customer)]);
    expect(text(sealed?.metadata?.encoding)).toBe('binary/encrypted');
    expect(text(sealed?.metadata?.['encryption-key-id'])).toBe('k1');
    expect(text(sealed?.data)).not.toMatch(/Ann|example\.test|35699/);
    const [opened] = await codec.decode([sealed!]);
    expect(defaultPayloadConverter.fromPayload(opened!)).toEqual(customer);
    expect(text(opened?.metadata?.encoding)).toBe('json/plain');
  });

  it('seals the same value differently each time (fresh IV)', async () => {
    const codec = new EncryptionCodec([key('k1')]);
    const [a, b] = await codec.encode([payload(customer), payload(customer)]);
    expect(Buffer.from(a!.data!).equals(Buffer.from(b!.data!))).toBe(false);
  });

  it('rotates: the first key seals, older keys still open what they sealed', async () => {
    const old = key('2025');
    const sealedByOld = await new EncryptionCodec([old]).encode([payload(1)]);
    const rotated = new EncryptionCodec([key('2026'), old]);
    expect(defaultPayloadConverter.fromPayload((await rotated.decode(sealedByOld))[0]!)).toBe(1);
    const [fresh] = await rotated.encode([payload(2)]);
    expect(text(fresh?.metadata?.['encryption-key-id'])).toBe('2026');
  });

  it('refuses a payload sealed with a key it no longer has, naming the key id', async () => {
    const sealed = await new EncryptionCodec([key('gone')]).encode([payload(1)]);
    await expect(new EncryptionCodec([key('k2')]).decode(sealed)).rejects.toThrow(/"gone"/);
  });

  it('refuses tampered bytes (GCM authentication)', async () => {
    const codec = new EncryptionCodec([key('k1')]);
    const [sealed] = await codec.encode([payload(customer)]);
    const data = Buffer.from(sealed!.data!);
    data[20] = (data[20] ?? 0) ^ 1;
    await expect(codec.decode([{ ...sealed!, data }])).rejects.toThrow();
  });

  it('passes payloads written before encryption through unchanged (old histories replay)', async () => {
    const plain = payload({ a: 1 });
    expect(await new EncryptionCodec([key('k1')]).decode([plain])).toEqual([plain]);
  });

  it('keeps null and empty payloads intact', async () => {
    const codec = new EncryptionCodec([key('k1')]);
    const values = [null, undefined, '', new Uint8Array([0, 1, 2])];
    const opened = await codec.decode(await codec.encode(values.map(payload)));
    expect(opened.map((p) => defaultPayloadConverter.fromPayload(p))).toEqual(values);
  });

  it('rejects keys that are not 32 bytes, and an empty key list', () => {
    expect(() => new EncryptionCodec([{ id: 'short', key: randomBytes(16) }])).toThrow(/32 bytes/);
    expect(() => new EncryptionCodec([])).toThrow(/at least one key/);
  });
});
