import { EntitySchema } from '@mikro-orm/core';
import { ConnectionEntity } from './connection.entity';

/** The partner's own id for a hub customer (a Loyalty+ customer, a Coupontools card user), learnt on first sync. */
export class PartnerLinkEntity {
  connectionId!: string;
  customerId!: string;
  externalId!: string;
  createdAt: Date = new Date();
}

export const PartnerLinkSchema = new EntitySchema<PartnerLinkEntity>({
  class: PartnerLinkEntity,
  tableName: 'partner_links',
  properties: {
    connectionId: { kind: 'm:1', entity: () => ConnectionEntity, mapToPk: true, fieldName: 'connection_id', primary: true, deleteRule: 'cascade' },
    customerId: { type: 'uuid', primary: true },
    externalId: { type: 'string', length: 200 },
    createdAt: { type: 'datetime', length: 6 },
  },
});
