import { z } from 'zod';

export const GiftCardBody = z
  .object({
    code: z.string().regex(/^[A-Za-z0-9-]{4,64}$/, 'must be 4-64 letters, digits or dashes').optional(),
    amount: z.number().positive().meta({ description: 'Initial value in the scheme currency, e.g. 25.00' }),
  })
  .strict()
  .meta({ id: 'IssueGiftCard' });
export const GiftCardParams = z.object({ code: z.string().regex(/^[A-Za-z0-9-]{4,64}$/) });

export const GiftCardView = z
  .object({
    code: z.string(),
    walletId: z.uuid(),
    balance: z.number(),
    balanceMinor: z.string(),
    holderId: z.uuid().nullable().meta({ description: 'The customer whose stored value it holds (set by its first top-up at a till, Loyale TopUp with value); null when anonymous' }),
  })
  .meta({ id: 'GiftCard' });
