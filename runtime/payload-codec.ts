import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';

/** One AES-256 key, named so a payload says which key sealed it. */
export interface PayloadKey {
  id: string;
  key: Buffer;
}

const ENCODING = 'binary/encrypted';
const ENCODING_KEY = 'encoding';
const KEY_ID = 'encryption-key-id';
const IV_BYTES = 12;
const TAG_BYTES = 16;

const text = (s: string) => new TextEncoder().encode(s);
const str = (b: Uint8Array | null | undefined) => (b ? Buffer.from(b).toString('utf8') : '');

/** A payload as bytes (its protobuf form): metadata and data, so the encoding (json/plain, …) is sealed with it. */
const serialise = (p: Payload): Uint8Array => temporal.api.common.v1.Payload.encode(p).finish();
const deserialise = (b: Uint8Array): Payload => temporal.api.common.v1.Payload.decode(b);

/**
 * Seals every workflow and activity payload (inputs, results, failure
 * details, memos) with AES-256-GCM before it reaches Temporal, so names,
 * emails, phones and receipts are never stored there in the clear. The first
 * key encrypts; every key decrypts (rotation: add the new key in front, keep
 * the old ones until their histories are gone). Payloads written before
 * encryption was on pass through unchanged, so old histories still replay.
 */
export class EncryptionCodec implements PayloadCodec {
  private readonly byId: Map<string, Buffer>;
  private readonly active: PayloadKey;

  constructor(keys: PayloadKey[]) {
    if (keys.length === 0) throw new Error('EncryptionCodec needs at least one key');
    for (const k of keys) if (k.key.length !== 32) throw new Error(`payload key ${k.id} must be 32 bytes`);
    this.active = keys[0] as PayloadKey;
    this.byId = new Map(keys.map((k) => [k.id, k.key]));
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((p) => {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', this.active.key, iv);
      const sealed = Buffer.concat([iv, cipher.update(serialise(p)), cipher.final(), cipher.getAuthTag()]);
      return { metadata: { [ENCODING_KEY]: text(ENCODING), [KEY_ID]: text(this.active.id) }, data: new Uint8Array(sealed) };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((p) => {
      if (str(p.metadata?.[ENCODING_KEY]) !== ENCODING) return p;
      const id = str(p.metadata?.[KEY_ID]);
      const key = this.byId.get(id);
      if (!key) throw new Error(`no payload key "${id}" is configured (PAYLOAD_KEYS); it was rotated out too early`);
      const sealed = Buffer.from(p.data ?? new Uint8Array());
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
      decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
      return deserialise(Buffer.concat([decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]));
    });
  }
}
