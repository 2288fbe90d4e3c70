import type { Customer } from '../customer';
import { IdempotencyKeyReusedError } from '../errors';
import type { FollowUpBatch } from '../follow-ups';
import type { CreateCustomerCommand, RegistrationStore, RegistrationTransaction } from '../ports';
import type { AttachTransaction } from '../referrals/ports';
import { generateBarcode, registerCustomer } from './register';

class UniqueViolation extends Error {
  constructor(readonly field: 'barcode' | 'email' | 'phone' | 'value') {
    super(`duplicate ${field}`);
  }
}

/** A store whose inserts fail with the given violations first; keeps what was journalled and recorded. */
function fakeStore(opts: { violations?: Array<UniqueViolation['field']>; existing?: { customer: Customer; requestHash: string }; listening?: boolean } = {}) {
  const violations = [...(opts.violations ?? [])];
  const barcodes: string[] = [];
  const journalled: string[] = [];
  const batches: FollowUpBatch[] = [];
  const tx: RegistrationTransaction = {
    insert: async (command, barcode) => {
      barcodes.push(barcode);
      const v = violations.shift();
      if (v) throw new UniqueViolation(v);
      return { id: 'c-1', schemeId: command.schemeId, firstName: command.customer.firstName ?? null, lastName: null, email: null, phone: null, barcode, status: 'ACTIVE', createdAt: '', updatedAt: '' } as Customer;
    },
    attach: {} as AttachTransaction,
    busListening: async () => opts.listening ?? false,
    journal: async (event) => void journalled.push(event.type),
    connectedEvents: async () => [],
    followUps: async (batch) => void batches.push(batch),
  };
  const store: RegistrationStore = {
    transaction: (fn) => fn(tx),
    violated: (err) => (err instanceof UniqueViolation ? err.field : null),
    byIdempotencyKey: async () => opts.existing ?? null,
  };
  return { store, barcodes, journalled, batches };
}

const command = (over: Partial<CreateCustomerCommand> = {}): CreateCustomerCommand => ({ schemeId: 's-1', customer: { firstName: 'Ada' }, idempotencyKey: 'k-1', requestHash: 'h-1', ...over });
let n = 0;
const barcodes = () => `000000000000${++n}`.slice(-13);

describe('registerCustomer', () => {
  it('draws a fresh barcode when a generated one collided, up to three times', async () => {
    const f = fakeStore({ violations: ['barcode', 'barcode'] });
    const c = await registerCustomer(f.store, command(), barcodes);
    expect(new Set(f.barcodes).size).toBe(3);
    expect(c.barcode).toBe(f.barcodes[2]);
    await expect(registerCustomer(fakeStore({ violations: ['barcode', 'barcode', 'barcode'] }).store, command(), barcodes)).rejects.toMatchObject({ type: 'conflict', details: [{ path: 'barcode' }] });
  });

  it("refuses a duplicate given barcode, email or phone as a conflict naming the field", async () => {
    for (const field of ['email', 'phone'] as const) await expect(registerCustomer(fakeStore({ violations: [field] }).store, command(), barcodes)).rejects.toMatchObject({ type: 'conflict', details: [{ path: field }] });
    const given = fakeStore({ violations: ['barcode'] });
    await expect(registerCustomer(given.store, command({ customer: { barcode: '5421021649255' } }), barcodes)).rejects.toMatchObject({ type: 'conflict' });
    expect(given.barcodes).toEqual(['5421021649255']);
  });

  it('answers a repeated idempotency key with its first customer, and refuses it with another body', async () => {
    const first = { id: 'c-0', barcode: '1' } as Customer;
    expect(await registerCustomer(fakeStore({ violations: ['value'], existing: { customer: first, requestHash: 'h-1' } }).store, command(), barcodes)).toBe(first);
    await expect(registerCustomer(fakeStore({ violations: ['email'], existing: { customer: first, requestHash: 'other' } }).store, command(), barcodes)).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
  });

  it('announces a one-step registration: journals the event nobody listens to, records the follow-ups', async () => {
    const quiet = fakeStore();
    await registerCustomer(quiet.store, command({ announce: {} }), barcodes);
    expect(quiet.journalled).toEqual(['member-created']);
    const heard = fakeStore({ listening: true });
    await registerCustomer(heard.store, command({ announce: {} }), barcodes);
    expect(heard.journalled).toEqual([]);
    expect(heard.batches).toHaveLength(1);
    const before = fakeStore();
    await registerCustomer(before.store, command(), barcodes);
    expect(before.journalled).toEqual([]);
    expect(before.batches).toEqual([]);
  });

  it('generates EAN-13 barcodes', () => {
    const code = generateBarcode();
    expect(code).toMatch(/^\d{13}$/);
    const digits = code.split('').map(Number);
    const sum = digits.slice(0, 12).reduce((s, d, i) => s + d * (i % 2 ? 3 : 1), 0);
    expect((10 - (sum % 10)) % 10).toBe(digits[12]);
  });
});
