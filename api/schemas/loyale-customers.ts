import { z } from 'zod';
import { CreateCustomerBody, UpdateCustomerBody } from './customers';

/*
 * Loyale's customer writes (seed 000 names Register, Modify and Hold, with no
 * body): Loyale's field names (`barCode`, `phoneNumber`) over the hub's own
 * field rules, so a value the hub's /v1/customers refuses is refused here too.
 */

const create = CreateCustomerBody.shape;
const update = UpdateCustomerBody.shape;

export const LoyaleRegisterCustomerBody = z
  .object({
    firstName: create.firstName,
    lastName: create.lastName,
    email: create.email,
    phoneNumber: create.phone,
    barCode: create.barcode,
  })
  .strict()
  .meta({ id: 'LoyaleRegisterCustomer' });

export const LoyaleModifyCustomerBody = z
  .object({
    firstName: update.firstName,
    lastName: update.lastName,
    email: update.email,
    phoneNumber: update.phone,
    // A customer always has a card number: it can be changed, never cleared.
    barCode: update.barcode,
  })
  .strict()
  .refine((b) => Object.values(b).some((v) => v !== undefined), 'at least one field must be given')
  .meta({ id: 'LoyaleModifyCustomer' });

export const LoyaleHoldBody = z
  .object({
    onHold: z.boolean().default(true).meta({ description: 'true (the default, also when the body is left out) places the account on hold; false takes it off hold' }),
  })
  .strict()
  .meta({ id: 'LoyaleCustomerHold' });
