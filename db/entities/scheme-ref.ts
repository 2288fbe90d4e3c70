import { SchemeEntity } from './scheme.entity';

/** The tenant column every scheme-owned table has: a foreign key, removed with its scheme. */
export const schemeRef = {
  kind: 'm:1',
  entity: () => SchemeEntity,
  mapToPk: true,
  fieldName: 'scheme_id',
  deleteRule: 'cascade',
} as const;
