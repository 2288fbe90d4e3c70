import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** Registered on start (see runtime/search-attributes.ts) so ops can filter in the Web UI. */
export const searchAttributes = {
  schemeId: defineSearchAttributeKey('SchemeId', SearchAttributeType.KEYWORD),
  customerId: defineSearchAttributeKey('CustomerId', SearchAttributeType.KEYWORD),
  uniqueId: defineSearchAttributeKey('UniqueId', SearchAttributeType.KEYWORD),
  outletId: defineSearchAttributeKey('OutletId', SearchAttributeType.KEYWORD),
  /** `refused` plus the refusal's type on a workflow that refused its request (it completed with the refusal): ops find refusals here, real failures under Failed. */
  outcome: defineSearchAttributeKey('Outcome', SearchAttributeType.KEYWORD_LIST),
} as const;
