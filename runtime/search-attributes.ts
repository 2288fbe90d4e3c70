import type { ConnectionLike } from '@temporalio/client';
import { SearchAttributeType } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { searchAttributes } from '../workflows/contracts/search-attributes';

const indexed = temporal.api.enums.v1.IndexedValueType;
const typeOf = (t: SearchAttributeType) => (t === SearchAttributeType.KEYWORD_LIST ? indexed.INDEXED_VALUE_TYPE_KEYWORD_LIST : indexed.INDEXED_VALUE_TYPE_KEYWORD);

/**
 * Registers the hub's custom search attributes (idempotent). Works on the dev
 * server and on a real cluster alike, so there is one mechanism, not two.
 */
export async function ensureSearchAttributes(connection: ConnectionLike, namespace: string): Promise<void> {
  const missing = await missingSearchAttributes(connection, namespace);
  if (missing.length === 0) return;
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(missing.map((key) => [key.name, typeOf(key.type)])),
  });
}

async function missingSearchAttributes(connection: ConnectionLike, namespace: string) {
  const existing = await connection.operatorService.listSearchAttributes({ namespace });
  return Object.values(searchAttributes).filter((key) => !(key.name in (existing.customAttributes ?? {})));
}

/**
 * What the API and workers of a deployment do instead of registering: check.
 * Registration is one job's (npm run temporal:setup; compose's hub-setup), so
 * processes starting together never race to add the same attributes.
 */
export async function requireSearchAttributes(connection: ConnectionLike, namespace: string): Promise<void> {
  const missing = await missingSearchAttributes(connection, namespace);
  if (missing.length > 0) {
    throw new Error(`Temporal namespace "${namespace}" lacks the search attributes ${missing.map((k) => k.name).join(', ')}: run npm run temporal:setup (compose: the hub-setup job) first`);
  }
}
